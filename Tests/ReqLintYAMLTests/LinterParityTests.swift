import Foundation
import ReqLintCore
import ReqLintYAML
import Testing

/// The same document in JSON and in YAML gives the same findings: rule, severity, pointer and
/// the value each finding covers.
struct LinterParityTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var path: String
        var operation: OperationID
        var testDescription: String { path }
    }

    static let linter = Linter(registry: try! BundledRules.registry())

    /// Every corpus document that is well-formed JSON (the `syntax-*` ones are not).
    static let cases: [Case] = {
        let corpus = Support.root.appendingPathComponent("corpus").path
        var cases: [Case] = []
        let fileManager = FileManager.default
        for service in ((try? fileManager.contentsOfDirectory(atPath: corpus)) ?? []).sorted() {
            for operation in ((try? fileManager.contentsOfDirectory(atPath: corpus + "/" + service)) ?? []).sorted() {
                let directory = corpus + "/" + service + "/" + operation
                for file in ((try? fileManager.contentsOfDirectory(atPath: directory)) ?? []).sorted()
                where file.hasSuffix(".json") && !file.hasPrefix("syntax-") {
                    cases.append(Case(path: "corpus/\(service)/\(operation)/\(file)", operation: OperationID(service: service, name: operation)))
                }
            }
        }
        return cases
    }()

    @Test func corpusIsPresent() {
        #expect(Self.cases.count > 50, "expected the corpus under \(Support.root.path)/corpus")
        #expect(Self.cases.contains { $0.path.contains("valid-") })
        #expect(Self.cases.contains { $0.path.contains("invalid-duplicate-key") })
    }

    /// What a range covers in a document: the pointer and role of the node it is exactly, or
    /// of the node that starts where it starts.
    static func coverage(_ range: SourceRange, in document: JSONDocument, parents: [Int32]) -> String {
        var keys: Set<Int32> = []
        for index in document.nodes.indices where document.nodes[index].kind == .object {
            for member in document.members(of: Int32(index)) { keys.insert(member.key) }
        }
        func describe(_ node: Int32, _ how: String) -> String {
            "\(how) \(keys.contains(node) ? "key" : "\(document[node].kind)") at \(document.pointer(to: node, parents: parents))"
        }
        if let exact = document.nodes.indices.first(where: { document.nodes[$0].range == range }) {
            return describe(Int32(exact), "exactly")
        }
        if let start = document.nodes.indices.first(where: { Int(document.nodes[$0].start) == range.start }) {
            return describe(Int32(start), "starting")
        }
        return "nothing"
    }

    /// The comparable shape of a lint result.
    static func findings(_ result: LintResult) -> [String] {
        let document = result.document
        let parents = document.root == nil ? [] : document.parents()
        return result.diagnostics.map { diagnostic in
            var line = "\(diagnostic.rule) \(diagnostic.severity) \(diagnostic.pointer)"
            // A pattern finding may be on the one character the pattern does not allow, which
            // YAML can spell differently (escapes, folding): only its value is compared.
            if document.root != nil, diagnostic.rule != .pattern { line += " [\(coverage(diagnostic.range, in: document, parents: parents))]" }
            for related in diagnostic.related {
                line += " related \(related.pointer)"
                if document.root != nil { line += " [\(coverage(related.range, in: document, parents: parents))]" }
            }
            return line
        }.sorted()
    }

    /// Messages with positions masked (they name lines and columns of each syntax).
    static func messages(_ result: LintResult) -> [String] {
        result.diagnostics.map { diagnostic in
            diagnostic.message.replacingOccurrences(of: #"line \d+, column \d+"#, with: "line _, column _", options: .regularExpression)
        }.sorted()
    }

    @Test(arguments: cases)
    func sameFindings(_ testCase: Case) throws {
        let bytes = [UInt8](try Data(contentsOf: Support.root.appendingPathComponent(testCase.path)))
        let json = JSONParser.parse(bytes)
        try #require(json.syntaxError == nil)
        let jsonResult = Self.linter.lint(json, operation: testCase.operation)
        for variant in [JSONToYAML(), JSONToYAML(cycleStringStyles: false, indentlessSequences: true)] {
            var converter = variant
            let yaml = converter.convert(json)
            let (document, yamlDiagnostics) = YAMLRequestDocument.parse(yaml)
            let yamlDocument = try #require(document, "\(yamlDiagnostics.map(\.message))\n\(yaml)")
            // JSON numbers with an exponent but no point (1e3) are strings to YAML 1.1 parsers:
            // the only finding expected of the YAML front end.
            let unexpected = yamlDiagnostics.filter { diagnostic in
                let node = yamlDocument.nodes.first { $0.range == diagnostic.range }
                return !(diagnostic.rule == .yamlImplicitType && node?.kind == .number)
            }
            #expect(unexpected.isEmpty, "\(unexpected.map(\.message))\n\(yaml)")
            #expect(yamlDocument.value(at: yamlDocument.root!) == json.value(at: json.root!), "\(yaml)")
            let yamlResult = Self.linter.lint(yamlDocument, operation: testCase.operation)
            #expect(yamlResult.status == jsonResult.status)
            #expect(Self.findings(yamlResult) == Self.findings(jsonResult), "\(yaml)")
            #expect(Self.messages(yamlResult) == Self.messages(jsonResult), "\(yaml)")
        }
    }

    @Test func duplicateKeysAreReportedWithBothPositions() throws {
        let text = """
        Name: churn-shadow
        Type: ShadowMode
        Name: "churn-shadow-2"

        """
        let document = try Support.document(text)
        let result = Self.linter.lint(document, operation: OperationID(service: "sagemaker", name: "CreateInferenceExperiment"))
        let duplicate = try #require(result.diagnostics.first { $0.rule == .duplicateKey })
        #expect(duplicate.pointer.description == "/Name")
        #expect(duplicate.range == Support.range(of: "Name", in: text, occurrence: 1))
        #expect(duplicate.message.contains("first at line 1, column 1"), "\(duplicate.message)")
        #expect(duplicate.related.map(\.range) == [Support.range(of: "Name", in: text, occurrence: 0)])
        let lines = LineTable(document.bytes)
        #expect(lines.position(of: duplicate.range.start).text == "3:1")
        // The last value is the one checked, as the AWS CLI keeps it.
        #expect(document.value(at: document.root!)["Name"]?.stringValue == "churn-shadow-2")
    }

    @Test func yamlDiagnosticsCoverTheSameValue() throws {
        // A value error is at the YAML value, key errors at the YAML key.
        let text = "Name: \"bad name!\"\nType: ShadowMode\nUnknownThing: 1\n"
        let document = try Support.document(text)
        let result = Self.linter.lint(document, operation: OperationID(service: "sagemaker", name: "CreateInferenceExperiment"))
        let pattern = try #require(result.diagnostics.first { $0.pointer.description == "/Name" })
        #expect(pattern.range == Support.range(of: "\"bad name!\"", in: text))
        let unknown = try #require(result.diagnostics.first { $0.rule == .unknownMember })
        #expect(unknown.range == Support.range(of: "UnknownThing", in: text))
    }
}
