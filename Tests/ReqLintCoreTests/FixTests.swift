@testable import ReqLintCore
import Testing

/// Certain fixes (`reqlint lint --fix`): exactly which bytes change, and that nothing else does.
struct FixTests {
    static let registry = try! BundledRules.registry()
    static let linter = Linter(registry: registry)
    static let recommendations = OperationID("sagemaker:CreateInferenceRecommendationsJob")!

    /// A hand-made model with values and names that differ only in letter case.
    static let pack = OperationPack(
        id: OperationID("test:Op")!,
        service: .init(name: "test", apiVersion: "2020-01-01", serviceId: "Test", protocol: "json", jsonVersion: "1.1",
                       targetPrefix: "Test", endpointPrefix: "test", signingName: "test"),
        httpMethod: "POST", requestURI: "/", documentation: nil, input: "Input",
        shapes: [
            "Input": Shape(name: "Input", kind: .structure, members: [
                Member(name: "Mode", shape: "Mode"), Member(name: "Twin", shape: "Twin"), Member(name: "name", shape: "Text"),
                Member(name: "Name", shape: "Text"), Member(name: "Labels", shape: "Labels"), Member(name: "Modes", shape: "Modes"),
            ]),
            "Mode": Shape(name: "Mode", kind: .string, enumValues: ["Fast", "Slow"]),
            "Twin": Shape(name: "Twin", kind: .string, enumValues: ["on", "ON", "Off"]),
            "Text": Shape(name: "Text", kind: .string),
            "Labels": Shape(name: "Labels", kind: .map, mapKey: "Mode", mapValue: "Text"),
            "Modes": Shape(name: "Modes", kind: .list, listMember: "Mode"),
        ],
        provenance: .init(model: "test/2020-01-01/service-2.json", sha256: String(repeating: "0", count: 64), generator: "test")
    )
    static let testLinter = Linter(registry: OperationRegistry([try! OperationModel(pack: pack)]))

    /// The UTF-8 offset of the first `target` in `text`.
    static func offset(of target: String, in text: String) -> Int {
        text.utf8.distance(from: text.utf8.startIndex, to: text.firstRange(of: target)!.lowerBound)
    }

    static func fixed(_ text: String, linter: Linter = linter, operation: OperationID? = nil) -> (text: String, outcome: Fix.Outcome) {
        let outcome = Fix.fixAll(Array(text.utf8), linter: linter, operation: operation)
        return (String(decoding: outcome.bytes, as: UTF8.self), outcome)
    }

    // MARK: What is fixed, byte for byte

    @Test func enumValueInTheWrongCaseKeepsTheLayout() {
        let input = """
        {
            "JobName" :   "my-job",
        \t"JobType":"default",
          "RoleArn": "arn:aws:iam::123456789012:role/R",
          "InputConfig": {}
        }

        """
        let (text, outcome) = Self.fixed(input)
        #expect(text == input.replacing("\"default\"", with: "\"Default\"", maxReplacements: 1))
        #expect(outcome.applied.map(\.description) == [#"change "default" to "Default""#])
        let start = Self.offset(of: "default", in: input)
        #expect(outcome.applied.first?.range == SourceRange(start: start, end: start + 7))
        #expect(!outcome.result.diagnostics.contains { $0.rule == .enum })
    }

    @Test func fixReplacesOnlyTheInsideOfTheLiteral() throws {
        let input = #"{"JobName":"j","JobType":"advanced","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{}}"#
        let result = Self.linter.lint(Array(input.utf8))
        let fixes = Fix.certainFixes(for: result, registry: Self.registry)
        let fix = try #require(fixes.first)
        #expect(fixes.count == 1)
        let start = Self.offset(of: "advanced", in: input)
        #expect(fix.range == SourceRange(start: start, end: start + 8))
        #expect(fix.replacement == "Advanced")
        #expect(fix.diagnostic.rule == .enum)
        #expect(fix.diagnostic.pointer == JSONPointer(tokens: ["JobType"]))
    }

