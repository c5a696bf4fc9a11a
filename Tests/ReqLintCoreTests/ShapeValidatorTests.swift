@testable import ReqLintCore
import Testing

/// AWS's semantics for every shape type, on a small hand-made model so each case is exact.
struct ShapeValidatorTests {
    static let pack = OperationPack(
        id: OperationID("test:Op")!,
        service: .init(name: "test", apiVersion: "2020-01-01", serviceId: "Test", protocol: "json", jsonVersion: "1.1",
                       targetPrefix: "Test", endpointPrefix: "test", signingName: "test"),
        httpMethod: "POST", requestURI: "/", documentation: nil, input: "Input",
        shapes: [
            "Input": Shape(name: "Input", kind: .structure, members: [
                Member(name: "Name", shape: "Name"), Member(name: "Count", shape: "Count"), Member(name: "Big", shape: "Big"),
                Member(name: "Ratio", shape: "Ratio"), Member(name: "Flag", shape: "Flag"), Member(name: "When", shape: "When"),
                Member(name: "Data", shape: "Data"), Member(name: "Items", shape: "Items"), Member(name: "Env", shape: "Env"),
                Member(name: "Kind", shape: "Kind"), Member(name: "Nested", shape: "Nested"),
            ], required: ["Name"]),
            "Name": Shape(name: "Name", kind: .string, min: 1, max: 5, pattern: "[a-z]+"),
            "Count": Shape(name: "Count", kind: .integer, min: 1, max: 3),
            "Big": Shape(name: "Big", kind: .long),
            "Ratio": Shape(name: "Ratio", kind: .double, min: 0, max: 1),
            "Flag": Shape(name: "Flag", kind: .boolean),
            "When": Shape(name: "When", kind: .timestamp),
            "Data": Shape(name: "Data", kind: .blob),
            "Items": Shape(name: "Items", kind: .list, min: 1, max: 2, listMember: "Name"),
            "Env": Shape(name: "Env", kind: .map, max: 2, mapKey: "Key", mapValue: "Name"),
            "Key": Shape(name: "Key", kind: .string, min: 1, max: 4, pattern: "[A-Z]+"),
            "Kind": Shape(name: "Kind", kind: .string, enumValues: ["Default", "Advanced"]),
            "Nested": Shape(name: "Nested", kind: .structure, members: [Member(name: "Inner", shape: "Count")], required: ["Inner"]),
        ],
        provenance: .init(model: "test/2020-01-01/service-2.json", sha256: String(repeating: "0", count: 64), generator: "test")
    )

    static let linter = Linter(registry: OperationRegistry([try! OperationModel(pack: pack)]))

    /// The (rule, pointer) of each diagnostic for `member: value` added to a valid document.
    static func findings(_ members: String) -> [String] {
        let text = #"{"Name":"abc""# + (members.isEmpty ? "" : "," + members) + "}"
        let result = linter.lint(Array(text.utf8), operation: pack.id)
        return result.diagnostics.map { "\($0.rule) \($0.pointer)" }
    }

    static func messages(_ members: String) -> [String] {
        let text = #"{"Name":"abc""# + (members.isEmpty ? "" : "," + members) + "}"
        return linter.lint(Array(text.utf8), operation: pack.id).diagnostics.map(\.message)
    }

