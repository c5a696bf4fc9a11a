// libFuzzer target: the language server's Content-Length framing and LSP position conversion
// (compiled together with Sources/ReqLintLSP/MessageFramer.swift and Positions.swift, linked
// with ReqLintCore).
//
// Framing: whatever bytes come first, a stream that then carries valid frames must deliver
// the last of them (the framer resynchronises), whole or split into any reads; no body may be
// larger than the limit. Positions: any position a client can send (up to 2^63 - 1) converts
// to an offset inside the document, in order.
import ReqLintCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFraming(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size > 0, let data else { return 0 }
    // The first byte seeds the split points and a small body limit (so the skip path runs).
    let seed = Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let limit = seed & 1 == 0 ? 64 << 20 : 16 + seed
    let last = #"{"id":7}"#  // under the smallest limit (17)
    let stream = bytes + Array("\r\n\r\n".utf8) + MessageFramer.frame(Array(#"{"id":1}"#.utf8))
        + MessageFramer.frame(Array(#"{"id":2}"#.utf8)) + MessageFramer.frame(Array(last.utf8))
    for headerLimit in [8192, 32] {
        var whole = MessageFramer(maximumBodyLength: limit)
        whole.maximumHeaderLength = headerLimit
        let expected = whole.push(stream)
        var pieces = MessageFramer(maximumBodyLength: limit)
        pieces.maximumHeaderLength = headerLimit
        var events: [MessageFramer.Event] = []
        var start = 0
        var step = seed % 7 + 1
        while start < stream.count {
            let end = min(stream.count, start + step)
            events += pieces.push(stream[start ..< end])
            start = end
            step = (step * 5 + 3) % 11 + 1
        }
        for run in [expected, events] {
            var bodies: [[UInt8]] = []
            for case let .message(body) in run {
                precondition(body.count <= limit, "a body over the limit was delivered")
                bodies.append(body)
            }
            precondition(bodies.last == Array(last.utf8), "the framer did not resynchronise: \(run.suffix(4))")
        }
    }
    fuzzPositions(bytes, seed: seed)
    return 0
}

/// Positions from the input's own bytes and the extremes a client may send.
func fuzzPositions(_ bytes: [UInt8], seed: Int) {
    let converter = PositionConverter(bytes)
    var values: [Int64] = [0, 1, 2, Int64(Int32.max), Int64(Int32.max) + 1, Int64.max, Int64.max - 1]
    for (i, byte) in bytes.prefix(16).enumerated() { values.append(Int64(byte) * Int64(i + seed + 1)) }
    var previous = -1
    var positions: [LSPPosition] = []
    for line in values {
        for character in values {
            let json = JSONValue.object([("line", .integer(line)), ("character", .integer(character))])
            guard let position = LSPPosition(json: json) else { preconditionFailure("a position of non-negative numbers was refused") }
            positions.append(position)
        }
    }
    for position in positions.sorted() {
        let offset = converter.offset(of: position)
        precondition(offset >= 0 && offset <= bytes.count, "offset \(offset) outside the document")
        precondition(offset >= previous, "offsets out of order at \(position)")
        previous = offset
        _ = converter.position(of: offset)
    }
}