    @Test func memberNameInTheWrongCase() {
        let input = """
        {"jobName": "my-job", "JOBTYPE": "Default",
         "RoleArn": "arn:aws:iam::123456789012:role/R", "inputconfig": {}}
        """
        let (text, outcome) = Self.fixed(input)
        #expect(text == """
        {"JobName": "my-job", "JobType": "Default",
         "RoleArn": "arn:aws:iam::123456789012:role/R", "InputConfig": {}}
        """)
        #expect(outcome.applied.count == 3)
        #expect(outcome.result.diagnostics.isEmpty)
    }

    @Test func aFixedNameRevealsAValueToFix() {
        // The unknown member's value is not checked until its name is right.
        let input = """
        {
          "JobName": "my-job",
          "jobType": "advanced",
          "RoleArn": "arn:aws:iam::123456789012:role/R",
          "InputConfig": {"containerConfig": {"Domain": "machine_learning", "Framework": "PyTorch"}}
        }
        """
        let (text, outcome) = Self.fixed(input)
        #expect(text == """
        {
          "JobName": "my-job",
          "JobType": "Advanced",
          "RoleArn": "arn:aws:iam::123456789012:role/R",
          "InputConfig": {"ContainerConfig": {"Domain": "MACHINE_LEARNING", "Framework": "PYTORCH"}}
        }
        """)
        #expect(outcome.applied.count == 5)
    }

    @Test func crlfLineEndsStay() {
        let input = "{\r\n  \"JobName\": \"my-job\",\r\n  \"JobType\": \"DEFAULT\",\r\n  \"roleArn\": \"arn:aws:iam::123456789012:role/R\",\r\n  \"InputConfig\": {}\r\n}\r\n"
        let (text, _) = Self.fixed(input)
        #expect(Array(text.utf8) == Array("{\r\n  \"JobName\": \"my-job\",\r\n  \"JobType\": \"Default\",\r\n  \"RoleArn\": \"arn:aws:iam::123456789012:role/R\",\r\n  \"InputConfig\": {}\r\n}\r\n".utf8))
    }

    @Test func emojiAndByteOrderMarkStay() {
        let input = "\u{FEFF}{\"JobName\": \"my-job\", \"JobDescription\": \"😀 naïve 日本\", \"JobType\": \"aDvAnCeD\",\n"
            + "\"RoleArn\": \"arn:aws:iam::123456789012:role/R\", \"InputConfig\": {\"EndpointConfigurations\": [{\"instanceType\": \"ml.c5.xlarge\"}]}, \"tags\": [{\"Key\": \"k😀\", \"Value\": \"v\"}]}"
        let (text, outcome) = Self.fixed(input)
        let expected = "\u{FEFF}{\"JobName\": \"my-job\", \"JobDescription\": \"😀 naïve 日本\", \"JobType\": \"Advanced\",\n"
            + "\"RoleArn\": \"arn:aws:iam::123456789012:role/R\", \"InputConfig\": {\"EndpointConfigurations\": [{\"InstanceType\": \"ml.c5.xlarge\"}]}, \"Tags\": [{\"Key\": \"k😀\", \"Value\": \"v\"}]}"
        #expect(Array(text.utf8) == Array(expected.utf8))
        #expect(outcome.applied.count == 3)
    }

    @Test func escapedValueIsRewrittenWhole() {
        let input = #"{"JobName":"j","JobType":"\u0064efault","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{}}"#
        #expect(Self.fixed(input).text == #"{"JobName":"j","JobType":"Default","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{}}"#)
    }

    @Test func mapKeysAndListElements() {
        let input = #"{"Mode":"fast","Labels":{"slow":"a","FAST":"b"},"Modes":["SLOW","fast","Fast"]}"#
        #expect(Self.fixed(input, linter: Self.testLinter, operation: Self.pack.id).text
            == #"{"Mode":"Fast","Labels":{"Slow":"a","Fast":"b"},"Modes":["Slow","Fast","Fast"]}"#)
    }

    // MARK: What is not certain, and so not fixed

    @Test(arguments: [
        // A typo: the message suggests "Default", but that is a guess.
        #"{"JobName":"j","JobType":"Defualt","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{}}"#,
        // A near name that is not a letter-case variant.
        #"{"JobNam":"j","JobType":"Default","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{}}"#,
        // The right name is there already: renaming would make a duplicate.
        #"{"jobName":"j","JobName":"j","JobType":"Default","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{}}"#,
        // Two names would both become JobName.
        #"{"jobname":"j","JOBNAME":"j","JobType":"Default","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{}}"#,
    ])
    func uncertainProblemsAreLeft(_ input: String) {
        let (text, outcome) = Self.fixed(input)
        #expect(text == input)
        #expect(outcome.applied.isEmpty)
        #expect(!outcome.result.diagnostics.isEmpty)
    }

    @Test func ambiguousCaseMatchesAreLeft() {
        // "oN" matches both "on" and "ON"; "NAME" matches both "name" and "Name"; a map key
        // that would collide with another is left too.
        let input = #"{"Twin":"oN","NAME":"x","Labels":{"fast":"a","Fast":"b"}}"#
        let (text, outcome) = Self.fixed(input, linter: Self.testLinter, operation: Self.pack.id)
        #expect(text == input)
        #expect(outcome.applied.isEmpty)
        // Unique ones in the same document are still fixed.
        #expect(Self.fixed(#"{"Twin":"off","NAME":"x"}"#, linter: Self.testLinter, operation: Self.pack.id).text == #"{"Twin":"Off","NAME":"x"}"#)
    }

    @Test func syntaxErrorsAreNeverTouched() {
        let input = #"{"JobName":"j","JobType":"default","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{},}"#
        let (text, outcome) = Self.fixed(input)
        #expect(text == input)
        #expect(outcome.applied.isEmpty)
        #expect(outcome.result.status == .unparseable)
        #expect(Fix.certainFixes(for: Self.linter.lint(Array(input.utf8)), registry: Self.registry).isEmpty)
    }

    @Test func keepChoosesWhatMayBeFixed() {
        let input = #"{"jobName":"j","JobType":"default","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{}}"#
        let outcome = Fix.fixAll(Array(input.utf8), linter: Self.linter) { $0.filter { $0.rule != .enum } }
        #expect(String(decoding: outcome.bytes, as: UTF8.self) == input.replacing("jobName", with: "JobName"))
    }

    // MARK: Idempotence and application

    @Test(arguments: [
        #"{"jobName":"j","jobType":"default","roleArn":"arn:aws:iam::123456789012:role/R","inputConfig":{"jobDurationInSeconds":60}}"#,
        "{\r\n\t\"JobType\": \"advanced\",\r\n\t\"JobName\": \"x😀\",\r\n\t\"roleARN\": \"r\",\r\n\t\"InputConfig\": {\"TrafficPattern\": {\"trafficType\": \"phases\"}}\r\n}",
    ])
    func fixingTwiceChangesNothingTheSecondTime(_ input: String) {
        let first = Fix.fixAll(Array(input.utf8), linter: Self.linter)
        #expect(!first.applied.isEmpty)
        let second = Fix.fixAll(first.bytes, linter: Self.linter)
        #expect(second.applied.isEmpty)
        #expect(second.bytes == first.bytes)
        #expect(Fix.certainFixes(for: Self.linter.lint(first.bytes), registry: Self.registry).isEmpty)
    }

    @Test func applySkipsOverlappingFixes() {
        let diagnostic = Diagnostic(rule: .enum, message: "m", pointer: .root, range: .at(0))
        let bytes = Array("abcdef".utf8)
        let fixes = [
            Fix(range: SourceRange(start: 1, end: 3), replacement: "XY", description: "", diagnostic: diagnostic),
            Fix(range: SourceRange(start: 2, end: 4), replacement: "??", description: "", diagnostic: diagnostic),
            Fix(range: SourceRange(start: 4, end: 5), replacement: "😀", description: "", diagnostic: diagnostic),
        ]
        #expect(String(decoding: Fix.apply(fixes, to: bytes), as: UTF8.self) == "aXYd😀f")
    }

    // MARK: Unified diff

    @Test func unifiedDiffOfOneChangedLine() {
        let old = Array("{\n  \"A\": 1,\n  \"B\": 2,\n  \"C\": 3,\n  \"D\": 4,\n  \"E\": 5,\n  \"F\": 6\n}\n".utf8)
        let new = Array("{\n  \"A\": 1,\n  \"B\": 2,\n  \"C\": 3,\n  \"d\": 4,\n  \"E\": 5,\n  \"F\": 6\n}\n".utf8)
        #expect(UnifiedDiff.diff(old: old, new: new, oldName: "a/x.json", newName: "b/x.json") == """
        --- a/x.json
        +++ b/x.json
        @@ -2,7 +2,7 @@
           "A": 1,
           "B": 2,
           "C": 3,
        -  "D": 4,
        +  "d": 4,
           "E": 5,
           "F": 6
         }

