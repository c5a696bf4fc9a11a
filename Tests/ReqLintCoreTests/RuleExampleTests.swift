@testable import ReqLintCore
import Testing

/// Runs every documented rule's examples, as SwiftLint runs its rules' triggering and
/// non-triggering examples: a valid example must produce no error at all and nothing from its
/// rule; an invalid one must produce exactly the expected diagnostics of its rule. Each example
/// also runs minified and re-indented with a multi-byte prefix in its strings' neighbourhood.
struct RuleExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: DocumentedRule
        var example: DocumentedRule.Example
        var index: Int
        var valid: Bool
        var testDescription: String { "\(rule.descriptor.id) \(valid ? "valid" : "invalid") #\(index + 1)" + (example.comment.map { " (\($0))" } ?? "") }
    }

    static let registry = try! BundledRules.registry()
    static let linter = Linter(registry: registry)
    static let bases = try! BundledRules.exampleBases()

    /// The rules with their examples (the linter's registry reads them without).
    static let rules = try! BundledRules.documentedRules()

    static let cases: [Case] = rules.flatMap { rule in
        rule.valid.enumerated().map { Case(rule: rule, example: $1, index: $0, valid: true) }
            + rule.invalid.enumerated().map { Case(rule: rule, example: $1, index: $0, valid: false) }
    }

    static func document(_ example: DocumentedRule.Example) -> JSONValue {
        bases[example.operation]!.merging(example.patch)
    }

    @Test func everyOperationHasAnExampleBaseThatIsClean() throws {
        for id in Self.registry.ids {
            let base = try #require(Self.bases[id], "no example base for \(id)")
            let result = Self.linter.lint(Array(base.serialized(pretty: true).utf8), operation: id)
            #expect(result.diagnostics.isEmpty, "\(id) base: \(result.diagnostics.map(\.message))")
        }
    }

    @Test func everyRuleHasASourceAndBothKindsOfExamples() {
        #expect(Self.rules.count >= 25)
        for rule in Self.rules {
            #expect(!rule.quote.isEmpty && !rule.descriptor.source.isEmpty, "\(rule.descriptor.id)")
            #expect(!rule.valid.isEmpty && !rule.invalid.isEmpty, "\(rule.descriptor.id)")
            #expect(rule.descriptor.id.rawValue.hasPrefix(rule.operations[0].service + "/"), "\(rule.descriptor.id)")
        }
    }

    /// The linter reads a rule file only for the operations the generated list gives it
    /// (``BundledRuleFiles/documented``), which must be the rule's own.
    @Test func theListOfEachRulesOperationsIsTheRules() {
        let listed = Dictionary(uniqueKeysWithValues: BundledRuleFiles.documented.map { ($0.path, $0.operations) })
        #expect(listed.count == Self.rules.count)
        for rule in Self.rules {
            let service = rule.descriptor.id.rawValue.split(separator: "/")[0], name = rule.descriptor.id.rawValue.split(separator: "/")[1]
            #expect(listed["rules/\(service)/documented/\(name).json"] == rule.operations.map(\.description), "\(rule.descriptor.id)")
        }
        #expect(Self.registry.documentedRules.rules == Self.rules.sorted { $0.descriptor.id < $1.descriptor.id })
        // What the linter reads: the same rule without its examples.
        for entry in BundledRuleFiles.documented {
            let document = JSONParser.parse(entry.checking)
            let checking = try? DocumentedRule(json: document.value(at: document.root!), requireExamples: false)
            var full = Self.rules.first { "rules/\($0.descriptor.id.rawValue.replacingOccurrences(of: "/", with: "/documented/")).json" == entry.path }
            full?.valid = []
            full?.invalid = []
            #expect(checking != nil && checking == full, "\(entry.path)")
        }
    }

    @Test(arguments: cases)
    func example(_ testCase: Case) {
        let value = Self.document(testCase.example)
        for text in [value.serialized(pretty: true), value.serialized(pretty: false), "\u{FEFF}" + value.serialized(pretty: true).replacingAll("\n", with: "\r\n")] {
            let result = Self.linter.lint(Array(text.utf8), operation: testCase.example.operation)
            #expect(result.status == .checked)
            let mine = result.diagnostics.filter { $0.rule == testCase.rule.descriptor.id }
            if testCase.valid {
                #expect(mine.isEmpty, "\(testCase.testDescription) triggers: \(mine.map(\.message))")
                #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty,
                        "\(testCase.testDescription) has errors: \(result.diagnostics.map { "\($0.rule): \($0.message)" })")
            } else {
                #expect(mine.map(\.pointer) == testCase.example.expected,
                        "\(testCase.testDescription): expected \(testCase.example.expected.map(\.description)), got \(mine.map { "\($0.pointer): \($0.message)" })")
                for diagnostic in mine {
                    for placeholder in ["{value}", "{other}", "{name}", "{set}", "{key}", "{count}", "{length}", "{difference}", "{error}"] {
                        #expect(!diagnostic.message.contains(placeholder), "unfilled placeholder: \(diagnostic.message)")
                    }
                    #expect(diagnostic.severity == testCase.rule.descriptor.severity)
                }
                let others = result.diagnostics.filter {
                    $0.rule != testCase.rule.descriptor.id && $0.severity == .error && !testCase.example.alsoReported.contains($0.rule)
                }
                #expect(others.isEmpty, "\(testCase.testDescription) also has: \(others.map { "\($0.rule): \($0.message)" })")
            }
        }
    }
}
