import Foundation
import Testing

/// Reports are written chunk by chunk (512 files at a time) to standard output and to every
/// `--output` file: runs over more than a chunk keep one well-formed report per format, every
/// file in input order and the configuration's own findings (known only at the end) last.
struct StreamedReportTests {
    @Test func everyFormatHoldsEveryFileAcrossChunksWithTheConfigurationLast() throws {
        var files: [String: [UInt8]] = [
            ".git/HEAD": [], "out/.keep": [],
            ".reqlint.yaml": Array("suppressions:\n  - files: \"*.json\"\n    rule: pattern\n    reason: stale\n".utf8),
        ]
        let count = 1_100
        for i in 0 ..< count { files[String(format: "requests/r%04d.json", i)] = i % 100 == 7 ? CLITests.dirty : CLITests.clean }
        let directory = try CLITests.temporaryDirectory(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLITests.run(["lint", "--format", "json", "--output", "junit=out/r.xml", "--output", "sarif=out/r.sarif",
                                    "--output", "json=out/r.json", "--output", "text=out/r.txt", "requests"], in: directory)
        #expect(run.status == 1, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let reported = (json["files"] as! [[String: Any]]).map { $0["path"] as! String }
        #expect(reported.count == count + 1)
        #expect(reported.dropLast() == (0 ..< count).map { String(format: "requests/r%04d.json", $0) }[...])
        #expect(reported.last == ".reqlint.yaml")
        #expect(try String(contentsOf: directory.appendingPathComponent("out/r.json"), encoding: .utf8) == run.stdout)
        let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("out/r.sarif"))) as! [String: Any]
        let results = ((sarif["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]]).map { $0["ruleId"] as! String }
        #expect(results.filter { $0 == "enum" }.count == 11)
        #expect(results.last == "config")
        let junit = try String(contentsOf: directory.appendingPathComponent("out/r.xml"), encoding: .utf8)
        // One passing case per clean file, one failing case per dirty file, the stale suppression's warning.
        #expect(junit.contains(#"<testsuites name="reqlint" tests="\#(count + 1)" failures="11" errors="0">"#), "\(junit.prefix(300))")
        #expect(junit.hasSuffix("  </testsuite>\n</testsuites>\n"))
        let text = try String(contentsOf: directory.appendingPathComponent("out/r.txt"), encoding: .utf8)
        #expect(text.split(separator: "\n").filter { $0.contains("[enum]") }.count == 11)
    }

    @Test func aReportThatCannotBeWrittenFailsTheRun() throws {
        let directory = try CLITests.temporaryDirectory([".git/HEAD": [], "ok.json": CLITests.clean])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLITests.run(["lint", "--output", "sarif=missing/folder/r.sarif", "ok.json"], in: directory)
        #expect(run.status == 2)
        #expect(run.stderr.contains("missing/folder/r.sarif"), "\(run.stderr)")
    }
}
