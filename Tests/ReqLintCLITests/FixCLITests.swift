import Foundation
import Testing

/// `reqlint lint --fix [--dry-run]`, SARIF fixes, `reqlint schema` and `reqlint skeleton`, run
/// as users run them.
struct FixCLITests {
    static func run(_ arguments: [String], in directory: URL) throws -> CLITests.Run {
        try CLITests.run(arguments, in: directory)
    }

    static func contents(_ directory: URL, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// CRLF line ends, tabs, an emoji, a value and a name to fix, and a problem that stays.
    static let dirty = Array((
        "{\r\n\t\"JobName\": \"bad_name\",\r\n\t\"JobDescription\": \"😀 load test\",  \"JobType\": \"default\",\r\n"
            + "\t\"roleArn\":\"arn:aws:iam::123456789012:role/R\",\r\n\t\"InputConfig\": {}\r\n}"
    ).utf8)
    static let fixed = Array((
        "{\r\n\t\"JobName\": \"bad_name\",\r\n\t\"JobDescription\": \"😀 load test\",  \"JobType\": \"Default\",\r\n"
            + "\t\"RoleArn\":\"arn:aws:iam::123456789012:role/R\",\r\n\t\"InputConfig\": {}\r\n}"
    ).utf8)

    @Test func fixRewritesOnlyTheFixedBytesAndReportsWhatRemains() throws {
        let directory = try CLITests.temporaryDirectory(["a.json": Self.dirty])
        let run = try Self.run(["lint", "--fix", "a.json"], in: directory)
        #expect(try Self.contents(directory, "a.json") == Self.fixed)
        #expect(run.status == 1, "the pattern error remains")
        #expect(run.stdout.split(separator: "\n").map { $0.hasSuffix("[pattern]") } == [true])
        #expect(run.stderr.contains(#"reqlint: fixed a.json: change "default" to "Default""#))
        #expect(run.stderr.contains(#"reqlint: fixed a.json: rename "roleArn" to "RoleArn" (member names are case-sensitive)"#))
        #expect(run.stderr.contains("reqlint: fixed 2 problems in 1 file"))
        #expect(run.stderr.contains("1 file checked, 1 error"))

        // Fixing again changes nothing.
        let again = try Self.run(["lint", "--fix", "a.json"], in: directory)
        #expect(try Self.contents(directory, "a.json") == Self.fixed)
        #expect(!again.stderr.contains("fixed"))
        #expect(again.stdout == run.stdout)
    }

    @Test func aFullyFixedFileExitsZero() throws {
        let directory = try CLITests.temporaryDirectory(["a.json": Array("""
        {"jobName": "ok", "JobType": "advanced", "RoleArn": "arn:aws:iam::123456789012:role/R", "InputConfig": {}}

        """.utf8)])
        let run = try Self.run(["lint", "--fix", "a.json"], in: directory)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(try Self.contents(directory, "a.json") == Array("""
        {"JobName": "ok", "JobType": "Advanced", "RoleArn": "arn:aws:iam::123456789012:role/R", "InputConfig": {}}

        """.utf8))
    }

    @Test func aFileWithASyntaxErrorIsNotTouched() throws {
        let broken = Array(#"{"JobName": "ok", "JobType": "default", "RoleArn": "arn:aws:iam::123456789012:role/R", "InputConfig": {},}"#.utf8)
        let directory = try CLITests.temporaryDirectory(["a.json": broken])
        let before = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("a.json").path)[.modificationDate] as? Date
        let run = try Self.run(["lint", "--fix", "a.json"], in: directory)
        #expect(run.status == 2)
        #expect(try Self.contents(directory, "a.json") == broken)
        let after = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("a.json").path)[.modificationDate] as? Date
        #expect(before == after)
        #expect(run.stderr.contains("not fixing a.json: it is not well-formed JSON"))
        #expect(run.stdout.contains("[syntax]"))
        let dry = try Self.run(["lint", "--fix", "--dry-run", "a.json"], in: directory)
        #expect(dry.status == 2)
        #expect(dry.stdout.isEmpty)
    }

