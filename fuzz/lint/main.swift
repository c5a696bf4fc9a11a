// libFuzzer target: the whole lint of one document (parse, operation detection, the model's
// checks, the documented rules, PCRE2 patterns) against the bundled rule packs.
import ReqLintCore

let linter = Linter(registry: try! BundledRules.registry())
let operations: [OperationID?] = [nil] + (try! BundledRules.registry()).ids.map { Optional($0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLint(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size > 0, let data else { return 0 }
    // The first byte picks the operation (or detection), the rest is the document.
    let operation = operations[Int(data[0]) % operations.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let result = linter.lint(bytes, operation: operation)
    let lines = LineTable(bytes)
    for diagnostic in result.diagnostics {
        for range in [diagnostic.range] + diagnostic.related.map(\.range) {
            precondition(range.start >= 0 && range.start <= range.end && range.end <= max(bytes.count, 1),
                         "\(diagnostic.rule) range \(range) outside the document of \(bytes.count) bytes")
            _ = lines.position(of: range.start)
            _ = lines.position(of: range.end)
        }
        precondition(!diagnostic.message.isEmpty, "empty message for \(diagnostic.rule)")
        _ = diagnostic.pointer.description
    }
    switch result.status {
    case .checked: precondition(result.document.syntaxError == nil)
    case .unparseable: precondition(result.diagnostics.count == 1 && result.diagnostics[0].rule == .syntax)
    case .unknownOperation: precondition(result.diagnostics.count == 1 && result.diagnostics[0].rule == .unknownOperation)
    }
    // Linting is a pure function of its input.
    if bytes.count < 2048 {
        let again = linter.lint(bytes, operation: operation)
        precondition(again.diagnostics == result.diagnostics, "two lints of one document differ")
    }
    return 0
}
