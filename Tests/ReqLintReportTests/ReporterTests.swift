import Foundation
import ReqLintCore
@testable import ReqLintReport
import Testing

struct ReporterTests {
    static let registry = try! BundledRules.registry()
    static let linter = Linter(registry: registry)
    static let document = """
    {
      "JobName": "bad_name",
      "JobType": "default",
      "RoleArn": "arn:aws:iam::123456789012:role/😀",
      "InputConfig": {"JobDurationInSeconds": 3.0},
      "JobName": "x"
    }
    """

    static func reports() -> [FileReport] {
        let result = linter.lint(Array(document.utf8))
        return [FileReport(path: "requests/dir with space/ir.json", result: result)]
    }

    @Test func textFormat() {
        let text = TextReporter().report(Self.reports())
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains(#"requests/dir with space/ir.json:3:14: error: JobType must be one of Default, Advanced; did you mean "Default"? [enum]"#))
        #expect(lines.contains { $0.hasPrefix("requests/dir with space/ir.json:6:3: error: duplicate member \"JobName\"") && $0.hasSuffix("[duplicate-key]") })
        #expect(lines.contains("requests/dir with space/ir.json:2:3: note: first \"JobName\""))
        // Sorted by position.
        let positions = lines.filter { !$0.contains(": note: ") }.map { line -> [Int] in
            line.split(separator: ":").dropFirst().prefix(2).map { Int($0)! }
        }
        #expect(positions == positions.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func jsonFormatIsTheDocumentedContract() throws {
        let text = JSONReporter().report(Self.reports())
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(object["version"] as? Int == 1)
        let file = (object["files"] as! [[String: Any]])[0]
        #expect(file["path"] as? String == "requests/dir with space/ir.json")
        #expect(file["operation"] as? String == "sagemaker:CreateInferenceRecommendationsJob")
        let diagnostics = file["diagnostics"] as! [[String: Any]]
        for d in diagnostics {
            for key in ["rule", "severity", "message", "pointer", "line", "column", "endLine", "endColumn"] {
                #expect(d[key] != nil, "missing \(key)")
            }
        }
        let role = try #require(diagnostics.first { $0["pointer"] as? String == "/RoleArn" })
        // The value starts at column 14 and ends after the emoji (2 UTF-16 units) and the quote.
        #expect(role["column"] as? Int == 14)
        #expect(role["endColumn"] as? Int == 14 + "\"arn:aws:iam::123456789012:role/".count + 2 + 1)
    }

    /// The OASIS SARIF 2.1.0 schema, in ../shared beside the repository (CI has it; it is not
    /// committed here). Without it the validation tests are skipped, saying so.
    static let sarifSchema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sarifSchema.path),
                   "skipped: the SARIF schema is absent (expected ../shared/schemas/sarif-schema-2.1.0.json beside the repository; CI has it)"))
    func sarifValidatesAgainstTheSchema() throws {
        let schema = Self.sarifSchema
        let sarif = SARIFReporter(toolVersion: "0.1.0", workingDirectory: "/work/repo/").report(Self.reports())
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("reqlint-\(UUID().uuidString).sarif")
        try sarif.write(to: log, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: log) }
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
        process.arguments = ["python3", "-c", script, schema.path, log.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "SARIF does not validate: \(output)")
    }

    @Test func sarifIsReadyForCodeScanning() throws {
        let sarif = SARIFReporter(toolVersion: "0.1.0", workingDirectory: "/work/repo/").report(Self.reports())
        let log = try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as! [String: Any]
        let run = (log["runs"] as! [[String: Any]])[0]
        let driver = (run["tool"] as! [String: Any])["driver"] as! [String: Any]
        let rules = driver["rules"] as! [[String: Any]]
        for rule in rules {
            #expect((rule["helpUri"] as! String).hasPrefix("https://"))
            let help = rule["help"] as! [String: Any]
            #expect((help["text"] as! String).contains(rule["id"] as! String == "syntax" ? "RFC 8259" : "Source:"))
            #expect((help["markdown"] as! String).contains("](https://"))
            #expect(((rule["fullDescription"] as! [String: Any])["text"] as! String).count > 20)
        }
        let results = run["results"] as! [[String: Any]]
        #expect(!results.isEmpty)
        for result in results {
            let location = ((result["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])
            let artifact = location["artifactLocation"] as! [String: Any]
            #expect(artifact["uri"] as? String == "requests/dir%20with%20space/ir.json")
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            let region = location["region"] as! [String: Any]
            for key in ["startLine", "startColumn", "endLine", "endColumn"] { #expect(region[key] is Int) }
            let index = result["ruleIndex"] as! Int
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            #expect((result["partialFingerprints"] as! [String: String])["reqlint/v1"]?.count == 16)
        }
        #expect(run["columnKind"] as? String == "utf16CodeUnits")
    }

    @Test func fingerprintsSurviveReformatting() throws {
        let minified = Self.document.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "  ", with: "")
        let a = SARIFReporter(toolVersion: "0", workingDirectory: nil).report(Self.reports())
        let b = SARIFReporter(toolVersion: "0", workingDirectory: nil).report(
            [FileReport(path: "requests/dir with space/ir.json", result: Self.linter.lint(Array(minified.utf8)))])
        func prints(_ sarif: String) throws -> [String] {
            let log = try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as! [String: Any]
            let results = ((log["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
            return results.map { ($0["partialFingerprints"] as! [String: String])["reqlint/v1"]! }.sorted()
        }
        #expect(try prints(a) == prints(b))
        #expect(try Set(prints(a)).count == prints(a).count)
    }
}