    @Test func dryRunPrintsADiffAndWritesNothing() throws {
        let directory = try CLITests.temporaryDirectory(["a.json": Self.dirty, "clean.json": CLITests.clean])
        let run = try Self.run(["lint", "--fix", "--dry-run", "a.json", "clean.json"], in: directory)
        #expect(run.status == 1)
        #expect(try Self.contents(directory, "a.json") == Self.dirty)
        #expect(run.stdout == "--- a/a.json\n+++ b/a.json\n@@ -1,6 +1,6 @@\n {\r\n \t\"JobName\": \"bad_name\",\r\n"
            + "-\t\"JobDescription\": \"😀 load test\",  \"JobType\": \"default\",\r\n-\t\"roleArn\":\"arn:aws:iam::123456789012:role/R\",\r\n"
            + "+\t\"JobDescription\": \"😀 load test\",  \"JobType\": \"Default\",\r\n+\t\"RoleArn\":\"arn:aws:iam::123456789012:role/R\",\r\n"
            + " \t\"InputConfig\": {}\r\n }\n\\ No newline at end of file\n")
        #expect(run.stderr.contains("would fix 2 problems in 1 file (dry run: nothing written)"))

        // The diff applies with patch(1) and gives what --fix writes.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/patch") {
            try Data(run.stdout.utf8).write(to: directory.appendingPathComponent("fix.diff"))
            let patch = Process()
            patch.executableURL = URL(fileURLWithPath: "/usr/bin/patch")
            patch.arguments = ["-p1", "-s", "-i", "fix.diff"]
            patch.currentDirectoryURL = directory
            try patch.run()
            patch.waitUntilExit()
            #expect(patch.terminationStatus == 0)
            #expect(try Self.contents(directory, "a.json") == Self.fixed)
        }

        let clean = try Self.run(["lint", "--fix", "--dry-run", "clean.json"], in: directory)
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)
        #expect(clean.stderr.contains("nothing to fix"))
    }

    @Test func dryRunNeedsFix() throws {
        let directory = try CLITests.temporaryDirectory(["a.json": Self.dirty])
        let run = try Self.run(["lint", "--dry-run", "a.json"], in: directory)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--dry-run goes with --fix"))
        #expect(try Self.contents(directory, "a.json") == Self.dirty)
    }

    @Test func yamlFilesAreLeftAlone() throws {
        let yaml = Array("JobName: ok\nJobType: default\nRoleArn: arn:aws:iam::123456789012:role/R\nInputConfig: {}\n".utf8)
        let directory = try CLITests.temporaryDirectory(["a.yaml": yaml])
        let run = try Self.run(["lint", "--fix", "a.yaml"], in: directory)
        #expect(try Self.contents(directory, "a.yaml") == yaml)
        #expect(run.stderr.contains("not fixing a.yaml: --fix rewrites JSON files only"))
    }

    @Test func foldersAndConfigurationRuleSettings() throws {
        let directory = try CLITests.temporaryDirectory([
            "requests/a.json": Self.dirty,
            "requests/b.json": CLITests.clean,
            "requests/package.json": Array(#"{"name": "x", "version": "1.0.0"}"#.utf8),
            ".reqlint.yaml": Array("rules:\n  enum: off\n".utf8),
        ])
        let run = try Self.run(["lint", "--fix", "requests"], in: directory)
        // The configuration turns enum off: only the member name is fixed.
        let expected = String(decoding: Self.fixed, as: UTF8.self).replacing("\"Default\"", with: "\"default\"")
        #expect(String(decoding: try Self.contents(directory, "requests/a.json"), as: UTF8.self) == expected)
        #expect(try Self.contents(directory, "requests/b.json") == CLITests.clean)
        #expect(try Self.contents(directory, "requests/package.json") == Array(#"{"name": "x", "version": "1.0.0"}"#.utf8))
        #expect(run.stderr.contains("fixed 1 problem in 1 file"))
    }

    // MARK: SARIF fixes

    @Test func sarifCarriesTheFixesThatFixWouldApply() throws {
        let directory = try CLITests.temporaryDirectory(["a.json": Self.dirty])
        let run = try Self.run(["lint", "--format", "sarif", "a.json"], in: directory)
        #expect(run.status == 1)
        let log = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let results = (log["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]]
        let fixes = results.compactMap { $0["fixes"] as? [[String: Any]] }.flatMap { $0 }
        #expect(fixes.count == 2)
        #expect(results.filter { $0["fixes"] != nil }.map { $0["ruleId"] as? String } == ["enum", "unknown-member"])

        // Applying the replacements (lines and UTF-16 columns) gives what --fix writes.
        var lines = Self.dirty.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { Array(String(decoding: $0, as: UTF8.self).utf16) }
        var edits: [(line: Int, start: Int, end: Int, text: String)] = []
        for fix in fixes {
            let change = (fix["artifactChanges"] as! [[String: Any]])[0]
            #expect((change["artifactLocation"] as? [String: Any])?["uri"] as? String == "a.json")
            for replacement in change["replacements"] as! [[String: Any]] {
                let region = replacement["deletedRegion"] as! [String: Int]
                #expect(region["startLine"] == region["endLine"])
                edits.append((region["startLine"]!, region["startColumn"]!, region["endColumn"]!,
                              (replacement["insertedContent"] as! [String: String])["text"]!))
            }
        }
        for edit in edits.sorted(by: { ($0.line, $0.start) > ($1.line, $1.start) }) {
            lines[edit.line - 1].replaceSubrange((edit.start - 1) ..< (edit.end - 1), with: Array(edit.text.utf16))
        }
        let patched = lines.map { String(decoding: $0, as: UTF16.self) }.joined(separator: "\n")
        #expect(Array(patched.utf8) == Self.fixed)

        // After --fix, nothing is left to offer.
        _ = try Self.run(["lint", "--fix", "a.json"], in: directory)
        #expect(!(try Self.run(["lint", "--format", "sarif", "a.json"], in: directory).stdout.contains("\"fixes\"")))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: CLITests.root.deletingLastPathComponent().appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json").path),
                   "skipped: the SARIF schema is absent (expected ../shared/schemas/sarif-schema-2.1.0.json beside the repository; CI has it)"))
    func sarifWithFixesValidatesAgainstTheSchema() throws {
        let schema = CLITests.root.deletingLastPathComponent().appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json")
        let directory = try CLITests.temporaryDirectory(["a.json": Self.dirty])
        let run = try Self.run(["lint", "--format", "sarif", "--output", "sarif=out.sarif", "a.json"], in: directory)
        #expect(run.stdout.contains("\"fixes\""))
        #expect(try Self.contents(directory, "out.sarif") == Array(run.stdout.utf8))
        let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("jsonschema is not installed (pip install jsonschema)"); sys.exit(3)
        schema = json.load(open(sys.argv[1])); log = json.load(open(sys.argv[2]))
        errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
        for e in errors: print(list(e.path), e.message)
        sys.exit(1 if errors else 0)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path, directory.appendingPathComponent("out.sarif").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "SARIF does not validate: \(output)")
    }

    // MARK: schema and skeleton

    @Test func schemaCommand() throws {
        let directory = try CLITests.temporaryDirectory([:])
        let printed = try Self.run(["schema", "--operation", "sagemaker:CreateInferenceExperiment"], in: directory)
        #expect(printed.status == 0)
        let written = try Self.run(["schema", "--operation", "sagemaker:CreateInferenceExperiment", "--output", "s.json"], in: directory)
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        #expect(try Self.contents(directory, "s.json") == Array(printed.stdout.utf8))
        let schema = try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as! [String: Any]
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let unknown = try Self.run(["schema", "--operation", "sagemaker:Nope"], in: directory)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown operation sagemaker:Nope"))
        #expect(try Self.run(["schema"], in: directory).status == 2)
    }

    @Test func skeletonCommand() throws {
        let directory = try CLITests.temporaryDirectory([:])
        let full = try Self.run(["skeleton", "--operation", "sagemaker:CreateInferenceRecommendationsJob"], in: directory)
        #expect(full.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(full.stdout.utf8)) as! [String: Any]
        #expect(object["JobType"] as? String == "Default | Advanced")
        #expect(object.count > 4)
        let minimal = try Self.run(["skeleton", "--operation", "sagemaker:CreateInferenceRecommendationsJob", "--minimal"], in: directory)
        #expect(minimal.status == 0)
        let required = try JSONSerialization.jsonObject(with: Data(minimal.stdout.utf8)) as! [String: Any]
        #expect(Set(required.keys) == ["JobName", "JobType", "RoleArn", "InputConfig"])
        // A filled-in minimal skeleton is a request document reqlint recognises.
        try Data(minimal.stdout.utf8).write(to: directory.appendingPathComponent("new.json"))
        let lint = try Self.run(["lint", "new.json"], in: directory)
        #expect(lint.stdout.contains("new.json:"))
        #expect(!lint.stdout.contains("[required]") && !lint.stdout.contains("[unknown-member]") && !lint.stdout.contains("[type]"))
        #expect(try Self.run(["skeleton", "--operation", "nope"], in: directory).status == 2)
    }
}