    @Test(arguments: [
        (#""Count":3"#, [String]()), (#""Count":1"#, []), (#""Count":3.0"#, ["type /Count"]), (#""Count":1e0"#, ["type /Count"]),
        (#""Count":"3""#, ["type /Count"]), (#""Count":true"#, ["type /Count"]), (#""Count":null"#, ["type /Count"]),
        (#""Count":4"#, ["range /Count"]), (#""Count":0"#, ["range /Count"]), (#""Count":-0"#, ["range /Count"]),
        (#""Count":2147483648"#, ["type /Count"]), (#""Count":-2147483649"#, ["type /Count"]),
        (#""Big":9223372036854775807"#, []), (#""Big":9223372036854775808"#, ["type /Big"]), (#""Big":-9223372036854775808"#, []),
        (#""Ratio":0.5"#, []), (#""Ratio":1e0"#, []), (#""Ratio":1"#, []), (#""Ratio":1.5"#, ["range /Ratio"]), (#""Ratio":"0.5""#, ["type /Ratio"]),
        (#""Ratio":-0.0"#, []), (#""Ratio":1e-400"#, []),
        (#""Flag":true"#, []), (#""Flag":false"#, []), (#""Flag":"true""#, ["type /Flag"]), (#""Flag":1"#, ["type /Flag"]),
        (#""Data":"aGVsbG8=""#, []), (#""Data":1"#, ["type /Data"]),
    ])
    func scalarTypes(_ input: String, _ expected: [String]) {
        #expect(Self.findings(input) == expected, "\(input)")
    }

    @Test(arguments: [
        "1764583200", "1764583200.5", "-1", #""2026-12-01T10:00:00Z""#, #""2026-12-01T10:00:00""#, #""2026-12-01T10:00:00.123456Z""#,
        #""2026-12-01T10:00:00+02:00""#, #""2026-12-01T10:00:00-11:30""#, #""2026-12-01T10:00:00+02""#, #""2026-12-01T10:00:00+0130""#, #""2026-12-01t10:00:00z""#, #""2028-02-29T00:00:00Z""#, #""2000-02-29T23:59:59Z""#,
    ])
    func validTimestamps(_ value: String) {
        #expect(Self.findings(#""When":"# + value).isEmpty, "\(value)")
    }

    @Test(arguments: [
        #""2026-02-29T00:00:00Z""#, #""1900-02-29T00:00:00Z""#, #""2026-13-01T00:00:00Z""#, #""2026-12-32T00:00:00Z""#,
        #""2026-12-01T24:00:00Z""#, #""2026-12-01T10:60:00Z""#, #""2026-12-01T10:00:60Z""#, #""2026-12-01""#,
        #""2026-12-01 10:00:00Z""#, #""2026-12-01T10:00Z""#, #""2026-12-01T10:00:00+2:00""#, #""2026-12-01T10:00:00.Z""#, #""2026-12-01T10:00:00+02:0""#,
        #""1764583200""#, #""tomorrow""#, #""""#, "true", "null", "{}", "[]", #""2026-12-01T10:00:00Z ""#,
    ])
    func invalidTimestamps(_ value: String) {
        #expect(Self.findings(#""When":"# + value) == ["type /When"], "\(value)")
    }

    @Test func timestampMessagesSayWhy() {
        #expect(Self.messages(#""When":"2026-02-29T00:00:00Z""#).first?.contains("February 2026 has 28 days") == true)
        #expect(Self.messages(#""When":"2026-12-01""#).first?.contains("add a time") == true)
    }

    @Test func everyViolatedConstraintIsItsOwnDiagnostic() {
        #expect(Self.findings(#""Items":[""]"#) == ["length /Items/0", "pattern /Items/0"])
        #expect(Self.findings(#""Items":["ABCDEF"]"#) == ["length /Items/0", "pattern /Items/0"])
    }

    @Test func lengthsCountCodePoints() {
        // One code point written as a surrogate pair escape: length 1, but not [a-z].
        #expect(Self.findings(#""Items":["\ud83d\ude00"]"#) == ["pattern /Items/0"])
        // Five code points of which the last is an emoji: length 5 is allowed.
        #expect(Self.findings(#""Items":["abcd😀"]"#) == ["pattern /Items/0"])
        #expect(Self.findings(#""Items":["abcde😀"]"#) == ["length /Items/0", "pattern /Items/0"])
    }

    @Test func patternsAreFullMatches() {
        #expect(Self.findings(#""Items":["abc1"]"#) == ["pattern /Items/0"])
        #expect(Self.findings(#""Items":["abc\n"]"#) == ["pattern /Items/0"])
        #expect(Self.messages(#""Items":["abc\n"]"#).first?.contains("remove the line break at the end") == true)
    }

    @Test func listsAndMaps() {
        #expect(Self.findings(#""Items":[]"#) == ["size /Items"])
        #expect(Self.findings(#""Items":["a","b","c"]"#) == ["size /Items"])
        #expect(Self.findings(#""Items":"a""#) == ["type /Items"])
        #expect(Self.messages(#""Items":"a""#).first?.contains("wrap it in [ ]") == true)
        #expect(Self.findings(#""Env":{"AB":"x","CD":"y"}"#).isEmpty)
        #expect(Self.findings(#""Env":{"AB":"x","CD":"y","EF":"z"}"#) == ["size /Env"])
        // A repeated key is one entry: the map has two entries, and the duplicate is reported.
        #expect(Self.findings(#""Env":{"AB":"x","CD":"y","AB":"z"}"#) == ["duplicate-key /Env/AB"])
        #expect(Self.findings(#""Env":{"a/b":"x"}"#) == ["pattern /Env/a~1b"])
        #expect(Self.findings(#""Env":{"ABCDE":"x"}"#) == ["length /Env/ABCDE"])
        #expect(Self.findings(#""Env":{"AB":"1"}"#) == ["pattern /Env/AB"])
    }

    @Test func nullIsATypeErrorNeverRequired() {
        let text = #"{"Name":null}"#
        let result = Self.linter.lint(Array(text.utf8), operation: Self.pack.id)
        #expect(result.diagnostics.map(\.rule) == [.type])
    }

    @Test func requiredMembers() {
        let result = Self.linter.lint(Array(#"{"Nested":{}}"#.utf8), operation: Self.pack.id)
        #expect(result.diagnostics.map { "\($0.rule) \($0.pointer)" } == ["required ", "required /Nested"])
        #expect(result.diagnostics[0].message == #"the request is missing required member "Name""#)
        #expect(result.diagnostics[1].message == #"Nested is missing required member "Inner""#)
        #expect(result.diagnostics[1].range == SourceRange(start: 10, end: 12))
    }

    @Test func typeErrorsAreNotLookedInto() {
        #expect(Self.findings(#""Nested":[{"Inner":"x"}]"#) == ["type /Nested"])
    }

    @Test func unknownMembersAreReportedAndNotChecked() {
        #expect(Self.findings(#""Bogus":{"Name":null}"#) == ["unknown-member /Bogus"])
        #expect(Self.messages(#""count":2"#) == [#"unknown member "count": member names are case-sensitive; write "Count""#])
        #expect(Self.messages(#""Cuont":2"#).first?.contains(#"did you mean "Count"?"#) == true)
        let text = #"{"Name":"abc","Bogus":1}"#
        let d = Self.linter.lint(Array(text.utf8), operation: Self.pack.id).diagnostics[0]
        #expect(d.range == SourceRange(start: 14, end: 21))  // the member name, quotes included
    }

    @Test func enumsSuggestTheClosestValue() {
        #expect(Self.messages(#""Kind":"default""#) == [#"Kind must be one of Default, Advanced; did you mean "Default"?"#])
        #expect(Self.messages(#""Kind":"Advnaced""#) == [#"Kind must be one of Default, Advanced; did you mean "Advanced"?"#])
        #expect(Self.messages(#""Kind":"Other""#) == [#"Kind must be one of Default, Advanced (found "Other")"#])
    }

    @Test func duplicateMembersCheckTheLastValue() {
        let text = #"{"Name":"abc","Count":9,"Count":2}"#
        let result = Self.linter.lint(Array(text.utf8), operation: Self.pack.id)
        #expect(result.diagnostics.map { "\($0.rule) \($0.pointer)" } == ["duplicate-key /Count"])
        #expect(result.diagnostics[0].related.first?.range == SourceRange(start: 14, end: 21))
    }

    @Test func rootMustBeAnObject() {
        for text in ["[]", "1", "\"x\"", "null"] {
            let result = Self.linter.lint(Array(text.utf8), operation: Self.pack.id)
            #expect(result.diagnostics.map(\.rule) == [.type], "\(text)")
            #expect(result.status == .checked)
        }
    }

    @Test func patternFindingsPointAtTheCharacter() {
        let text = "{\"Name\":\"abc\",\n  \"Items\": [\"ok\", \"BAD\"]}"
        let d = Self.linter.lint(Array(text.utf8), operation: Self.pack.id).diagnostics[0]
        // A pattern that is one character class: the range is the first character it does not allow.
        #expect(String(decoding: Array(text.utf8)[d.range.start ..< d.range.end], as: UTF8.self) == "B")
        #expect(LineTable(Array(text.utf8)).position(of: d.range.start) == .init(line: 2, column: 20))
        #expect(d.message.contains("\"B\" (U+0042) at character 1 is not allowed by its pattern"), "\(d.message)")
    }
}
