import Foundation
import Testing

/// Configuration, suppressions, baselines, CI formats and inputs, through the built binary.
struct WorkflowTests {
    typealias CLI = CLITests

    static let irDirty = Array("""
    {
      "JobName": "ok",
      "JobType": "default",
      "RoleArn": "arn:aws:iam::123456789012:role/R",
      "InputConfig": {"JobDurationInSeconds": 20000}
    }
    """.utf8)

    static func workspace(_ files: [String: String]) throws -> URL {
        let directory = try CLI.temporaryDirectory(files.mapValues { Array($0.utf8) })
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".git"), withIntermediateDirectories: true)
        return directory
    }

    @Test func configurationIsFoundUpwardAndAppliesRuleSettings() throws {
        let directory = try Self.workspace([
            ".reqlint.yaml": "rules:\n  enum: warning\n  sagemaker/job-duration-max: off\n",
            "requests/ir.json": String(decoding: Self.irDirty, as: UTF8.self),
        ])
        let run = try CLI.run(["lint", "requests"], in: directory)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout == "requests/ir.json:3:14: warning: JobType must be one of Default, Advanced; did you mean \"Default\"? [enum]\n")
        let strict = try CLI.run(["lint", "--fail-level", "warning", "requests"], in: directory)
        #expect(strict.status == 1)
    }

    @Test func configurationProblemsHavePositionsAndExitTwo() throws {
        let directory = try Self.workspace([
            ".reqlint.yaml": "rules:\n  nosuch: error\n  enum: loud\nfail-level: fatal\nexclud: []\nsuppressions:\n  - files: '*.json'\n    rule: enum\n",
            "ir.json": String(decoding: Self.irDirty, as: UTF8.self),
        ])
        let run = try CLI.run(["lint", "ir.json"], in: directory)
        #expect(run.status == 2)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix(".reqlint.yaml:2:3: error: unknown rule \"nosuch\"") })
        #expect(lines.contains { $0.hasPrefix(".reqlint.yaml:3:9: error: \"loud\" is not a rule setting: a rule is set to off, info, warning or error") })
        #expect(lines.contains { $0.hasPrefix(".reqlint.yaml:4:13: error: \"fatal\" is not a fail level: fail-level is error, warning or info") })
        #expect(lines.contains { $0.hasPrefix(".reqlint.yaml:5:1: error: unknown key \"exclud\"; did you mean \"exclude\"?") })
        #expect(lines.contains { $0.hasPrefix(".reqlint.yaml:7:5: error: a suppression needs a reason") })
        // Nothing is linted under a broken configuration: its findings would not be the ones configured.
        #expect(!lines.contains { $0.hasPrefix("ir.json") })
        #expect(run.stderr.contains("the configuration has errors; nothing was linted (5 errors)"), "\(run.stderr)")
    }

    @Test func suppressionsNeedAReasonAndStaleOnesAreReported() throws {
        let directory = try Self.workspace([
            ".reqlint.yaml": """
            suppressions:
              - files: "*.json"
                rule: enum
                pointer: /JobType
                reason: migrating job types in PROJ-7
              - files: "*.json"
                rule: pattern
                reason: no longer needed
            """,
            "ir.json": String(decoding: Self.irDirty, as: UTF8.self),
        ])
        let run = try CLI.run(["lint", "ir.json"], in: directory)
        #expect(run.status == 1)
        #expect(!run.stdout.contains("[enum]"))
        #expect(run.stdout.contains(".reqlint.yaml:6:5: warning: this suppression (pattern in *.json) matched no finding: remove it [config]"))
        #expect(run.stderr.contains("1 suppressed"))
        let audit = try CLI.run(["lint", "--no-suppressions", "ir.json"], in: directory)
        #expect(audit.stdout.contains("[enum]"))
    }

    @Test func baselineReportsOnlyNewFindingsAndSurvivesReformatting() throws {
        let directory = try Self.workspace(["ir.json": String(decoding: Self.irDirty, as: UTF8.self)])
        let write = try CLI.run(["lint", "--write-baseline", "baseline.json", "ir.json"], in: directory)
        #expect(write.status == 0, "writing a baseline is what was asked: \(write.stderr)")
        #expect(write.stderr.contains("wrote the baseline baseline.json (2 findings)"), "\(write.stderr)")
        // Reformat the file: same findings at other positions.
        let minified = String(decoding: Self.irDirty, as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        try minified.write(to: directory.appendingPathComponent("ir.json"), atomically: true, encoding: .utf8)
        let again = try CLI.run(["lint", "--baseline", "baseline.json", "ir.json"], in: directory)
        #expect(again.status == 0, "\(again.stdout)")
        #expect(again.stdout.isEmpty)
        #expect(again.stderr.contains("in the baseline"))
        // A new finding is reported.
        try minified.replacingOccurrences(of: "\"ok\"", with: "\"bad_name\"").write(to: directory.appendingPathComponent("ir.json"), atomically: true, encoding: .utf8)
        let new = try CLI.run(["lint", "--baseline", "baseline.json", "ir.json"], in: directory)
        #expect(new.status == 1)
        #expect(new.stdout.contains("JobName must match the pattern"))
        #expect(!new.stdout.contains("[enum]"))
    }

    @Test func githubFormatIsWorkflowCommands() throws {
        let directory = try Self.workspace(["dir,with:odd/ir.json": String(decoding: Self.irDirty, as: UTF8.self)])
        let run = try CLI.run(["lint", "--format", "github", "dir,with:odd/ir.json"], in: directory)
        #expect(run.stdout.split(separator: "\n").first == "::error file=dir%2Cwith%3Aodd/ir.json,line=3,col=14,endLine=3,endColumn=23,title=reqlint enum::JobType must be one of Default, Advanced; did you mean \"Default\"? [enum]")
    }

    @Test func severalReportsInOneRun() throws {
        let directory = try Self.workspace(["ir.json": String(decoding: Self.irDirty, as: UTF8.self)])
        let run = try CLI.run(["lint", "--output", "sarif=out/r.sarif", "--output", "junit=r.xml", "--output", "json=r.json", "ir.json"], in: directory)
        #expect(run.status == 2 || run.status == 1)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("out"), withIntermediateDirectories: true)
        let ok = try CLI.run(["lint", "--output", "sarif=out/r.sarif", "--output", "junit=r.xml", "--output", "json=r.json", "ir.json"], in: directory)
        #expect(ok.status == 1)
        #expect(ok.stdout.contains("[enum]"))
        let sarif = try String(contentsOf: directory.appendingPathComponent("out/r.sarif"), encoding: .utf8)
        #expect(sarif.contains("\"version\": \"2.1.0\""))
        let junit = try String(contentsOf: directory.appendingPathComponent("r.xml"), encoding: .utf8)
        #expect(junit.contains("<testcase classname=\"ir.json\" name=\"enum\""))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("r.json"))) as! [String: Any]
        #expect(json["version"] as? Int == 1)
    }

    @Test func junitIsReadByARealJUnitConsumer() throws {
        let directory = try Self.workspace(["a.json": String(decoding: Self.irDirty, as: UTF8.self), "b.json": String(decoding: CLI.clean, as: UTF8.self)])
        _ = try CLI.run(["lint", "--output", "junit=r.xml", "a.json", "b.json"], in: directory)
        let script = """
        import sys
        try:
            from junitparser import JUnitXml, Failure
        except ImportError:
            print("junitparser is not installed (pip install junitparser)"); sys.exit(3)
        xml = JUnitXml.fromfile(sys.argv[1])
        cases = [(c.classname, c.name, any(isinstance(r, Failure) for r in c.result)) for s in xml for c in s]
        print(sorted(cases))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, directory.appendingPathComponent("r.xml").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("('a.json', 'enum', True)"))
        #expect(output.contains("('a.json', 'sagemaker/job-duration-max', True)"))
        #expect(output.contains("('b.json', 'reqlint', False)"))
    }

    @Test func standardInputWithAName() throws {
        let directory = try Self.workspace([".reqlint.yaml": "rules:\n  enum: off\n"])
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["lint", "--stdin-filename", "requests/ir.json", "-"]
        process.currentDirectoryURL = directory
        let input = Pipe()
        let out = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(Self.irDirty))
        try input.fileHandleForWriting.close()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stdout == "requests/ir.json:5:43: error: JobDurationInSeconds must be at most 18000 seconds (found 20000) [sagemaker/job-duration-max]\n")
    }

    @Test func walkHonoursIncludeExcludeAndGitignoreAndSkipsOtherJSON() throws {
        let directory = try Self.workspace([
            ".reqlint.yaml": "exclude: [\"fixtures/\"]\n",
            ".gitignore": "build/\n*.generated.json\n",
            "req/ir.json": String(decoding: Self.irDirty, as: UTF8.self),
            "req/ir.yml.txt": "x",
            "req/package.json": "{\"name\": \"x\", \"version\": \"1.0.0\"}",
            "req/fixtures/ir.json": String(decoding: Self.irDirty, as: UTF8.self),
            "req/build/ir.json": String(decoding: Self.irDirty, as: UTF8.self),
            "req/x.generated.json": String(decoding: Self.irDirty, as: UTF8.self),
        ])
        let run = try CLI.run(["lint", "--format", "json", "req"], in: directory)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect((object["files"] as! [[String: Any]]).map { $0["path"] as! String } == ["req/ir.json"])
        #expect(run.stderr.contains("skipped req/package.json: not a request document of a known operation"))
        // Named explicitly, it is an error.
        let explicit = try CLI.run(["lint", "req/package.json"], in: directory)
        #expect(explicit.status == 2)
        #expect(explicit.stdout.contains("[unknown-operation]"))
    }

    @Test func outputIsTheSameWithOneOrManyWorkers() throws {
        let one = try CLI.run(["lint", "--jobs", "1", "--format", "json", "corpus"])
        let many = try CLI.run(["lint", "--jobs", "8", "--format", "json", "corpus"])
        #expect(one.stdout == many.stdout)
        #expect(one.stdout.count > 10000)
    }

    @Test func colourOnlyWhenAskedOrOnATerminal() throws {
        let directory = try Self.workspace(["ir.json": String(decoding: Self.irDirty, as: UTF8.self)])
        #expect(!(try CLI.run(["lint", "ir.json"], in: directory).stdout.contains("\u{1B}[")))
        #expect(try CLI.run(["lint", "--color", "always", "ir.json"], in: directory).stdout.contains("\u{1B}[1;31merror:"))
    }

    @Test func yamlDocumentsAreLintedWithExactPositions() throws {
        let directory = try Self.workspace([
            "requests/job.yaml": "JobName: ok\nJobType: default   # wrong case\nRoleArn: arn:aws:iam::123456789012:role/R\nInputConfig:\n  JobDurationInSeconds: 20000\nTags:\n  - Key: team\n    Value: no\n",
            // Broken, but recognisably a request (two of the operation's names): reported.
            "requests/broken.yml": "JobName: [unclosed\nJobType: Default\n",
        ])
        let run = try CLI.run(["lint", "requests"], in: directory)
        #expect(run.status == 2)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("requests/job.yaml:2:10: error: JobType must be one of Default, Advanced; did you mean \"Default\"? [enum]"))
        #expect(lines.contains("requests/job.yaml:5:25: error: JobDurationInSeconds must be at most 18000 seconds (found 20000) [sagemaker/job-duration-max]"))
        #expect(lines.contains { $0.hasPrefix("requests/job.yaml:8:12: warning: unquoted no is") && $0.hasSuffix("[yaml/implicit-type]") })
        #expect(lines.contains { $0.hasPrefix("requests/broken.yml:") && $0.hasSuffix("[syntax]") })
    }

    @Test func organisationRulesFromRulePaths() throws {
        let directory = try Self.workspace([
            ".reqlint.yaml": "rule-paths: [policies]\nrules:\n  acme/tags-required: warning\n",
            "policies/tags-required.json": """
            {"id": "acme/tags-required", "title": "Team tag", "severity": "error",
             "operations": ["sagemaker:CreateInferenceRecommendationsJob"], "summary": "Every job carries a team tag.",
             "source": {"document": "ACME tagging policy", "quote": "Every resource has a team tag."},
             "checks": [{"kind": "requires", "pointer": "/JobType", "equals": "Default", "present": "/Tags",
                         "message": "add Tags with a team key"}]}
            """,
            "ir.json": String(decoding: CLI.clean, as: UTF8.self),
        ])
        let run = try CLI.run(["lint", "ir.json"], in: directory)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("warning: add Tags with a team key [acme/tags-required]"))
    }

    @Test(.enabled(if: RulePackPaths.botocoreModel != nil, "botocore is not installed: no newer model to load"))
    func aNewerModelReplacesTheBundledPack() throws {
        let model = RulePackPaths.botocoreModel!
        let directory = try Self.workspace([
            ".reqlint.yaml": "model: \(model)\n",
            "empty.yaml": "",
            "ir.json": String(decoding: Self.irDirty, as: UTF8.self),
        ])
        // The imported pack is cached by the model's checksum; keep the test's cache to itself.
        let cache = ["XDG_CACHE_HOME": directory.appendingPathComponent("cache").path]
        let withModel = try CLI.run(["lint", "--format", "json", "ir.json"], in: directory, environment: cache)
        let cached = try CLI.run(["lint", "--format", "json", "ir.json"], in: directory, environment: cache)
        let bundled = try CLI.run(["lint", "--format", "json", "--config", "empty.yaml", "ir.json"], in: directory, environment: cache)
        #expect(withModel.status == 1, "\(withModel.stdout)\(withModel.stderr)")
        #expect(cached.stdout == withModel.stdout)
        func report(_ run: CLI.Run) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        }
        // The same findings; the report says which model judged them.
        #expect((try report(withModel)["files"] as? NSArray) == (try report(bundled)["files"] as? NSArray))
        let origins = (try report(withModel)["models"] as? [[String: Any]] ?? []).map { "\($0["operation"]!) \($0["origin"]!)" }
        #expect(origins.contains("sagemaker:CreateInferenceRecommendationsJob file"), "\(origins)")
        let packs = FileManager.default.enumerator(atPath: directory.appendingPathComponent("cache/reqlint/packs").path)?
            .allObjects.compactMap { $0 as? String }.filter { $0.hasSuffix("/CreateInferenceRecommendationsJob.json") } ?? []
        #expect(packs.count == 1, "the imported pack is cached under the model's SHA-256")
        let broken = try Self.workspace([".reqlint.yaml": "model: missing.json\n", "ir.json": "{}"])
        let failed = try CLI.run(["lint", "ir.json"], in: broken)
        #expect(failed.status == 2)
        #expect(failed.stdout.contains(".reqlint.yaml:1:1: error: cannot read"))
    }
}

/// Where the installed botocore's SageMaker model is, if it is installed.
enum RulePackPaths {
    static let botocoreModel: String? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        let path = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !path.isEmpty else { return nil }
        return path + "/data/sagemaker/2017-07-24/service-2.json.gz"
    }()
}

/// Files that are not request documents never block a walk or a pre-commit run (issue: a
/// `tsconfig.json` with comments failed every commit); a broken request document still does.
struct NonRequestFileTests {
    static let files: [String: String] = [
        "tsconfig.json": "{\n  // comments are fine for TypeScript\n  \"compilerOptions\": {\"strict\": true,},\n}\n",
        ".vscode/settings.json": "{\"editor.tabSize\": 2, // a comment\n}",
        "empty.json": "",
        "list.json": "[1, 2, 3]",
        "package.json": "{\"name\": \"x\", \"version\": \"1.0.0\"}",
        "docker-compose.yml": "services:\n  web:\n    image: nginx\n    ports: [80:80\n",
        "template.yaml": "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: !Ref X\n",
        "requests/ok.json": #"{"JobName":"ok","JobType":"Default","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{}}"#,
    ]

    @Test func aWalkSkipsThemWithANote() throws {
        let directory = try CLITests.temporaryDirectory(Self.files.mapValues { Array($0.utf8) }.merging([".git/HEAD": []]) { $1 })
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLITests.run(["lint", "."], in: directory)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        for name in ["tsconfig.json", "empty.json", "list.json", "package.json", "docker-compose.yml"] {
            #expect(run.stderr.contains("skipped \(name): not a request document"), "\(name): \(run.stderr)")
        }
    }

    /// As pre-commit passes staged files: named, with --skip-non-requests.
    @Test func preCommitStyleArgumentsSkipThem() throws {
        var files = Self.files
        files["requests/broken.json"] = #"{"JobName": "x", "JobType": "Default",, }"#
        let directory = try CLITests.temporaryDirectory(files.mapValues { Array($0.utf8) }.merging([".git/HEAD": []]) { $1 })
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = Self.files.keys.sorted()
        let clean = try CLITests.run(["lint", "--force-exclude", "--skip-non-requests"] + names, in: directory)
        #expect(clean.status == 0, "\(clean.stdout) \(clean.stderr)")
        let broken = try CLITests.run(["lint", "--force-exclude", "--skip-non-requests"] + names + ["requests/broken.json"], in: directory)
        #expect(broken.status == 2)
        #expect(broken.stdout.hasPrefix("requests/broken.json:1:39: error: unexpected ','"), "\(broken.stdout)")
        #expect(broken.stdout.split(separator: "\n").count == 1, "\(broken.stdout)")
    }
}

/// Baselines follow the repository: written at the root, they match from any folder, and
/// `.reqlint.yaml` can name one.
struct BaselineFolderTests {
    static let dirty = #"{"JobName":"ok","JobType":"default","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{}}"#

    @Test func aBaselineWrittenAtTheRootMatchesFromASubfolder() throws {
        let directory = try CLITests.temporaryDirectory([".git/HEAD": [], "requests/ir.json": Array(Self.dirty.utf8)])
        defer { try? FileManager.default.removeItem(at: directory) }
        let write = try CLITests.run(["lint", "--write-baseline", ".reqlint-baseline.json", "requests"], in: directory)
        #expect(write.status == 0, "\(write.stderr)")
        let sub = directory.appendingPathComponent("requests")
        let fromSub = try CLITests.run(["lint", "--baseline", "../.reqlint-baseline.json", "ir.json"], in: sub)
        #expect(fromSub.status == 0, "\(fromSub.stdout) \(fromSub.stderr)")
        #expect(fromSub.stderr.contains("1 in the baseline"))
        // Named in the configuration: used without --baseline, from anywhere below it.
        try Data("baseline: .reqlint-baseline.json\n".utf8).write(to: directory.appendingPathComponent(".reqlint.yaml"))
        let configured = try CLITests.run(["lint", "ir.json"], in: sub)
        #expect(configured.status == 0, "\(configured.stdout) \(configured.stderr)")
        let root = try CLITests.run(["lint", "requests/ir.json"], in: directory)
        #expect(root.status == 0, "\(root.stdout) \(root.stderr)")
    }

    @Test func aBaselineThatMatchesNothingListedSaysSo() throws {
        let baseline = #"{"version": 2, "findings": [{"path": "ir.json", "rule": "enum", "pointer": "/Other", "message": "m"}]}"#
        let directory = try CLITests.temporaryDirectory(["ir.json": Array(Self.dirty.utf8), "b.json": Array(baseline.utf8)])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLITests.run(["lint", "--baseline", "b.json", "ir.json"], in: directory)
        #expect(run.status == 1)
        #expect(run.stderr.contains("reqlint: warning: the baseline lists 1 finding for the files linted and matched none of them"), "\(run.stderr)")
        #expect(run.stderr.contains("1 error, 1 warning"), "\(run.stderr)")
    }
}

/// The summary counts what was printed.
struct SummaryTests {
    @Test func staleSuppressionsConfigurationWarningsAndUnreadableFilesAreCounted() throws {
        let directory = try CLITests.temporaryDirectory([
            ".git/HEAD": [],
            ".reqlint.yaml": Array("suppressions:\n  - files: \"*.json\"\n    rule: pattern\n    reason: stale\n".utf8),
            "ok.json": CLITests.clean,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let stale = try CLITests.run(["lint", "ok.json"], in: directory)
        #expect(stale.stdout.contains("warning: this suppression"))
        #expect(stale.stderr.contains("1 file checked, 0 errors, 1 warning"), "\(stale.stderr)")
        let strict = try CLITests.run(["lint", "--fail-level", "warning", "ok.json"], in: directory)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("1 warning"), "\(strict.stderr)")
        let missing = try CLITests.run(["lint", "missing.json"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("0 files checked, 1 error, 0 warnings, 1 file could not be checked"), "\(missing.stderr)")
    }
}

/// `--files-from`: one run over a list of changed files, as CI scripts have it, so reports are
/// not split into batches that overwrite each other.
struct FilesFromTests {
    @Test func aListFromAFileOrStandardInputIsOneRunWithOneReport() throws {
        var files: [String: [UInt8]] = [".git/HEAD": [], ".reqlint.yaml": Array("exclude: [\"*.draft.json\"]\n".utf8)]
        for i in 0 ..< 300 { files["requests/r\(i).json"] = CLITests.dirty }
        files["requests/x.draft.json"] = CLITests.dirty
        let directory = try CLITests.temporaryDirectory(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = (0 ..< 300).map { "requests/r\($0).json" } + ["requests/x.draft.json"]
        try Data(names.joined(separator: "\n").utf8).write(to: directory.appendingPathComponent("changed.txt"))
        let run = try CLITests.run(["lint", "--force-exclude", "--files-from", "changed.txt", "--format", "sarif"], in: directory)
        #expect(run.status == 1, "\(run.stderr)")
        let sarif = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let results = ((sarif["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
        #expect(results.count == 300, "one result per linted file, the excluded draft left out")
        #expect(run.stderr.contains("300 files checked"), "\(run.stderr)")
        // NUL-separated from standard input (git diff -z), through a shell pipe.
        let piped = try HostileInputTests.bounded(["-c", "printf 'requests/r1.json\\0requests/r2.json\\0' | exec '\(CLITests.binary.path)' lint --files-from -"],
                                                  in: directory, executable: "/bin/sh")
        #expect(piped.status == 1)
        #expect(piped.stderr.contains("2 files checked"), "\(piped.stderr)")
    }
}

/// Paths given as arguments are split off before ArgumentParser (which is quadratic in them):
/// the split must know every option `lint` declares, and runs must stay linear.
struct ArgumentSplitTests {
    /// `reqlint lint --experimental-dump-help`: every option and flag of `lint`, by name.
    @Test func theSplitKnowsEveryOptionLintDeclares() throws {
        let run = try CLITests.run(["lint", "--experimental-dump-help"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let arguments = (object["command"] as! [String: Any])["arguments"] as! [[String: Any]]
        var valued = Set<String>(), flags = Set<String>()
        for argument in arguments {
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                guard let text = name["name"] as? String, let kind = name["kind"] as? String else { return nil }
                return (kind == "short" ? "-" : "--") + text
            }
            switch argument["kind"] as? String {
            case "option": valued.formUnion(names)
            case "flag": flags.formUnion(names)
            default: break
            }
        }
        flags.subtract(["--version", "-h", "--help"])  // handled by ArgumentParser (the split falls back)
        // The split's table, as printed by its help-free twin in the sources.
        let source = try String(contentsOf: CLITests.root.appendingPathComponent("Sources/reqlint/LintArguments.swift"), encoding: .utf8)
        for name in valued { #expect(source.contains("\"\(name)\""), "the split does not know the option \(name)") }
        for name in flags { #expect(source.contains("\"\(name)\""), "the split does not know the flag \(name)") }
    }

    @Test func optionsBetweenPathsAndTheDefaultSubcommandParseAsBefore() throws {
        let directory = try CLITests.temporaryDirectory(["a.json": CLITests.dirty, "-b.json": CLITests.clean])
        defer { try? FileManager.default.removeItem(at: directory) }
        let mixed = try CLITests.run(["lint", "a.json", "--format=json", "-q", "--", "-b.json"], in: directory)
        #expect(mixed.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(mixed.stdout.utf8)) as! [String: Any]
        #expect((object["files"] as! [[String: Any]]).count == 2)
        #expect(mixed.stderr.isEmpty)
        let defaulted = try CLITests.run(["a.json", "--format", "github"], in: directory)
        #expect(defaulted.status == 1)
        #expect(defaulted.stdout.hasPrefix("::error file=a.json"))
        let unknown = try CLITests.run(["lint", "--formt", "json", "a.json"], in: directory)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--formt"), "\(unknown.stderr)")
    }
}

/// A rule file with a mistake stops the run like a bad `.reqlint.yaml`, at the mistake.
struct StrictRuleFileTests {
    @Test func aMisspelledCheckArgumentIsAnErrorInTheRuleFile() throws {
        let rule = """
        {"id": "acme/sampling", "title": "t", "summary": "s", "severity": "error",
         "operations": ["sagemaker:CreateInferenceExperiment"], "source": {"document": "d", "quote": "q"},
         "checks": [{"kind": "range", "pointer": "/ShadowModeConfig/ShadowModelVariants/*/SamplingPercentage", "mx": 20, "message": "{vaule}"}]}
        """
        let directory = try CLITests.temporaryDirectory([
            ".git/HEAD": [], ".reqlint.yaml": Array("rule-paths: [policies/]\n".utf8), "policies/sampling.json": Array(rule.utf8),
            "shadow.json": Array(#"{"Name":"x","Type":"ShadowMode"}"#.utf8),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLITests.run(["lint", "shadow.json"], in: directory)
        #expect(run.status == 2)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("policies/sampling.json:3:104: error: unknown key \"mx\" in a range check; did you mean \"max\"?") }, "\(run.stdout)")
        #expect(lines.contains { $0.contains("unknown placeholder {vaule}") }, "\(run.stdout)")
        #expect(!lines.contains { $0.hasPrefix("shadow.json") }, "nothing is linted under a broken rule file")
    }
}