        """)
        #expect(UnifiedDiff.diff(old: old, new: old, oldName: "a", newName: "b").isEmpty)
    }

    @Test func unifiedDiffHunksAndMissingNewline() {
        var oldLines = (1 ... 20).map { "line \($0)\n" }
        oldLines[19] = "line 20"
        var newLines = oldLines
        newLines[1] = "LINE 2\n"
        newLines[19] = "LINE 20"
        let diff = UnifiedDiff.diff(old: Array(oldLines.joined().utf8), new: Array(newLines.joined().utf8), oldName: "a/f", newName: "b/f")
        #expect(diff == """
        --- a/f
        +++ b/f
        @@ -1,5 +1,5 @@
         line 1
        -line 2
        +LINE 2
         line 3
         line 4
         line 5
        @@ -17,4 +17,4 @@
         line 17
         line 18
         line 19
        -line 20
        \\ No newline at end of file
        +LINE 20
        \\ No newline at end of file

        """)
    }

    @Test func unifiedDiffKeepsCarriageReturns() {
        let diff = UnifiedDiff.diff(old: Array("a\r\nb\r\n".utf8), new: Array("a\r\nB\r\n".utf8), oldName: "a/f", newName: "b/f")
        #expect(diff == "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n")
    }

    @Test func unifiedDiffOfDifferentLineCounts() {
        let diff = UnifiedDiff.diff(old: Array("a\nb\nc\n".utf8), new: Array("a\nx\ny\nc\n".utf8), oldName: "a/f", newName: "b/f")
        #expect(diff == "--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n a\n-b\n+x\n+y\n c\n")
    }
}
