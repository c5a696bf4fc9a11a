/// The base protocol's framing: `Content-Length: N\r\n` (and optionally `Content-Type: ...`),
/// an empty line, then exactly N bytes of JSON.
///
/// Written by hand on purpose. It is about a hundred lines, and none of the packages this
/// project can use does LSP framing well here: sourcekit-lsp's LanguageServerProtocolJSONRPC
/// drags in a large dependency tree (and Foundation) that CI would build from scratch on
/// every run, and generic JSON-RPC packages frame by newline, not by `Content-Length`. The
/// properties that matter are easy to state and test in isolation: bytes arrive in pieces of
/// any size (a header split anywhere, several messages in one read), and a malformed header
/// must be skipped with an error report while the stream goes on.
///
/// Tolerated beyond the specification: header names in any letter case, `Content-Type` (any
/// value; only UTF-8 is ever sent), bare `\n` line ends, empty lines before a header.
public struct MessageFramer: Sendable {
    /// What the framer found in the bytes pushed so far.
    public enum Event: Equatable, Sendable {
        /// A complete message body.
        case message([UInt8])
        /// A header block that cannot be used (no or bad `Content-Length`, a line without a
        /// colon, a body larger than the limit). The block (and a too large body) is skipped.
        case malformed(String)
    }

    /// The largest body accepted; a larger one is skipped (and reported) as it arrives.
    public var maximumBodyLength: Int
    /// The longest header block accepted before it is reported and discarded.
    public var maximumHeaderLength = 8192

    private var buffer: [UInt8] = []
    private var start = 0
    /// The length of the body being waited for, once its header has been read.
    private var pendingLength: Int?
    /// Bytes of an oversized body still to be thrown away.
    private var skipping = 0

    public init(maximumBodyLength: Int = 64 << 20) {
        self.maximumBodyLength = maximumBodyLength
    }

    /// Appends `bytes` and returns every event now complete, in order.
    public mutating func push<Bytes: Sequence>(_ bytes: Bytes) -> [Event] where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        while let event = next() { events.append(event) }
        // Drop consumed bytes once they are the larger part of the buffer (amortised O(1)).
        if start > 0 && start * 2 >= buffer.count {
            buffer.removeSubrange(0 ..< start)
            start = 0
        }
        return events
    }

    /// The frame of one message: header and body.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    private mutating func next() -> Event? {
        if skipping > 0 {
            let n = min(skipping, buffer.count - start)
            start += n
            skipping -= n
            if skipping > 0 { return nil }
        }
        if let length = pendingLength {
            guard buffer.count - start >= length else { return nil }
            let body = Array(buffer[start ..< start + length])
            start += length
            pendingLength = nil
            return .message(body)
        }
        return readHeader()
    }

    /// Reads one header block if it is complete; sets `pendingLength` or reports it malformed.
    private mutating func readHeader() -> Event? {
        var lineStart = start
        // Empty lines between messages are noise, not an (empty) header block.
        while true {
            if lineStart < buffer.count, buffer[lineStart] == 0x0A {
                lineStart += 1
            } else if lineStart + 1 < buffer.count, buffer[lineStart] == 0x0D, buffer[lineStart + 1] == 0x0A {
                lineStart += 2
            } else {
                break
            }
        }
        start = lineStart
        var contentLength: Int?
        var problem: String?
        var i = lineStart
        while true {
            guard let newline = buffer[i...].firstIndex(of: 0x0A) else {
                if buffer.count - start > maximumHeaderLength {
                    start = buffer.count
                    return .malformed("header longer than \(maximumHeaderLength) bytes without an end; discarded")
                }
                return nil
            }
            var lineEnd = newline
            if lineEnd > i, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = buffer[i ..< lineEnd]
            i = newline + 1
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                if problem == nil { problem = "header line without a colon: \(Self.shown(line))" }
                continue
            }
            let name = String(decoding: line[line.startIndex ..< colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self)
            let trimmed = String(value.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
            switch name {
            case "content-length":
                guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(trimmed) else {
                    if problem == nil { problem = "Content-Length is not a number: \(Self.shown(line))" }
                    continue
                }
                contentLength = n
            default:
                break // Content-Type (only UTF-8 is ever sent) and unknown headers are ignored.
            }
        }
        start = i
        if let problem {
            // With a usable length the body can still be stepped over, so the next message
            // is found; without one, the bytes that follow are read as the next header.
            if let contentLength { skipping = contentLength }
            return .malformed(problem)
        }
        guard let length = contentLength else { return .malformed("header block without Content-Length") }
        if length > maximumBodyLength {
            skipping = length
            return .malformed("message of \(length) bytes is larger than the limit of \(maximumBodyLength); skipped")
        }
        pendingLength = length
        return next()
    }

    private static func shown(_ line: ArraySlice<UInt8>) -> String {
        let text = String(decoding: line.prefix(80), as: UTF8.self)
        return "\"" + text + (line.count > 80 ? "…" : "") + "\""
    }
}
