import Foundation
import Testing

/// Runs the built `reqlint` binary as users do and checks its output and exit code.
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `reqlint` executable built next to the test bundle.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("reqlint")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0 ..< 4 {
            let candidate = directory.appendingPathComponent("reqlint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/reqlint")
    }()

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.currentDirectoryURL = directory ?? root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryDirectory(_ files: [String: [UInt8]]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reqlint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return directory
    }

    static let clean = Array("""
    {"JobName":"ok","JobType":"Default","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{}}
    """.utf8)
    static let dirty = Array("""
    {"JobName":"ok","JobType":"default","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{}}
    """.utf8)

    @Test func cleanFileExitsZero() throws {
        let directory = try Self.temporaryDirectory(["a.json": Self.clean])
        let run = try Self.run(["lint", "a.json"], in: directory)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("1 file checked, 0 errors"))
    }

    @Test func errorsExitOne() throws {
        let directory = try Self.temporaryDirectory(["a.json": Self.dirty])
        let run = try Self.run(["lint", "a.json"], in: directory)
        #expect(run.status == 1)
        #expect(run.stdout == "a.json:1:27: error: JobType must be one of Default, Advanced; did you mean \"Default\"? [enum]\n")
    }

    @Test func lintIsTheDefaultSubcommand() throws {
        let directory = try Self.temporaryDirectory(["a.json": Self.dirty])
        #expect(try Self.run(["a.json"], in: directory).status == 1)
    }

    @Test func malformedAndMissingFilesExitTwoAndEveryOtherFileIsStillChecked() throws {
        let directory = try Self.temporaryDirectory([
            "a-broken.json": Array(#"{"JobName": "x",}"#.utf8), "b-dirty.json": Self.dirty, "c-clean.json": Self.clean,
            "d-bom.json": [0xEF, 0xBB, 0xBF] + Self.dirty, "e-empty.json": [], "f-invalid-utf8.json": [0x7B, 0x22, 0xFF, 0x22],
        ])
        let run = try Self.run(["lint", "a-broken.json", "b-dirty.json", "c-clean.json", "missing.json", "d-bom.json", "e-empty.json", "f-invalid-utf8.json"], in: directory)
        #expect(run.status == 2)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("a-broken.json:1:16: error: trailing comma before '}': remove the ',' [syntax]"))
        #expect(lines.contains { $0.hasPrefix("b-dirty.json:1:27: error: JobType") })
        // The byte order mark takes no column.
        #expect(lines.contains { $0.hasPrefix("d-bom.json:1:27: error: JobType") })
        #expect(lines.contains("e-empty.json:1:1: error: empty document: expected a JSON object [syntax]"))
        #expect(lines.contains { $0.hasPrefix("f-invalid-utf8.json:1:3: error: invalid UTF-8 byte 0xFF") })
        #expect(lines.contains { $0.hasPrefix("missing.json:1:1: error: cannot read missing.json") && $0.hasSuffix("[io-error]") })
        #expect(!lines.contains { $0.hasPrefix("c-clean.json") })
        // Only the files that could be checked count as checked; the others are counted apart.
        #expect(run.stderr.contains("3 files checked, 6 errors, 0 warnings, 4 files could not be checked"), "\(run.stderr)")
    }

    @Test func directoriesAreWalkedInSortedOrderAndJSONFormatHasEveryFile() throws {
        let directory = try Self.temporaryDirectory(["req/z.json": Self.dirty, "req/a.json": Self.clean, "req/sub/m.json": Self.dirty,
                                                     "req/notes.txt": Array("x".utf8), "req/.hidden/h.json": Self.dirty])
        let run = try Self.run(["lint", "--format", "json", "req"], in: directory)
        #expect(run.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let paths = (object["files"] as! [[String: Any]]).map { $0["path"] as! String }
        #expect(paths == ["req/a.json", "req/sub/m.json", "req/z.json"])
    }

    @Test func explicitOperationOverridesDetection() throws {
        let directory = try Self.temporaryDirectory(["empty.json": Array("{}".utf8)])
        let undetected = try Self.run(["lint", "empty.json"], in: directory)
        #expect(undetected.status == 2)
        #expect(undetected.stdout.contains("pass --operation"))
        let run = try Self.run(["lint", "--operation", "sagemaker:CreateInferenceExperiment", "empty.json"], in: directory)
        #expect(run.status == 1)
        #expect(run.stdout.contains("the request is missing required member \"Name\" [required]"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try Self.run(["lint", "--operation", "nope", "x.json"]).status == 2)
        #expect(try Self.run(["lint", "--operation", "sagemaker:Nope", "corpus"]).status == 2)
        #expect(try Self.run(["lint", "--format", "xml", "corpus"]).status == 2)
    }

    @Test func sameOutputForTheSameInput() throws {
        let first = try Self.run(["lint", "--format", "sarif", "corpus"])
        let second = try Self.run(["lint", "--format", "sarif", "corpus"])
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.count > 1000)
    }

    @Test func explainPrintsTheSourceSentence() throws {
        let run = try Self.run(["explain", "sagemaker/job-duration-max"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("The maximum value is 18,000 seconds."))
        #expect(run.stdout.contains("7200"))
        let unknown = try Self.run(["explain", "phase-initial"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean sagemaker/phase-initial-users"))
    }

    @Test func documentedRulesReportWithRelatedLocations() throws {
        let directory = try Self.temporaryDirectory(["job.json": Array("""
        {"JobName":"j","JobType":"Advanced","RoleArn":"arn:aws:iam::123456789012:role/R",
         "InputConfig":{"JobDurationInSeconds":600,
          "TrafficPattern":{"TrafficType":"PHASES","Phases":[{"InitialNumberOfUsers":4,"DurationInSeconds":900}]}}}
        """.utf8)])
        let run = try Self.run(["lint", "job.json"], in: directory)
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("job.json:3:78: error: InitialNumberOfUsers must be between 1 and 3 (found 4) [sagemaker/phase-initial-users]"))
        #expect(lines.contains("job.json:3:100: error: this phase lasts 900 seconds, longer than JobDurationInSeconds (600); shorten the phase or lengthen the job [sagemaker/phase-duration-within-job]"))
        #expect(lines.contains("job.json:2:40: note: JobDurationInSeconds is 600"))
    }

    @Test func rulesListNamesEveryModelRule() throws {
        let run = try Self.run(["rules"])
        #expect(run.status == 0)
        for id in ["required", "unknown-member", "type", "length", "range", "size", "pattern", "enum", "duplicate-key", "syntax",
                   "sagemaker/phase-initial-users", "cleanroomsml/tag-count"] {
            #expect(run.stdout.contains(id + " "), "\(id)")
        }
    }
}
