import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The classes of the hardening review, through the built binary: no file lost, no check that
/// could not run counted as a pass, no hang, no raw control character in human output, bounded
/// memory for any input, and names kept as bytes. Each test reproduces a failure of the review.
@Suite(.serialized)
struct HardeningTests {
    typealias Hostile = HostileInputTests
    static let binary = CLITests.binary.path

    /// A request of about 3,300 bytes with one certain fix (`"default"` → `"Default"`).
    static let fixable: [UInt8] = Array("""
    {
      "JobName": "job-1",
      "JobType": "default",
      "RoleArn": "arn:aws:iam::123456789012:role/R",
      "InputConfig": {"ModelPackageVersionArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package/p/1"},
      "JobDescription": "\(String(repeating: "x", count: 100))",
      "Tags": [\((0 ..< 40).map { #"{"Key": "k\#($0)", "Value": "\#(String(repeating: "v", count: 40))"}"# }.joined(separator: ",\n    "))]
    }
    """.utf8)

    static func shell(_ script: String, in directory: URL, seconds: Double = 20) throws -> Hostile.Bounded {
        try Hostile.bounded(["-c", script], in: directory, seconds: seconds, executable: "/bin/sh")
    }

    static func contents(_ directory: URL, _ name: String) -> [UInt8] {
        (try? Array(Data(contentsOf: directory.appendingPathComponent(name)))) ?? []
    }

    // MARK: No file lost

