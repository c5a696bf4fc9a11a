// libFuzzer target: the language server's Content-Length framing (compiled together with
// Sources/ReqLintLSP/MessageFramer.swift). The same bytes must give the same events however
// they are split into reads, and no body may be larger than the limit.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFraming(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size > 0, let data else { return 0 }
    // The first byte seeds the split points and a small body limit (so the skip path runs).
    let seed = Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let limit = seed & 1 == 0 ? 64 << 20 : 16 + seed
    // Split invariance holds while no header block can reach maximumHeaderLength (8192 by
    // default; libFuzzer's inputs are shorter). A small header limit is exercised below.
    let whole0 = MessageFramer(maximumBodyLength: limit)
    var whole = whole0
    let expected = whole.push(bytes)
    var pieces = MessageFramer(maximumBodyLength: limit)
    var events: [MessageFramer.Event] = []
    var start = 0
    var step = seed % 7 + 1
    while start < bytes.count {
        let end = min(bytes.count, start + step)
        events += pieces.push(bytes[start ..< end])
        start = end
        step = (step * 5 + 3) % 11 + 1
    }
    precondition(events == expected, "events depend on how the input is split: \(events) vs \(expected)")
    for case let .message(body) in expected { precondition(body.count <= limit, "a body over the limit was delivered") }
    // A small header limit, fed in small pieces: no crash, no body over the limit.
    var small = MessageFramer(maximumBodyLength: limit)
    small.maximumHeaderLength = 32
    var offset = 0
    while offset < bytes.count {
        let end = min(bytes.count, offset + 3)
        for case let .message(body) in small.push(bytes[offset ..< end]) { precondition(body.count <= limit) }
        offset = end
    }
    return 0
}
