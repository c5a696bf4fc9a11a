import ReqLintCore
@testable import ReqLintLSP
import Testing

/// The base protocol's framing, byte by byte.
struct FramingTests {
    static func frame(_ body: String, headers: String? = nil) -> [UInt8] {
        Array((headers ?? "Content-Length: \(body.utf8.count)\r\n\r\n").utf8) + Array(body.utf8)
    }

    static func bodies(_ events: [MessageFramer.Event]) -> [String] {
        events.compactMap { if case let .message(b) = $0 { return String(decoding: b, as: UTF8.self) } else { return nil } }
    }

    @Test func oneMessage() {
        var framer = MessageFramer()
        #expect(Self.bodies(framer.push(Self.frame("{\"a\":1}"))) == ["{\"a\":1}"])
    }

    @Test func partialReadsAtEverySplit() {
        let stream = Self.frame("{\"jsonrpc\":\"2.0\",\"method\":\"x\"}") + Self.frame("{\"b\":\"é😀\"}")
        for split in 0 ... stream.count {
            var framer = MessageFramer()
            let events = framer.push(stream[0 ..< split]) + framer.push(stream[split...])
            #expect(Self.bodies(events) == ["{\"jsonrpc\":\"2.0\",\"method\":\"x\"}", "{\"b\":\"é😀\"}"], "split at \(split)")
        }
    }

    @Test func byteByByte() {
        let stream = Self.frame("{}") + Self.frame("[1,2]") + Self.frame("\"x\"")
        var framer = MessageFramer()
        var events: [MessageFramer.Event] = []
        for byte in stream { events += framer.push([byte]) }
        #expect(Self.bodies(events) == ["{}", "[1,2]", "\"x\""])
    }

    @Test func severalMessagesInOneRead() {
        let stream = (0 ..< 50).flatMap { Self.frame("{\"id\":\($0)}") }
        var framer = MessageFramer()
        let bodies = Self.bodies(framer.push(stream))
        #expect(bodies.count == 50)
        #expect(bodies.last == "{\"id\":49}")
    }

    @Test func contentTypeAndHeaderCaseAndBareNewlines() {
        var framer = MessageFramer()
        let a = Self.frame("{}", headers: "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n")
        let b = Self.frame("[]", headers: "Content-Type: application/vscode-jsonrpc\nCONTENT-LENGTH:2\n\n")
        #expect(Self.bodies(framer.push(a + Array("\r\n".utf8) + b)) == ["{}", "[]"])
    }

    @Test func malformedHeadersAreReportedAndSkipped() {
        var framer = MessageFramer()
        let events = framer.push(Array("Content-Length: abc\r\n\r\n".utf8) + Self.frame("{\"ok\":1}"))
        #expect(events.count == 2)
        if case .malformed = events[0] {} else { Issue.record("expected malformed, got \(events[0])") }
        #expect(Self.bodies(events) == ["{\"ok\":1}"])

        var noLength = MessageFramer()
        let e2 = noLength.push(Array("Content-Type: x\r\n\r\n".utf8) + Self.frame("{}"))
        #expect(e2.first.map { if case .malformed = $0 { true } else { false } } == true)
        #expect(Self.bodies(e2) == ["{}"])

        // Bytes that are not a header are skipped to the next header, which frames its body.
        var noColon = MessageFramer()
        let e3 = noColon.push(Array("garbage\r\nContent-Length: 5\r\n\r\nhello".utf8) + Self.frame("{}"))
        #expect(e3.count == 3)
        #expect(Self.bodies(e3) == ["hello", "{}"])
    }

