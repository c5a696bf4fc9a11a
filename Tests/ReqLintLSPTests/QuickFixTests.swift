import ReqLintCore
@testable import ReqLintLSP
import Testing

/// Every quick fix applied to the text: the result parses, and the diagnostic it fixes is gone.
struct QuickFixTests {
    static let registry = try! BundledRules.registry()
    static let analyzer = DocumentAnalyzer(registry: registry)

    static let roleArn = "arn:aws:iam::123456789012:role/R"

    func analyze(_ text: String) -> DocumentAnalysis { Self.analyzer.analyze(Array(text.utf8), syntax: .json) }

    /// The fixes of the first diagnostic of `rule` (and at `pointer`, if given).
    func fixes(_ text: String, _ rule: RuleID, at pointer: String? = nil) throws -> (DocumentAnalysis, Diagnostic, [QuickFix]) {
        let analysis = analyze(text)
        let diagnostic = try #require(analysis.diagnostics.first { $0.rule == rule && (pointer == nil || $0.pointer.description == pointer) },
                                      "no \(rule) diagnostic in \(analysis.diagnostics.map { "\($0.rule) \($0.pointer)" }) of \(text) (\(analysis.hint ?? ""))")
        return (analysis, diagnostic, QuickFixProvider.fixes(for: diagnostic, in: analysis, registry: Self.registry))
    }

    /// Applies `fix`, checks the result is well-formed and no longer has the diagnostic;
    /// returns the new text.
    @discardableResult
    func apply(_ fix: QuickFix, to text: String, fixing diagnostic: Diagnostic) -> String {
        let result = String(decoding: TextEdit.apply(fix.edits, to: Array(text.utf8)), as: UTF8.self)
        let after = analyze(result)
        #expect(after.document != nil, "not well-formed after \(fix.title):\n\(result)")
        #expect(after.outcome == .checked, "\(fix.title): \(after.hint ?? "")")
        #expect(!after.diagnostics.contains { $0.rule == diagnostic.rule && $0.message == diagnostic.message },
                "\(fix.title) did not fix \(diagnostic.message):\n\(result)")
        return result
    }

    // MARK: enum

    @Test func enumValueReplacedByClosest() throws {
        let text = "{\n  \"JobName\": \"j\",\n  \"JobType\": \"default\",\n  \"RoleArn\": \"\(Self.roleArn)\",\n  \"InputConfig\": {}\n}\n"
        let (_, diagnostic, fixes) = try fixes(text, .enum)
        let fix = try #require(fixes.first)
        #expect(fix.title == "Change to \"Default\"")
        #expect(fix.isPreferred)
        // Only the inside of the string literal changes.
        let start = Array(text.utf8).firstIndex(of: UInt8(ascii: "d"))! // the first "d" is the one in "default"
        #expect(fix.edits == [TextEdit(range: SourceRange(start: start, end: start + 7), newText: "Default")])
        let fixed = apply(fix, to: text, fixing: diagnostic)
        #expect(analyze(fixed).diagnostics.isEmpty)
    }

    @Test func enumInAListAndProseEnum() throws {
        let text = """
        {"JobName":"j","JobType":"Default","RoleArn":"\(Self.roleArn)","InputConfig":{"ContainerConfig":{"Domain":"COMPUTER_VISON","SupportedEndpointType":"realtime"}}}
        """
        for pointer in ["/InputConfig/ContainerConfig/Domain", "/InputConfig/ContainerConfig/SupportedEndpointType"] {
            let (_, diagnostic, fixes) = try fixes(text, .enum, at: pointer)
            let fix = try #require(fixes.first, "no fix at \(pointer)")
            apply(fix, to: text, fixing: diagnostic)
        }
    }

    @Test func noEnumFixWithoutACloseValue() throws {
        let text = "{\"JobName\":\"j\",\"JobType\":\"zzzzzzzzzzzzzz\",\"RoleArn\":\"\(Self.roleArn)\",\"InputConfig\":{}}"
        let (_, _, fixes) = try fixes(text, .enum)
        #expect(fixes.isEmpty)
    }

    // MARK: unknown members

    @Test func memberNameLetterCase() throws {
        let text = "{\n  \"jobName\": \"j\",\n  \"JobType\": \"Default\",\n  \"RoleArn\": \"\(Self.roleArn)\",\n  \"InputConfig\": {}\n}"
        let (_, diagnostic, fixes) = try fixes(text, .unknownMember)
        #expect(fixes.map(\.title) == ["Write \"JobName\" (member names are case-sensitive)", "Remove unknown member \"jobName\""])
        #expect(fixes[0].edits == [TextEdit(range: SourceRange(start: 5, end: 12), newText: "JobName")])
        let fixed = apply(fixes[0], to: text, fixing: diagnostic)
        #expect(analyze(fixed).diagnostics.isEmpty, "renaming also satisfies the required JobName")
    }

    @Test func removeUnknownMemberInEveryPosition() throws {
        let base = [("\"JobName\"", "\"j\""), ("\"JobType\"", "\"Default\""), ("\"RoleArn\"", "\"\(Self.roleArn)\""), ("\"InputConfig\"", "{}")]
        for layout in ["pretty", "minified", "crlf"] {
            for position in 0 ... base.count {
                var members = base
                members.insert(("\"Bogus\"", "[1, {\"x\": 2}]"), at: position)
                let text: String
                switch layout {
                case "pretty": text = "{\n" + members.map { "  \($0.0): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
                case "minified": text = "{" + members.map { "\($0.0):\($0.1)" }.joined(separator: ",") + "}"
                default: text = "{\r\n" + members.map { "\t\($0.0) : \($0.1)" }.joined(separator: " ,\r\n") + "\r\n}"
                }
                let (_, diagnostic, fixes) = try fixes(text, .unknownMember)
                let fix = try #require(fixes.first { $0.title.hasPrefix("Remove") })
                let fixed = apply(fix, to: text, fixing: diagnostic)
                #expect(analyze(fixed).diagnostics.isEmpty, "\(layout) \(position): \(fixed)")
                // Exactly the member and one comma are gone.
                let removed = text.utf8.count - fixed.utf8.count
                #expect(removed >= "\"Bogus\":[1, {\"x\": 2}],".utf8.count, "\(layout) \(position)")
                #expect(fixed.filter { $0 == "," }.count == text.filter { $0 == "," }.count - 2, "one comma of the member list and the one inside the value")
            }
        }
    }

    @Test func removeTheOnlyMemberLeavesAnEmptyObject() throws {
        let text = "{\"JobName\":\"j\",\"JobType\":\"Default\",\"RoleArn\":\"\(Self.roleArn)\",\"InputConfig\":{ \"Nope\": true }}"
        let (_, diagnostic, fixes) = try fixes(text, .unknownMember)
        #expect(fixes.map(\.title) == ["Remove unknown member \"Nope\""])
        let fixed = apply(fixes[0], to: text, fixing: diagnostic)
        #expect(fixed.hasSuffix("\"InputConfig\":{}}"))
    }

    @Test func nearMissMemberName() throws {
        let text = "{\"JobName\":\"j\",\"JobTyp\":\"Default\",\"RoleArn\":\"\(Self.roleArn)\",\"InputConfig\":{}}"
        let (_, diagnostic, fixes) = try fixes(text, .unknownMember)
        #expect(fixes.first?.title == "Change to \"JobType\"")
        let fixed = apply(fixes[0], to: text, fixing: diagnostic)
        #expect(analyze(fixed).diagnostics.isEmpty)
    }

    // MARK: required members

    @Test func addMissingRequiredMemberInModelOrder() throws {
        let text = "{\n  \"JobName\": \"j\",\n  \"JobType\": \"Default\",\n  \"InputConfig\": {}\n}\n"
        let (_, diagnostic, fixes) = try fixes(text, .required)
        let fix = try #require(fixes.first)
        #expect(fix.title == "Add required member \"RoleArn\"")
        let fixed = apply(fix, to: text, fixing: diagnostic)
        #expect(fixed == "{\n  \"JobName\": \"j\",\n  \"JobType\": \"Default\",\n  \"RoleArn\": \"\",\n  \"InputConfig\": {}\n}\n")
        #expect(fix.edits.count == 1 && fix.edits[0].range.start == fix.edits[0].range.end, "a pure insertion")
    }

    @Test func addMissingRequiredMemberPlaceholders() throws {
        // Before every present member (JobName first), minified, with the first enum value.
        let minified = "{\"RoleArn\":\"\(Self.roleArn)\",\"InputConfig\":{},\"JobName\":\"j\"}"
        let (_, d1, f1) = try fixes(minified, .required)
        let fixed1 = apply(try #require(f1.first), to: minified, fixing: d1)
        #expect(fixed1 == "{\"RoleArn\":\"\(Self.roleArn)\",\"InputConfig\":{},\"JobName\":\"j\",\"JobType\":\"Default\"}")

        // Two members (one is no evidence of a request), one line: the rest added one by one,
        // a structure placeholder last.
        let start = "{\"JobName\": \"j\", \"JobType\": \"Default\"}"
        #expect(analyze(start).diagnostics.filter { $0.rule == .required }.count == 2)
        var text = start
        for _ in 0 ..< 2 {
            let (_, diagnostic, fixes) = try fixes(text, .required, at: "")
            text = apply(try #require(fixes.first), to: text, fixing: diagnostic)
        }
        #expect(text == "{\"JobName\": \"j\", \"JobType\": \"Default\", \"RoleArn\": \"\", \"InputConfig\": {}}")
        #expect(analyze(text).diagnostics.allSatisfy { $0.rule != .required }, "\(text)")
        #expect(text.contains("\"InputConfig\": {}") || text.contains("\"InputConfig\":{}"), "\(text)")

        // Nested: numbers (with a minimum), lists, strings, inside lists and objects.
        let nested = """
        {
          "JobName": "j", "JobType": "Advanced", "RoleArn": "\(Self.roleArn)",
          "InputConfig": {
            "EndpointConfigurations": [{"InstanceType": "ml.c5.xlarge", "ServerlessConfig": {}}],
            "VpcConfig": {
            }
          },
          "Tags": [{}]
        }
        """
        for (pointer, expected) in [("/InputConfig/EndpointConfigurations/0/ServerlessConfig", #"{"MaxConcurrency": 1}"#),
                                    ("/InputConfig/VpcConfig", #""SecurityGroupIds": []"#),
                                    ("/Tags/0", #"[{"Key": ""}]"#)] {
            let (_, diagnostic, fixes) = try fixes(nested, .required, at: pointer)
            let fixed = apply(try #require(fixes.first), to: nested, fixing: diagnostic)
            #expect(fixed.contains(expected), "\(fixed)")
        }
    }

    @Test func requiredFixForEachMissingMember() throws {
        let text = "{\"InputConfig\": {}}"
        let analysis = analyze(text)
        for diagnostic in analysis.diagnostics where diagnostic.rule == .required {
            let fixes = QuickFixProvider.fixes(for: diagnostic, in: analysis, registry: Self.registry)
            let fix = try #require(fixes.first)
            let name = fix.title.split(separator: "\"")[1]
            #expect(diagnostic.message.hasSuffix("\"\(name)\""))
            let fixed = apply(fix, to: text, fixing: diagnostic)
            #expect(fixed.contains(#""\#(name)": "#))
        }
    }
}
