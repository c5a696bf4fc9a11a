// Byte-level helpers for canonicalisation: percent-encoding and -decoding, ASCII case
// folding, path normalisation, header value trimming and hex. All work on UTF-8 bytes and
// never consult the locale.

private let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
private let lowerHexDigits: [UInt8] = Array("0123456789abcdef".utf8)

/// Whether `byte` is an RFC 3986 unreserved character: `A-Z a-z 0-9 - . _ ~`.
@inline(__always)
func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "a") ... UInt8(ascii: "z"),
         UInt8(ascii: "0") ... UInt8(ascii: "9"),
         UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
        return true
    default:
        return false
    }
}

/// The value of an ASCII hex digit, or nil.
@inline(__always)
func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0") ... UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "A") ... UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    case UInt8(ascii: "a") ... UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    default: return nil
    }
}

/// Percent-encodes `bytes` with the SigV4 rules: unreserved characters stay, `/` stays when
/// `keepSlash`, a valid `%XX` escape stays (with upper-case hex) when `keepEscapes`, and
/// every other byte becomes `%XX` with upper-case hex.
func percentEncode(_ bytes: [UInt8], keepSlash: Bool, keepEscapes: Bool = false) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 2)
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
            out.append(byte)
        } else if keepEscapes, byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                  let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
            out.append(contentsOf: [UInt8(ascii: "%"), hexDigits[Int(high)], hexDigits[Int(low)]])
            index += 2
        } else {
            out.append(contentsOf: [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
        }
        index += 1
    }
    return String(decoding: out, as: UTF8.self)
}

/// Decodes `%XX` escapes into bytes; a `%` that does not start a valid escape stays. `+` is
/// not a space. Bytes that are not valid UTF-8 become U+FFFD.
func percentDecode(_ text: Substring) -> String {
    let bytes = Array(text.utf8)
    guard bytes.contains(UInt8(ascii: "%")) else { return String(text) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
        if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
           let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
            out.append(high << 4 | low)
            index += 3
        } else {
            out.append(bytes[index])
            index += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// `text` with `A-Z` mapped to `a-z` and nothing else changed.
func asciiLowercased(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return text }
    return String(decoding: text.utf8.map { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) ? $0 + 32 : $0 }, as: UTF8.self)
}

/// Whether `a` sorts before `b` comparing UTF-8 bytes (the order SigV4 uses).
@inline(__always)
func byteOrderPrecedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// Removes `.` and `..` segments and collapses repeated slashes, the way AWS normalises
/// paths for every service but S3 (the algorithm of botocore's `remove_dot_segments`, which
/// gives the results of the AWS test suite):
/// - the path is split on `/`; empty and `.` segments are dropped; `..` drops the previous
///   kept segment (or nothing at the root);
/// - the result starts with `/` when the input did, and ends with `/` when the input did and
///   at least one segment is left.
///
/// So `//example//` → `/example/`, `/example/..` → `/`, `/./example` → `/example`, and
/// `/example/.` → `/example` (RFC 3986 would keep the final slash here; AWS SDKs differ on
/// this corner and no test vector covers it).
func removeDotSegments(_ path: String) -> String {
    guard !path.isEmpty else { return "" }
    var kept: [Substring] = []
    for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
        switch segment {
        case ".": continue
        case "..": if !kept.isEmpty { kept.removeLast() }
        default: kept.append(segment)
        }
    }
    let leading = path.hasPrefix("/") ? "/" : ""
    let trailing = path.hasSuffix("/") && !kept.isEmpty ? "/" : ""
    return leading + kept.joined(separator: "/") + trailing
}

/// Whether `byte` counts as whitespace when trimming header values: space, tab, CR, LF,
/// vertical tab and form feed (ASCII only).
@inline(__always)
private func isHeaderWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
}

/// The SigV4 "Trimall" of a header value: leading and trailing whitespace removed and each
/// inner run of whitespace (including the line breaks of folded lines) replaced by one space.
func trimAll(_ value: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(value.utf8.count)
    var pendingSpace = false
    for byte in value.utf8 {
        if isHeaderWhitespace(byte) {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(byte)
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// Lower-case hex of `bytes`.
func lowerHex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    var out: [UInt8] = []
    for byte in bytes {
        out.append(lowerHexDigits[Int(byte >> 4)])
        out.append(lowerHexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// Whether `text` is a non-empty HTTP token (RFC 9110 `tchar`s only).
func isHTTPToken(_ text: String) -> Bool {
    guard !text.isEmpty else { return false }
    return text.utf8.allSatisfy { byte in
        switch byte {
        case UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "a") ... UInt8(ascii: "z"),
             UInt8(ascii: "0") ... UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

/// Whether a header value may be sent: no NUL, no bare CR, and every line break (LF or
/// CRLF) followed by a space or tab (a folded continuation line).
func isSendableHeaderValue(_ value: String) -> Bool {
    let bytes = Array(value.utf8)
    var index = 0
    while index < bytes.count {
        switch bytes[index] {
        case 0x00:
            return false
        case 0x0D:
            guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { return false }
        case 0x0A:
            guard index + 1 < bytes.count, bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09 else { return false }
        default:
            break
        }
        index += 1
    }
    return true
}
