import Foundation
import ReqLintCore
import ReqLintReport
import Testing

/// docs/rules.md and the README's rules table are generated from the catalogue; these fail
/// when either is stale (regenerate with scripts/generate-docs).
struct RuleDocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let registry = try! BundledRules.registry()

    @Test func rulesMarkdownIsFresh() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        let generated = RuleDocumentation.markdown(Self.registry, bases: try BundledRules.exampleBases())
        #expect(committed == generated, "docs/rules.md is stale: run scripts/generate-docs")
    }

    @Test func ruleLanguageMarkdownIsFresh() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent("docs/rule-language.md"), encoding: .utf8)
        #expect(committed == RuleLanguage.markdown(), "docs/rule-language.md is stale: run scripts/generate-docs")
    }

    /// Every check kind's documented example is a valid check: the docs' examples are tests.
    @Test func everyKindsExampleIsValid() throws {
        for kind in RuleFileSpec.kinds {
            let rule = """
            {"id": "acme/x", "title": "t", "summary": "s", "severity": "error", "operations": ["sagemaker:CreateInferenceExperiment"],
             "source": {"document": "d", "quote": "q"}, "checks": [\(kind.example)]}
            """
            let problems = RuleFileValidator.problems(JSONParser.parse(Array(rule.utf8)))
            #expect(problems.isEmpty, "\(kind.name): \(problems.map(\.message))")
            let document = JSONParser.parse(Array(rule.utf8))
            #expect(throws: Never.self) { try DocumentedRule(json: document.value(at: document.root!), requireExamples: false) }
        }
    }

    @Test func readmeRulesTableIsFresh() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = "<!-- BEGIN GENERATED RULES: scripts/generate-docs -->\n"
        let start = try #require(readme.range(of: begin)).upperBound
        let end = try #require(readme.range(of: "<!-- END GENERATED RULES -->")).lowerBound
        #expect(String(readme[start ..< end]) == RuleDocumentation.table(Self.registry), "the README rules table is stale: run scripts/generate-docs")
    }

    @Test func everyRuleHasAnAnchorInTheDocs() throws {
        let markdown = RuleDocumentation.markdown(Self.registry, bases: try BundledRules.exampleBases())
        for rule in RuleDocumentation.descriptors(Self.registry) {
            #expect(markdown.contains("### `\(rule.id)`"), "\(rule.id)")
            #expect(rule.catalogueURI.hasSuffix("#" + RuleDocumentation.anchor(rule.id)))
            // A documented rule's help is its public source page; no seed file names.
            if rule.id.rawValue.contains("/") && !rule.id.rawValue.hasPrefix("yaml/") && !rule.id.rawValue.hasPrefix("preflight/") {
                #expect(rule.helpURI.hasPrefix("https://docs.aws.amazon.com/"), "\(rule.id)")
                #expect(!rule.source.contains("seeds"), "\(rule.id)")
            } else {
                #expect(rule.helpURI == rule.catalogueURI)
            }
        }
    }

    @Test func explainShowsSourceAndExamples() throws {
        let text = try #require(RuleDocumentation.explain("sagemaker/phase-initial-users", registry: Self.registry, bases: try BundledRules.exampleBases()))
        #expect(text.contains("The value should be between 1 and 3."))
        #expect(text.contains("https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Phase.html"))
        #expect(!text.contains("seeds"))
        let pattern = try #require(RuleDocumentation.explain("pattern", registry: Self.registry, bases: [:]))
        #expect(pattern.contains("https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_StartTrainedModelInferenceJob.html"))
        #expect(text.contains("\"InitialNumberOfUsers\": 4"))
        let enums = try #require(RuleDocumentation.explain("enum", registry: Self.registry, bases: [:]))
        #expect(enums.contains("ml.m5.xlarge"))
        #expect(enums.contains("COMPUTER_VISION"))
        #expect(RuleDocumentation.explain("nope", registry: Self.registry, bases: [:]) == nil)
    }
}
