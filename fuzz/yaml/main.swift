// libFuzzer target: the YAML front end (libyaml events -> reqlint's document tree with
// positions into the YAML source) and the lint of what it builds.
import ReqLintCore
import ReqLintYAML

let linter = Linter(registry: try! BundledRules.registry())

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let parsed = YAMLRequestDocument.parse(bytes)
    let lines = LineTable(bytes)
    func check(_ range: SourceRange, _ what: String) {
        precondition(range.start >= 0 && range.start <= range.end && range.end <= max(bytes.count, 1),
                     "\(what): range \(range) outside the source of \(bytes.count) bytes")
        _ = lines.position(of: range.start)
        _ = lines.position(of: range.end)
    }
    for diagnostic in parsed.diagnostics { check(diagnostic.range, "YAML \(diagnostic.rule)") }
    guard let document = parsed.document else { return 0 }
    precondition(document.scalars == nil || document.scalars!.count == document.nodes.count)
    for index in document.nodes.indices {
        let node = document.nodes[index]
        check(node.range, "node \(index) (\(node.kind))")
        if node.kind == .string { _ = document.string(Int32(index)); _ = document.codePointCount(Int32(index)) }
        if node.kind == .number { _ = document.literal(Int32(index)) }
    }
    let result = linter.lint(document, operation: nil)
    for diagnostic in result.diagnostics {
        check(diagnostic.range, "\(diagnostic.rule)")
        for related in diagnostic.related { check(related.range, "\(diagnostic.rule) related") }
    }
    return 0
}
