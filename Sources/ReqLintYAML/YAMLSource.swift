import ReqLintCore

/// The bytes of a YAML document and the byte-level scanning that libyaml's marks need.
///
/// libyaml reports positions as marks whose `index` counts characters (Unicode scalars) from
/// the start of the input, a CRLF pair as two, a byte order mark as one. ``offset(ofCharacter:)``
/// turns such an index into a byte offset. The bytes must be well-formed UTF-8 (see
/// ``firstDisallowedCharacter(_:)``), so every character starts at a lead byte.
struct YAMLSource {
    /// The document bytes.
    let bytes: [UInt8]
    /// The byte offset of every `checkpointStride`-th character.
    private let checkpoints: [Int]
    private static let checkpointStride = 64

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var checkpoints = [0]
        var characters = 0
        var i = 0
        while i < bytes.count {
            i += YAMLSource.sequenceLength(lead: bytes[i])
            characters += 1
            if characters % YAMLSource.checkpointStride == 0 { checkpoints.append(min(i, bytes.count)) }
        }
        self.checkpoints = checkpoints
    }

    /// The length of the UTF-8 sequence that a well-formed lead byte starts.
    static func sequenceLength(lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The byte offset of the character at libyaml mark index `index` (clamped to the end).
    func offset(ofCharacter index: Int) -> Int {
        guard index > 0 else { return 0 }
        let slot = min(index / YAMLSource.checkpointStride, checkpoints.count - 1)
        var offset = checkpoints[slot]
        var remaining = index - slot * YAMLSource.checkpointStride
        while remaining > 0 && offset < bytes.count {
            offset += YAMLSource.sequenceLength(lead: bytes[offset])
            remaining -= 1
        }
        return min(offset, bytes.count)
    }

    /// The text of `range`.
    func text(_ range: SourceRange) -> String {
        String(decoding: bytes[max(0, range.start) ..< min(range.end, bytes.count)], as: UTF8.self)
    }

    // MARK: Validation

    /// The first byte sequence that is not well-formed UTF-8, or a character that YAML does not
    /// allow in a stream (C0 and C1 controls other than tab, line feed, carriage return and
    /// U+0085, DEL, U+FFFE and U+FFFF), as a syntax error; `nil` when every character is allowed.
    static func firstDisallowedCharacter(_ bytes: [UInt8]) -> JSONSyntaxError? {
        var i = 0
        let count = bytes.count
        while i < count {
            let lead = bytes[i]
            if lead >= 0x20 && lead < 0x7F || lead == 0x09 || lead == 0x0A || lead == 0x0D {
                i += 1
                continue
            }
            let length = UTF8Validation.sequenceLength(bytes, at: i)
            guard length > 0 else {
                return JSONSyntaxError(message: "invalid UTF-8 byte 0x\(hexDigits(Int(lead), width: 2)): save the file as UTF-8",
                                       range: SourceRange(start: i, end: i + 1))
            }
            let scalar = decode(bytes, at: i, length: length)
            let allowed = scalar == 0x85 || (scalar >= 0xA0 && scalar <= 0xD7FF) || (scalar >= 0xE000 && scalar <= 0xFFFD)
                || scalar >= 0x10000
            if !allowed {
                let code = "U+" + hexDigits(Int(scalar), width: 4)
                let message = scalar < 0x20 || (scalar >= 0x7F && scalar < 0xA0)
                    ? "control character \(code) is not allowed in YAML: remove it, or write it as \\u\(hexDigits(Int(scalar), width: 4)) inside a double-quoted string"
                    : "character \(code) is not allowed in YAML: remove it"
                return JSONSyntaxError(message: message, range: SourceRange(start: i, end: i + length))
            }
            i += length
        }
        return nil
    }

    private static func decode(_ bytes: [UInt8], at index: Int, length: Int) -> UInt32 {
        switch length {
        case 1: return UInt32(bytes[index])
        case 2: return UInt32(bytes[index] & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
        case 3: return UInt32(bytes[index] & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
        default:
            return UInt32(bytes[index] & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
        }
    }

    // MARK: Scanning

    /// Where the properties (anchor and tag) of a node are, and where its content starts.
    struct Properties {
        var anchor: SourceRange?
        var tag: SourceRange?
        /// The first byte after the properties and the separation that follows them.
        var contentStart: Int
        /// One past the last property.
        var end: Int
    }

    /// Reads the `count` properties (`&anchor`, `!tag`, in either order) that start at `start`,
    /// the way libyaml scans them, and skips the spaces, line breaks and comments after them.
    func properties(from start: Int, count: Int) -> Properties {
        var result = Properties(anchor: nil, tag: nil, contentStart: start, end: start)
        var p = start
        for index in 0 ..< count {
            if index > 0 { p = skipSeparation(from: p) }
            guard p < bytes.count else { break }
            let begin = p
            if bytes[p] == UInt8(ascii: "&") {
                p += 1
                while p < bytes.count, isAnchorByte(bytes[p]) { p += 1 }
                result.anchor = SourceRange(start: begin, end: p)
            } else if bytes[p] == UInt8(ascii: "!") {
                p += 1
                if p < bytes.count, bytes[p] == UInt8(ascii: "<") {
                    while p < bytes.count, bytes[p] != UInt8(ascii: ">"), !isBlankOrBreak(bytes[p]) { p += 1 }
                    if p < bytes.count, bytes[p] == UInt8(ascii: ">") { p += 1 }
                } else {
                    while p < bytes.count, isTagByte(bytes[p]) { p += 1 }
                }
                result.tag = SourceRange(start: begin, end: p)
            } else {
                break
            }
            result.end = p
        }
        result.contentStart = count > 0 ? skipSeparation(from: p) : p
        return result
    }

    /// Skips spaces, tabs, line breaks and comments.
    func skipSeparation(from start: Int) -> Int {
        var p = start
        while p < bytes.count {
            switch bytes[p] {
            case 0x20, 0x09, 0x0A, 0x0D:
                p += 1
            case UInt8(ascii: "#"):
                while p < bytes.count, bytes[p] != 0x0A, bytes[p] != 0x0D { p += 1 }
            default:
                return p
            }
        }
        return p
    }

    /// The end of a literal (`|`) or folded (`>`) block scalar whose indicator is at
    /// `indicator` and that libyaml ended at `scannedEnd` (after its trailing line breaks and the
    /// indentation of the next line): just past the last non-blank character of its last
    /// content line, or just past the header indicators when it has no content.
    func blockScalarEnd(indicator: Int, scannedEnd: Int) -> Int {
        var headerEnd = indicator + 1
        while headerEnd < bytes.count, isBlockHeaderByte(bytes[headerEnd]) { headerEnd += 1 }
        var lineEnd = headerEnd
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
        var end = min(scannedEnd, bytes.count)
        while end > lineEnd, isBlankOrBreak(bytes[end - 1]) { end -= 1 }
        return end > lineEnd ? end : headerEnd
    }

    func isBlankOrBreak(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private func isAnchorByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// A character libyaml accepts in a tag handle or shorthand suffix.
    private func isTagByte(_ byte: UInt8) -> Bool {
        if isAnchorByte(byte) { return true }
        switch byte {
        case UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "&"),
             UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "$"), UInt8(ascii: "."), UInt8(ascii: "%"), UInt8(ascii: "!"),
             UInt8(ascii: "~"), UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        default:
            return false
        }
    }

    private func isBlockHeaderByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9"))
    }
}

/// Uppercase hexadecimal with at least `width` digits.
func hexDigits(_ value: Int, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
