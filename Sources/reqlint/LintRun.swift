import Dispatch
import ReqLintCore
import ReqLintImport
import ReqLintReport

/// Lints files on every core and returns their reports in the order of the paths given.
enum LintRun {
    static func run(_ files: [String], linter: Linter, operation: OperationID?) -> [FileReport] {
        let results = ResultSlots(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results.store(index, lintFile(files[index], linter: linter, operation: operation))
        }
        return results.values()
    }

    static func lintFile(_ path: String, linter: Linter, operation: OperationID?) -> FileReport {
        let bytes: [UInt8]
        do {
            bytes = try FileReading.read(path)
        } catch {
            let message = (error as? ReqLintError)?.message ?? "\(error)"
            let diagnostic = Diagnostic(rule: .ioError, message: message, pointer: .root, range: .at(0))
            return FileReport(path: path, operation: nil, diagnostics: [LocatedDiagnostic(fileLevel: diagnostic)], failed: true)
        }
        return FileReport(path: path, result: linter.lint(bytes, operation: operation))
    }
}

/// One slot per file, written from several threads (each slot by exactly one) and read
/// after every thread is done.
final class ResultSlots: @unchecked Sendable {
    private var slots: [FileReport?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ index: Int, _ report: FileReport) {
        slots.withUnsafeMutableBufferPointer { $0[index] = report }
    }

    func values() -> [FileReport] { slots.map { $0! } }
}
