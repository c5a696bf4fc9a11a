import Foundation
@testable import ReqLintCore
import Testing

/// Rule files are as strict as `.reqlint.yaml`: every mistake is an error at its position.
struct RuleFileValidatorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The problems of `text`, as `line:column message`.
    static func problems(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let lines = LineTable(bytes)
        return RuleFileValidator.problems(JSONParser.parse(bytes)).map {
            let p = lines.position(of: $0.range.start)
            return "\(p.line):\(p.column) \($0.message)"
        }
    }

    static func rule(_ checks: String, extra: String = "") -> String {
        """
        {"id": "acme/x", "title": "t", "summary": "s", "severity": "error", "operations": ["sagemaker:CreateInferenceExperiment"],
         "source": {"document": "d", "quote": "q"},\(extra)
         "checks": [\(checks)]}
        """
    }

    @Test func everyBundledRuleFileIsValid() throws {
        let folders = ["rules/sagemaker/documented", "rules/cleanroomsml/documented"]
        var count = 0
        for folder in folders {
            for name in try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path) where name.hasSuffix(".json") {
                let text = try String(contentsOf: Self.root.appendingPathComponent(folder + "/" + name), encoding: .utf8)
                #expect(Self.problems(text).isEmpty, "\(folder)/\(name): \(Self.problems(text))")
                count += 1
            }
        }
        #expect(count > 20)
    }

    @Test func mistakesAreErrorsAtTheirPositions() {
        let found = Self.problems(Self.rule("""
        {"kind": "range", "pointer": "/SamplingPercentage", "mx": 100, "message": "{vaule} is too much"},
          {"kind": "range", "pointer": "/X", "message": "m"},
          {"kind": "pattern", "pointer": "/Name", "regex": "([a-z", "message": "m"},
          {"kind": "requirs", "pointer": "/Type", "message": "m"},
          {"kind": "absent", "pointer": "Name", "message": "m", "relatedMessage": "r"}
        """, extra: "\n \"sevrity\": \"error\","))
        let expected = [
            "3:2 unknown key \"sevrity\" in a rule; did you mean \"severity\"?",
            "4:65 unknown key \"mx\" in a range check; did you mean \"max\"?",
            "4:13 a range check needs \"min\" or \"max\": without it, it checks nothing",
            "4:87 unknown placeholder {vaule} in a range check's message; did you mean {value}?",
            "5:3 a range check needs \"min\" or \"max\": without it, it checks nothing",
            "6:52 regex does not compile",
            "7:12 unknown check kind \"requirs\"; did you mean \"requires\"?",
            "8:33 \"Name\" is not a JSON pointer",
            "8:57 unknown key \"relatedMessage\" in an absent check",
        ]
        for prefix in expected {
            #expect(found.contains { $0.hasPrefix(prefix) }, "\(prefix)\nfound: \(found.joined(separator: "\n"))")
        }
        #expect(found.count == expected.count, "\(found.joined(separator: "\n"))")
    }

    @Test func aValidRuleHasNoProblems() {
        #expect(Self.problems(Self.rule(#"{"kind": "requires", "pointer": "/Type", "equals": "ShadowMode", "present": "/KmsKey", "message": "set KmsKey ({value})"}"#)) == [])
    }

    /// A `$schema` key (editors) is allowed; braces that are no near miss of a placeholder are
    /// a warning (printed as written), not an error.
    @Test func schemaKeyAndLiteralBraces() {
        let bytes = Array(Self.rule(#"{"kind": "absent", "pointer": "/KmsKey", "message": "names look like team-{team}"}"#, extra: #" "$schema": "./rule.schema.json","#).utf8)
        let found = RuleFileValidator.problems(JSONParser.parse(bytes))
        #expect(found.map(\.severity) == [.warning], "\(found.map(\.message))")
    }
}
