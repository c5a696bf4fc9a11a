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
/// Resynchronisation: whatever a peer sends (a negative, huge or overflowing length, a length
/// longer than the body that follows, a body without a header), the framer finds the next
/// well-formed header and goes on from there. It can, because a header line
/// `Content-Length: <digits>` followed by a raw line break never occurs inside a JSON body
/// (JSON strings cannot hold raw line breaks, and the words are not JSON outside strings): a
/// body that turns out to hold one was cut short, and the header is where the next message
/// starts. Bytes that are not a header are reported once and discarded; an oversized body is
/// discarded as it arrives, without being held.
///
/// Tolerated beyond the specification: header names in any letter case, `Content-Type` (any
/// value; only UTF-8 is ever sent), bare `\n` line ends, empty lines before a header.
public struct MessageFramer: Sendable {
    /// What the framer found in the bytes pushed so far.
    public enum Event: Equatable, Sendable {
        /// A complete message body.
        case message([UInt8])
        /// Bytes that could not be used (a header block without a usable `Content-Length`, bytes
        /// that are not a header, a body shorter than its length, a body larger than the
        /// limit); they are discarded and the stream goes on at the next header.
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
    /// How far the pending body has been searched for a header (it is searched once).
    private var scanned = 0
    /// Discarding bytes until the next header (after an unusable header or an oversized body).
    private var discarding = false

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
            scanned = max(0, scanned - start)
            start = 0
        }
        return events
    }

    /// The frame of one message: header and body.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    private mutating func next() -> Event? {
        if discarding {
            switch Self.findHeader(buffer, from: start) {
            case let .found(at):
                start = at
                discarding = false
            case let .notYet(keepFrom):
                start = max(start, keepFrom)
                return nil
            }
        }
        if let length = pendingLength {
            let available = min(buffer.count - start, length)
            // A header inside the body means the body was cut short: the next message starts there.
            if case let .found(at) = Self.findHeader(buffer, from: max(start, scanned), end: start + available, needsLineEnd: true) {
                pendingLength = nil
                let received = at - start
                start = at
                return .malformed("message body shorter than its Content-Length of \(length) bytes (\(received) bytes before the next header); discarded")
            }
            scanned = max(start, start + available - Self.longestHeaderLine)
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
        guard start < buffer.count else { return nil }
        // Bytes that cannot begin a header (a body without one, say) are skipped to the next header.
        if !Self.mayStartHeader(buffer, at: start) {
            discarding = true
            let from = start
            if case let .found(at) = Self.findHeader(buffer, from: start) {
                start = at
                discarding = false
                return .malformed("\(at - from) bytes that are not a message header; discarded up to the next header")
            }
            return .malformed("bytes that are not a message header; discarding up to the next header")
        }
        var contentLength: Int?
        var problem: String?
        var i = lineStart
        while true {
            guard let newline = buffer[i...].firstIndex(of: 0x0A) else {
                if buffer.count - start > maximumHeaderLength {
                    // The search for the next header starts after this one's first byte.
                    start += 1
                    discarding = true
                    return .malformed("header longer than \(maximumHeaderLength) bytes without an end; discarding up to the next header")
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
                // At most 18 digits: no Int overflow, whatever is sent.
                guard !trimmed.isEmpty, trimmed.utf8.count <= 18, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(trimmed) else {
                    if problem == nil { problem = "Content-Length is not a number from 0 to 10^18: \(Self.shown(line))" }
                    continue
                }
                contentLength = n
            default:
                break // Content-Type (only UTF-8 is ever sent) and unknown headers are ignored.
            }
        }
        start = i
        guard problem == nil, let length = contentLength else {
            // Whatever follows is not known to be a body: it is discarded up to the next header.
            discarding = true
            return .malformed(problem ?? "header block without Content-Length")
        }
        if length > maximumBodyLength {
            discarding = true
            return .malformed("message of \(length) bytes is larger than the limit of \(maximumBodyLength); skipped")
        }
        pendingLength = length
        scanned = start
        return next()
    }

    /// The longest header line searched for, with its line break.
    static let longestHeaderLine = 48

    enum Search {
        case found(Int)
        /// Not in the bytes so far; anything before `keepFrom` can be dropped.
        case notYet(keepFrom: Int)
    }

    /// The next `Content-Length: <digits>` line (any letter case, spaces allowed) from `from`
    /// to `end`. With `needsLineEnd`, only a line whose break has arrived counts (a body may
    /// end in digits); otherwise a line cut off by the end of the bytes is waited for.
    static func findHeader(_ bytes: [UInt8], from: Int, end: Int? = nil, needsLineEnd: Bool = false) -> Search {
        let end = end ?? bytes.count
        let name = Array("content-length:".utf8)
        var i = from
        while i < end {
            guard bytes[i] | 0x20 == UInt8(ascii: "c") else {
                i += 1
                continue
            }
            var k = 0
            while k < name.count, i + k < end, bytes[i + k] | (name[k] >= 0x61 ? 0x20 : 0) == name[k] { k += 1 }
            if i + k == end, k < name.count { return .notYet(keepFrom: i) }
            guard k == name.count else {
                i += 1
                continue
            }
            var j = i + k
            while j < end, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            let digits = j
            while j < end, bytes[j] >= 0x30, bytes[j] <= 0x39, j - digits <= 18 { j += 1 }
            while j > digits, j < end, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            if j == end {
                if needsLineEnd { return .notYet(keepFrom: i) }
                return .notYet(keepFrom: i)
            }
            if j > digits, bytes[j] == 0x0A || (bytes[j] == 0x0D && (j + 1 == end || bytes[j + 1] == 0x0A)) {
                if j + 1 == end, bytes[j] == 0x0D, !needsLineEnd { return .notYet(keepFrom: i) }
                if j + 1 == end, bytes[j] == 0x0D { return .notYet(keepFrom: i) }
                return .found(i)
            }
            i += 1
        }
        return .notYet(keepFrom: max(from, end - name.count))
    }

    /// Whether the bytes at `index` can begin a header line: a header name (letters, digits,
    /// `-`) up to a colon, or a line the header parser reports itself (it has a line break
    /// before anything that is not a name character).
    static func mayStartHeader(_ bytes: [UInt8], at index: Int) -> Bool {
        var i = index
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: ":") { return i > index }
            let isName = (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == UInt8(ascii: "-")
            if !isName { return false }
            i += 1
        }
        return true  // a name still arriving
    }

    private static func shown(_ line: ArraySlice<UInt8>) -> String {
        let text = String(decoding: line.prefix(80), as: UTF8.self)
        return "\"" + text + (line.count > 80 ? "…" : "") + "\""
    }
}
