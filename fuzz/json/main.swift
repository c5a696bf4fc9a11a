// libFuzzer target: the position-tracking JSON parser and what is built on its tree.
// Compiled by fuzz/run.sh against ReqLintCore's sources (see fuzz/README.md).
import ReqLintCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let document = JSONParser.parse(bytes)
    let lines = LineTable(bytes)
    if let error = document.syntaxError {
        // The error is inside the input, and its position can be told.
        precondition(document.root == nil, "a document with a syntax error has no root")
        precondition(error.range.start >= 0 && error.range.start <= error.range.end && error.range.end <= bytes.count,
                     "syntax error range \(error.range) outside 0...\(bytes.count)")
        _ = lines.position(of: error.range.start)
        _ = lines.position(of: error.range.end)
        return 0
    }
    guard let root = document.root else { preconditionFailure("no root and no syntax error") }
    precondition(Int(root) < document.nodes.count)
    let parents = document.parents()
    let slots = document.childSlots()
    for index in document.nodes.indices {
        let node = document.nodes[index]
        precondition(node.start >= 0 && node.start < node.end && Int(node.end) <= bytes.count, "node \(index) range outside the input")
        switch node.kind {
        case .string:
            let value = document.string(Int32(index))
            precondition(document.string(Int32(index), equals: value), "string(_:equals:) disagrees with string(_:)")
            precondition(document.codePointCount(Int32(index)) == value.unicodeScalars.count, "codePointCount disagrees")
        case .number:
            _ = document.literal(Int32(index))
        case .object, .array:
            let first = Int(node.firstChild), count = Int(node.childCount)
            precondition(first >= 0 && first + count <= document.children.count, "children out of range")
            if node.kind == .object { precondition(count % 2 == 0, "object with an odd number of children") }
            for child in document.children[first ..< first + count] {
                let c = document.nodes[Int(child)]
                precondition(c.start >= node.start && c.end <= node.end, "child outside its container")
                precondition(parents[Int(child)] == Int32(index), "parents() disagrees")
            }
        default:
            break
        }
        let pointer = document.pointer(to: Int32(index), parents: parents)
        precondition(pointer == document.pointer(to: Int32(index), parents: parents, slots: slots), "slots change the pointer")
        precondition(JSONPointer(pointer.description) == pointer, "pointer \(pointer) does not round-trip")
        let start = lines.position(of: Int(node.start))
        let end = lines.position(of: Int(node.end))
        precondition(start <= end, "start after end")
    }
    for duplicate in document.duplicateKeys() {
        precondition(document.string(duplicate.key).unicodeScalars.elementsEqual(document.string(duplicate.first).unicodeScalars))
    }
    // The decoded value, written and parsed again, is written the same way (the writer is
    // a fixed point: 1.0 becomes 1 once, then stays). value(at:) recurses: only for
    // inputs libFuzzer keeps short enough.
    if bytes.count <= 4096 {
        let text = document.value(at: root).serialized()
        let again = JSONParser.parse(text)
        precondition(again.syntaxError == nil, "the serialized value does not parse: \(again.syntaxError!.message): \(text)")
        precondition(again.value(at: again.root!).serialized() == text, "serialization is not a fixed point: \(text)")
    }
    return 0
}