    /// Every hostile frame is followed by valid ones, pushed whole and byte by byte: the framer
    /// must report the bad one and deliver every valid message after it.
    @Test(arguments: [
        "Content-Length: -1\r\n\r\n{\"a\":1}",
        "Content-Length: 1000000000000\r\n\r\n{\"a\":1}",
        "Content-Length: 99999999999999999999999\r\n\r\n{\"a\":1}",
        "Content-Length: 9223372036854775807\r\n\r\n{\"a\":1}",
        "Content-Length: 4000\r\n\r\n{\"a\":1}",
        "Content-Length: 40\r\n\r\n{\"a\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"x\"}",
        "{\"jsonrpc\":\"2.0\"}\r\n\r\n",
        "Content-Length: \r\n\r\n{}",
        "\u{0}\u{1}\u{2}garbage: yes\r\n\r\n",
    ])
    func resynchronisesAfterAMalformedFrame(_ hostile: String) {
        let valid = Self.frame(#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#) + Self.frame(#"{"id":2}"#)
        let stream = Array(hostile.utf8) + valid
        var whole = MessageFramer(maximumBodyLength: 1 << 20)
        let events = whole.push(stream)
        #expect(events.contains { if case .malformed = $0 { true } else { false } }, "\(hostile): \(events)")
        #expect(Self.bodies(events).suffix(2) == [#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#, #"{"id":2}"#], "\(hostile): \(events)")
        var bytewise = MessageFramer(maximumBodyLength: 1 << 20)
        var pieces: [MessageFramer.Event] = []
        for byte in stream { pieces += bytewise.push([byte]) }
        #expect(Self.bodies(pieces).suffix(2) == [#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#, #"{"id":2}"#], "\(hostile) byte by byte: \(pieces)")
    }

    /// Found by the fuzzer: a header block longer than the limit that starts with a valid
    /// Content-Length line looped for ever (the search for the next header found it again).
    @Test func anOverlongHeaderBlockIsSkippedOnce() {
        var framer = MessageFramer()
        framer.maximumHeaderLength = 32
        let events = framer.push(Array("content-length: 5\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\nhello\r\n\r\n".utf8)
            + Self.frame("{}"))
        #expect(Self.bodies(events).last == "{}")
    }

    /// A body may hold the words of a header in a string: only a raw line break after the
    /// digits marks a real header, and JSON strings cannot hold one.
    @Test func headerWordsInsideABodyAreBody() {
        var framer = MessageFramer()
        let body = #"{"text":"Content-Length: 12\r\n\r\nnot a header"}"#
        let events = framer.push(Self.frame(body) + Self.frame("{}"))
        #expect(Self.bodies(events) == [body, "{}"])
    }

    @Test func oversizedBodyIsSkippedAsItArrives() {
        var framer = MessageFramer(maximumBodyLength: 10)
        var events = framer.push(Array("Content-Length: 20\r\n\r\n0123456789".utf8))
        events += framer.push(Array("0123456789".utf8) + Self.frame("{}"))
        #expect(events.count == 2)
        #expect(Self.bodies(events) == ["{}"])
    }

    @Test func decodeClassifiesMessages() {
        func decode(_ s: String) -> JSONRPC.Message { JSONRPC.decode(Array(s.utf8)) }
        #expect(decode(#"{"jsonrpc":"2.0","id":1,"method":"m","params":{}}"#) == .request(id: .integer(1), method: "m", params: .object([])))
        #expect(decode(#"{"jsonrpc":"2.0","id":"a","method":"m"}"#) == .request(id: .string("a"), method: "m", params: nil))
        #expect(decode(#"{"jsonrpc":"2.0","method":"n"}"#) == .notification(method: "n", params: nil))
        #expect(decode(#"{"jsonrpc":"2.0","id":3,"result":null}"#) == .response(id: .integer(3)))
        if case .invalid(nil, .parseError, _) = decode("{not json") {} else { Issue.record("parse error expected") }
        if case .invalid(nil, .parseError, _) = decode("") {} else { Issue.record("parse error expected for empty body") }
        if case .invalid(.integer(4), .invalidRequest, _) = decode(#"{"jsonrpc":"1.0","id":4,"method":"m"}"#) {} else { Issue.record("invalid request expected") }
        if case .invalid(.integer(5), .invalidRequest, _) = decode(#"{"jsonrpc":"2.0","id":5}"#) {} else { Issue.record("no method") }
        if case .invalid(nil, .invalidRequest, _) = decode(#"[{"jsonrpc":"2.0","method":"m"}]"#) {} else { Issue.record("batch") }
        if case .invalid(nil, .invalidRequest, _) = decode(#"{"jsonrpc":"2.0","id":{},"method":"m"}"#) {} else { Issue.record("bad id") }
        if case .invalid(_, .invalidRequest, _) = decode(#"{"jsonrpc":"2.0","id":1,"method":7}"#) {} else { Issue.record("method type") }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        if case .invalid(nil, .invalidRequest, _) = decode(#"{"jsonrpc":"2.0","method":"m","params":"# + deep + "}") {} else {
            Issue.record("deep nesting must be refused, not recursed into")
        }
    }

    @Test func encodeFramesUTF8ByteLength() {
        let bytes = JSONRPC.encode(.object([("s", .string("é😀"))]))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "Content-Length: 14\r\n\r\n{\"s\":\"é😀\"}")
    }
}