    @Test func aFixThatCannotBeWrittenLeavesTheFileAsItWas() throws {
        #expect(Self.fixable.count > 3000)
        let directory = try CLITests.temporaryDirectory(["f.json": Self.fixable, "g.json": Self.fixable])
        defer { try? FileManager.default.removeItem(at: directory) }
        chmod(directory.appendingPathComponent("f.json").path, 0o640)
        // A file-size limit of 1 KiB: the rewrite fails part way (EFBIG), as on a full disk.
        let run = try Self.shell("ulimit -f 1; exec '\(Self.binary)' lint --fix f.json g.json", in: directory)
        Hostile.expectBounded(run, status: 2)
        #expect(run.stderr.contains("cannot write f.json: File too large; the file was left as it was"), "\(run.stderr)")
        #expect(!run.stderr.contains("fixed f.json"))
        #expect(Self.contents(directory, "f.json") == Self.fixable, "the file was changed")
        #expect(Self.contents(directory, "g.json") == Self.fixable)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["f.json", "g.json"], "temporary files left behind: \(names)")
        // Without the limit the fix is written, atomically, and the file keeps its mode.
        let fixed = try Hostile.bounded(["lint", "--fix", "f.json"], in: directory)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(String(decoding: Self.contents(directory, "f.json"), as: UTF8.self).contains(#""JobType": "Default""#))
        var info = stat()
        stat(directory.appendingPathComponent("f.json").path, &info)
        #expect(info.st_mode & 0o777 == 0o640)
    }

    @Test func reportsAndBaselinesThatCannotBeWrittenSaySoAndExitTwo() throws {
        let directory = try CLITests.temporaryDirectory(["d.json": CLITests.dirty, "target.json": Array("keep".utf8)])
        defer { try? FileManager.default.removeItem(at: directory) }
        for arguments in [["--write-baseline", "/dev/full"], ["--output", "json=/dev/full"], ["--output", "sarif=missing/dir/x.sarif"]] {
            let run = try Hostile.bounded(["lint"] + arguments + ["d.json"], in: directory)
            Hostile.expectBounded(run, status: 2)
            #expect(run.stderr.contains("reqlint: cannot write "), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("cannot read"), "\(run.stderr)")
        }
        // A baseline path that is a link to another file is refused; the file is untouched.
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link.json").path, withDestinationPath: "target.json")
        let linked = try Hostile.bounded(["lint", "--write-baseline", "link.json", "d.json"], in: directory)
        Hostile.expectBounded(linked, status: 2)
        #expect(linked.stderr.contains("cannot write link.json: it is a symbolic link"), "\(linked.stderr)")
        #expect(Self.contents(directory, "target.json") == Array("keep".utf8))
        // /dev/null (a device) is written in place.
        let null = try Hostile.bounded(["lint", "--output", "json=/dev/null", "d.json"], in: directory)
        Hostile.expectBounded(null, status: 1)
    }

    // MARK: No silent pass

    /// Rules whose regular expression hits PCRE2's match limit, in both polarities and for
    /// key patterns: each is reported as not checked, never as a pass.
    /// Reports are spooled while the run goes: a size limit hit there, or by the report file
    /// itself, is a message and exit 2, the old report kept; a closed standard output is
    /// reported, and its number is not handed to a file the run opens.
    @Test func spooledReportsUnderASizeLimitOrAClosedStandardOutputSaySo() throws {
        var files: [String: [UInt8]] = ["old.sarif": Array("keep".utf8), "out.json": Array("keep".utf8)]
        for i in 0 ..< 600 { files["r\(i).json"] = Self.fixable }
        let directory = try CLITests.temporaryDirectory(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let limited = try Self.shell("ulimit -f 4; exec '\(Self.binary)' lint -q --format junit --output sarif=old.sarif . > /dev/null", in: directory)
        Hostile.expectBounded(limited, status: 2)
        #expect(limited.stderr.contains("cannot write old.sarif: File too large"), "\(limited.stderr)")
        #expect(Self.contents(directory, "old.sarif") == Array("keep".utf8))
        let closed = try Self.shell("exec '\(Self.binary)' lint --format json --output json=out.json r1.json >&-", in: directory)
        Hostile.expectBounded(closed, status: 2)
        #expect(closed.stderr.contains("cannot write standard output"), "\(closed.stderr)")
        let report = String(decoding: Self.contents(directory, "out.json"), as: UTF8.self)
        #expect(report.hasPrefix("{") && report.hasSuffix("}\n") && report.components(separatedBy: "\"version\"").count == 2,
                "the report file holds one report, nothing meant for standard output: \(report.prefix(200))")
    }

    @Test func aCheckThatHitsTheRegexLimitIsReportedNotPassed() throws {
        func rule(_ id: String, _ check: String) -> [UInt8] {
            Array("""
            {"id": "acme/\(id)", "title": "t", "severity": "error", "operations": ["sagemaker:CreateInferenceRecommendationsJob"],
             "summary": "s", "source": {"document": "ACME policy", "quote": "q"}, "checks": [\(check)]}
            """.utf8)
        }
        let evil = #"(?:(a+)+c|.*)"#
        let value = String(repeating: "a", count: 40) + "!"
        let request = #"{"JobName":"ok","JobType":"Default","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{},"JobDescription":"\#(value)","\#(value)":1}"#
        let directory = try CLITests.temporaryDirectory([
            ".git/HEAD": [],
            ".reqlint.yaml": Array("rule-paths: [policies/]\n".utf8),
            "policies/negated.json": rule("negated", #"{"kind": "pattern", "pointer": "/JobDescription", "regex": "\#(evil)", "negate": true, "message": "m"}"#),
            "policies/plain.json": rule("plain", #"{"kind": "pattern", "pointer": "/JobDescription", "regex": "\#(evil)", "message": "m"}"#),
            "policies/keys.json": rule("keys", #"{"kind": "keyPattern", "pointer": "", "regex": "\#(evil)", "negate": true, "message": "m"}"#),
            "r.json": Array(request.utf8),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Hostile.bounded(["lint", "--format", "json", "r.json"], in: directory)
        Hostile.expectBounded(run, status: 1)
        let messages = try Hostile.messages(run, "r.json")
        for id in ["acme/negated", "acme/plain"] {
            #expect(messages.contains { $0.hasPrefix("\(id): JobDescription could not be checked by this rule") }, "\(id): \(messages)")
        }
        #expect(messages.contains { $0.hasPrefix("acme/keys:") && $0.contains("could not be checked") }, "\(messages)")
    }

    // MARK: No hang

    /// One .gitignore line (or include) with many stars, against a 24-level folder.
    @Test func aGlobWithManyStarsDoesNotStallAWalk() throws {
        let deep = (0 ..< 24).map { _ in "aaaaaaaaaaaa" }.joined(separator: "/")
        let evil = "**/**/**/**/**/**/**/*a*a*a*a*a*a*b"
        let directory = try CLITests.temporaryDirectory([
            ".git/HEAD": [], ".gitignore": Array((evil + "\n").utf8), "\(deep)/deep.json": CLITests.clean, "clean.json": CLITests.clean,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let walk = try Hostile.bounded(["lint", "--format", "json", "."], in: directory, seconds: 3)
        Hostile.expectBounded(walk, status: 0)
        #expect(try walk.files().count == 2)
        try Data("include: [\"\(evil)\", \"**/*.json\"]\n".utf8).write(to: directory.appendingPathComponent(".reqlint.yaml"))
        let included = try Hostile.bounded(["lint", "--format", "json", "."], in: directory, seconds: 3)
        Hostile.expectBounded(included, status: 0)
    }

    /// Warnings and aliases by the hundred thousand: linear (they were quadratic).
    @Test func manyYAMLWarningsAndAliasesTakeLinearTime() throws {
        let head = "JobName: x\nJobType: Default\nRoleArn: arn:aws:iam::123456789012:role/x\nInputConfig: {}\n"
        let yes = head + "Tags:\n" + String(repeating: "  - yes\n", count: 80_000)
        var aliases = head + "JobDescription: d\nExtra:\n"
        for i in 0 ..< 40_000 { aliases += "  k\(i): &a\(i) v\n  r\(i): *a\(i)\n" }
        let directory = try CLITests.temporaryDirectory(["yes.yaml": Array(yes.utf8), "aliases.yaml": Array(aliases.utf8)])
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["yes.yaml", "aliases.yaml"] {
            let run = try Hostile.bounded(["lint", "--quiet", name], in: directory, seconds: 4)
            Hostile.expectBounded(run, status: 1)
        }
    }

    // MARK: No raw control characters in human output

    @Test func controlAndBidiCharactersAreEscapedInTextAndGitHubOutput() throws {
        let request = #"{"JobName":"ok","JobType":"Default\u001b[31m\u0007\r\u202e","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{},"X\nfake.json:1:1: error: forged":1}"#
        let directory = try CLITests.temporaryDirectory(["evil\nname.json": Array(request.utf8), "ok\u{202E}.json": Array(request.utf8)])
        defer { try? FileManager.default.removeItem(at: directory) }
        for format in ["text", "github"] {
            let run = try Hostile.bounded(["lint", "--format", format, "."], in: directory)
            Hostile.expectBounded(run, status: 1)
            let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == 4, "\(format): \(lines)")
            for line in lines {
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x202A ... 0x202E).contains($0.value) },
                        "\(format): raw control in \(line.debugDescription)")
                #expect(line.hasPrefix(format == "text" ? "evil\\u000Aname.json:" : "::error file=evil%0Aname.json")
                        || line.hasPrefix(format == "text" ? "ok\\u202E.json:" : "::error file=ok\\u202E.json"), "\(line)")
            }
            #expect(run.stdout.contains("\\u001B[31m\\u0007"), "\(run.stdout)")
            #expect(!run.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        }
    }

    // MARK: Bounded memory

    @Test func oversizedInputIsRefusedBeforeItIsRead() throws {
        let directory = try CLITests.temporaryDirectory(["clean.json": CLITests.clean])
        defer { try? FileManager.default.removeItem(at: directory) }
        // An 8 GiB sparse file: refused from its size, at once.
        let sparse = directory.appendingPathComponent("huge.json").path
        let fd = open(sparse, O_CREAT | O_WRONLY, 0o644)
        #expect(ftruncate(fd, 8 << 30) == 0)
        close(fd)
        let file = try Hostile.bounded(["lint", "--format", "json", "huge.json", "clean.json"], in: directory, seconds: 5)
        Hostile.expectBounded(file, status: 2, maxMiB: 100)
        try Hostile.expectCleanStillClean(file)
        #expect(try Hostile.messages(file, "huge.json") == ["io-error: cannot read huge.json: it is 8 GiB, larger than the 256 MiB reqlint reads"])
        // Standard input beyond the limit (300 MiB of spaces): refused once the limit is passed.
        let stdin = try Self.shell("head -c 314572800 /dev/zero | tr '\\0' ' ' | '\(Self.binary)' lint --format json -", in: directory, seconds: 20)
        Hostile.expectBounded(stdin, status: 2, maxMiB: 700)
        #expect(try Hostile.messages(stdin, "<stdin>") == ["io-error: cannot read standard input: it is larger than the 256 MiB reqlint reads"], "\(stdin.stdout.prefix(300))")
    }

    @Test func aGzipBombAsAModelIsRefused() throws {
        // 1 GiB of zeros compresses to about 1 MB; the model must not inflate past the limit.
        let directory = try CLITests.temporaryDirectory(["clean.json": CLITests.clean])
        defer { try? FileManager.default.removeItem(at: directory) }
        let made = try Self.shell("mkdir -p m/sagemaker/2017-07-24 && head -c 1073741824 /dev/zero | gzip -1 > m/sagemaker/2017-07-24/service-2.json.gz", in: directory, seconds: 60)
        #expect(made.status == 0)
        try Data("model: [m/sagemaker/2017-07-24/service-2.json.gz]\n".utf8).write(to: directory.appendingPathComponent(".reqlint.yaml"))
        let run = try Hostile.bounded(["lint", "clean.json"], in: directory, seconds: 10)
        Hostile.expectBounded(run, status: 2, maxMiB: 700)
        #expect(run.stdout.contains("decompresses to more than the 256 MiB reqlint reads"), "\(run.stdout) \(run.stderr)")
    }

    // MARK: Names and numbers

    /// A name that is not UTF-8, named on the command line as pre-commit does.
    @Test func aNonUTF8NameOnTheCommandLineIsOpenedAndReportedByItsBytes() throws {
        let name: [UInt8] = Array("bad".utf8) + [0xFF] + Array(".json".utf8)
        let directory = try CLITests.temporaryDirectory(["placeholder": []])
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = Array(directory.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(fd >= 0)
        _ = CLITests.dirty.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let text = try Self.shell("exec '\(Self.binary)' lint \"$(printf 'bad\\377.json')\"", in: directory)
        Hostile.expectBounded(text, status: 1)
        #expect(text.stdout.hasPrefix("bad\\xFF.json:1:") && text.stdout.contains("error: JobType must be one of Default, Advanced"), "\(text.stdout) \(text.stderr)")
        let sarif = try Self.shell("exec '\(Self.binary)' lint --format sarif \"$(printf 'bad\\377.json')\"", in: directory)
        #expect(sarif.stdout.contains(#""uri": "bad%FF.json""#), "\(sarif.stdout.prefix(2000))")
    }

    @Test func aLongNumberIsCutInMessages() throws {
        // 300 digits: within a double's range, so the model checks see it (not a syntax error).
        let digits = String(repeating: "7", count: 300)
        let directory = try CLITests.temporaryDirectory([
            "n.json": Array(#"{"JobName":\#(digits),"JobType":"Default","RoleArn":"arn:aws:iam::123456789012:role/R","InputConfig":{"JobDurationInSeconds":1\#(digits)}}"#.utf8),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Hostile.bounded(["lint", "n.json"], in: directory)
        Hostile.expectBounded(run, status: 1)
        #expect(run.stdout.split(separator: "\n").count == 2, "\(run.stdout)")
        for line in run.stdout.split(separator: "\n") { #expect(line.count < 250, "\(line.prefix(200))…") }
        #expect(run.stdout.contains("7777777777…"), "\(run.stdout.prefix(400))")
    }

    // MARK: Found by review

    @Test func reviewFindingsStayFixed() throws {
        let directory = try CLITests.temporaryDirectory(["d.json": CLITests.dirty, "ro.json": CLITests.dirty,
                                                         "v1/baseline.json": Array(#"{"version":1,"findings":[{"path":"d.json","rule":"enum","pointer":"/JobType","message":"m"}]}"#.utf8)])
        defer { try? FileManager.default.removeItem(at: directory) }
        // --output to /dev/stdout while standard output is redirected to a file.
        let stdout = try Self.shell("exec '\(Self.binary)' lint --output json=/dev/stdout d.json > out.txt", in: directory)
        #expect(stdout.status == 1, "\(stdout.stderr)")
        #expect(String(decoding: Self.contents(directory, "out.txt"), as: UTF8.self).contains("\"version\""))
        // A read-only file is not rewritten by --fix (as writing into it would fail).
        chmod(directory.appendingPathComponent("ro.json").path, 0o444)
        if geteuid() != 0 {
            let readOnly = try Hostile.bounded(["lint", "--fix", "ro.json"], in: directory)
            #expect(readOnly.status == 2)
            #expect(Self.contents(directory, "ro.json") == CLITests.dirty)
        }
        // A version-1 baseline names files relative to where reqlint ran.
        let v1 = try Hostile.bounded(["lint", "--baseline", "v1/baseline.json", "d.json"], in: directory)
        #expect(v1.status == 0, "\(v1.stdout) \(v1.stderr)")
        // --write-baseline exits 2 when a file could not be read.
        let partial = try Hostile.bounded(["lint", "--write-baseline", "b.json", "d.json", "missing.json"], in: directory)
        #expect(partial.status == 2)
        // Two names that differ only in bytes that are not UTF-8 are two files.
        let twoNames = try Self.shell("printf x > \"$(printf 'a\\377.json')\"; printf y > \"$(printf 'a\\376.json')\"; exec '\(Self.binary)' lint --format json \"$(printf 'a\\377.json')\" \"$(printf 'a\\376.json')\"", in: directory)
        let names = Set(try twoNames.files().keys)
        #expect(names == ["a\\xFF.json", "a\\xFE.json"], "\(names)")
    }

    @Test func aPasswordWithSlashesInAnEndpointIsMasked() throws {
        let directory = try CLITests.temporaryDirectory(["ir.json": CLITests.clean])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Self.shell("AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY exec '\(Self.binary)' send --dry-run --region us-east-1 --operation sagemaker:CreateInferenceRecommendationsJob --endpoint-url 'https://admin:s3cr/et?x#y@example.com/p' ir.json", in: directory)
        #expect(run.status == 2)
        #expect(!run.stderr.contains("s3cr") && !run.stdout.contains("s3cr"), "\(run.stderr)")
    }
}
