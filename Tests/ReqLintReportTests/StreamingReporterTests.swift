import ReqLintCore
@testable import ReqLintReport
import Testing

/// Reports written a chunk at a time (as `reqlint lint` writes them) are the same text as the
/// whole report, and JSON and SARIF stay in the canonical pretty form of their own value.
struct StreamingReporterTests {
    static let clean = FileReport(path: "clean.json", operation: OperationID("sagemaker:CreateInferenceExperiment"), diagnostics: [], failed: false)

    static func files() -> [FileReport] {
        let bad = ReporterTests.reports()[0]
        return [bad, clean, FileReport(path: "b/second.json", operation: bad.operation, diagnostics: bad.diagnostics, failed: false), clean]
    }

    static let models = [ModelProvenance(operation: OperationID("sagemaker:CreateInferenceExperiment")!, apiVersion: "2017-07-24",
                                         model: "sagemaker/2017-07-24/service-2.json", sha256: "ab", botocore: "1.0", date: nil, origin: .bundled)]

    static func reporters() -> [any StreamingReporter] {
        [JSONReporter(), JSONReporter(models: models), SARIFReporter(toolVersion: "1", workingDirectory: "/w/", models: models),
         SARIFReporter(toolVersion: "1", workingDirectory: nil), JUnitReporter(models: models), JUnitReporter(), TextReporter(), GitHubReporter()]
    }

    /// Head, then parts of 1, 0, 2, 1, 2… files, then the tail.
    static func streamed(_ reporter: any StreamingReporter, _ files: [FileReport]) -> String {
        var stream = reporter
        var parts = stream.part([])
        var start = 0
        for size in [1, 0, 2, 1, 2, 2, 2, 2, 2, 2] where start < files.count {
            let end = min(files.count, start + size)
            parts += stream.part(Array(files[start ..< end]))
            start = end
        }
        let frame = stream.frame()
        return frame.head + parts + frame.tail
    }

    @Test func aStreamedReportIsTheWholeReport() {
        for reporter in Self.reporters() {
            for files in [Self.files(), [Self.clean], []] {
                #expect(Self.streamed(reporter, files) == reporter.report(files), "\(type(of: reporter)) with \(files.count) files")
            }
        }
    }

    @Test func jsonAndSARIFAreTheCanonicalFormOfTheirValue() throws {
        for reporter in Self.reporters() where reporter is JSONReporter || reporter is SARIFReporter {
            for files in [Self.files(), []] {
                let text = Self.streamed(reporter, files)
                let document = JSONParser.parse(text)
                let root = try #require(document.root, "\(type(of: reporter)): \(document.syntaxError?.message ?? "")")
                #expect(document.value(at: root).serialized(pretty: true) == text, "\(type(of: reporter)) with \(files.count) files")
            }
        }
    }

    @Test func junitTotalsCountEveryPart() {
        let text = Self.streamed(JUnitReporter(), Self.files())
        #expect(text.contains(#"<testsuites name="reqlint" tests="#))
        let cases = text.components(separatedBy: "<testcase ").count - 1
        let failures = text.components(separatedBy: "<failure ").count - 1
        #expect(cases > 2 && failures > 0)
        #expect(text.contains("tests=\"\(cases)\" failures=\"\(failures)\""))
    }
}
