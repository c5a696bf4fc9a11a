/// A strict RFC 8259 JSON parser that keeps the byte range of every value.
///
/// Written by hand because no available package keeps source positions and duplicate keys.
/// It never recurses: containers live on an explicit stack, so a document nested a million
/// levels deep is parsed (or rejected) without exhausting the call stack. It stops at the
/// first syntax error and reports it with its position; it never traps on any input.
///
/// Accepted beyond the RFC: a leading UTF-8 byte order mark. Rejected with a message that
/// says what to write instead: comments, trailing commas, single quotes, unquoted names,
/// `NaN`/`Infinity`, leading zeros, control characters and invalid UTF-8 in strings, lone
/// surrogate escapes, numbers beyond the range of a 64-bit float, and content after the
/// document.
public enum JSONParser {
    /// Parses `bytes` into a document. Syntax problems are in ``JSONDocument/syntaxError``.
    public static func parse(_ bytes: [UInt8]) -> JSONDocument {
        // Byte offsets are stored in 32 bits.
        guard bytes.count < Int(Int32.max) else {
            let error = JSONSyntaxError(message: "the document is larger than 2 GiB, which reqlint does not read; split it",
                                        range: SourceRange(start: 0, end: 0))
            return JSONDocument(bytes: bytes, nodes: [], children: [], root: nil, syntaxError: error)
        }
        var parser = Parser(bytes: bytes)
        let root = parser.run()
        return JSONDocument(
            bytes: bytes, nodes: parser.nodes, children: parser.children,
            root: parser.error == nil ? root : nil, syntaxError: parser.error
        )
    }

    /// Parses a UTF-8 string (a convenience for tests and embedded data).
    public static func parse(_ text: String) -> JSONDocument { parse(Array(text.utf8)) }

    /// The length of a UTF-8 byte order mark at the start of `bytes` (0 or 3).
    public static func byteOrderMarkLength(_ bytes: [UInt8]) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }
}

private struct Parser {
    enum State { case value, firstElementOrClose, elementAfterComma, firstKeyOrClose, keyAfterComma, colon, commaOrClose }

    struct Frame {
        var node: Int32
        var scratchBase: Int
        var isObject: Bool
    }

    let bytes: [UInt8]
    var pos = 0
    var nodes: [JSONNode] = []
    var children: [Int32] = []
    var scratch: [Int32] = []
    var stack: [Frame] = []
    var error: JSONSyntaxError?
    var lastComma = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        nodes.reserveCapacity(bytes.count / 8 + 4)
    }

    // MARK: Driver

    mutating func run() -> Int32? {
        pos = JSONParser.byteOrderMarkLength(bytes)
        var state = State.value
        while error == nil {
            skipWhitespace()
            if error != nil { return nil }
            guard pos < bytes.count else {
                fail(endOfInputMessage(state), at: .at(pos))
                return nil
            }
            let byte = bytes[pos]
            switch state {
            case .value, .firstElementOrClose, .elementAfterComma:
                if byte == UInt8(ascii: "]") && state != .value {
                    if state == .elementAfterComma {
                        fail("trailing comma before ']': remove the ','", at: SourceRange(start: lastComma, end: lastComma + 1))
                        return nil
                    }
                    if let finished = close(isObject: false) {
                        if let root = finished.root { return root }
                        state = .commaOrClose
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "{"):
                    open(.object)
                    state = .firstKeyOrClose
                case UInt8(ascii: "["):
                    open(.array)
                    state = .firstElementOrClose
                default:
                    guard let node = scalarValue() else { return nil }
                    if let root = valueDone(node) { return root }
                    state = .commaOrClose
                }
            case .firstKeyOrClose, .keyAfterComma:
                if byte == UInt8(ascii: "}") {
                    if state == .keyAfterComma {
                        fail("trailing comma before '}': remove the ','", at: SourceRange(start: lastComma, end: lastComma + 1))
                        return nil
                    }
                    if let finished = close(isObject: true) {
                        if let root = finished.root { return root }
                        state = .commaOrClose
                    }
                    continue
                }
                guard byte == UInt8(ascii: "\"") else {
                    failUnexpected(expected: "a member name in double quotes")
                    return nil
                }
                guard let key = string() else { return nil }
                scratch.append(key)
                state = .colon
            case .colon:
                guard byte == UInt8(ascii: ":") else {
                    failUnexpected(expected: "':' after the member name")
                    return nil
                }
                pos += 1
                state = .value
            case .commaOrClose:
                let top = stack[stack.count - 1]
                if byte == UInt8(ascii: ",") {
                    lastComma = pos
                    pos += 1
                    state = top.isObject ? .keyAfterComma : .elementAfterComma
                } else if byte == (top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    if let finished = close(isObject: top.isObject) {
                        if let root = finished.root { return root }
                        state = .commaOrClose
                    }
                } else {
                    failUnexpected(expected: top.isObject ? "',' or '}' after a member" : "',' or ']' after an element")
                    return nil
                }
            }
        }
        return nil
    }

    func endOfInputMessage(_ state: State) -> String {
        if stack.isEmpty && nodes.isEmpty { return "empty document: expected a JSON object" }
        guard let top = stack.last else { return "unexpected end of input: expected a value" }
        let opener = LineTable(bytes).position(of: Int(nodes[Int(top.node)].start))
        let what = top.isObject ? "'}'" : "']'"
        let context: String
        switch state {
        case .colon: context = "expected ':'"
        case .commaOrClose: context = "expected ',' or \(what)"
        case .firstKeyOrClose, .keyAfterComma: context = "expected a member name in double quotes"
        default: context = "expected a value"
        }
        return "unexpected end of input: \(context); close the \(top.isObject ? "object" : "array") opened at line \(opener.line), column \(opener.column) with \(what)"
    }

    /// Records a finished value; returns it when it is the root of the document.
    mutating func valueDone(_ node: Int32) -> Int32? {
        if stack.isEmpty {
            skipWhitespace()
            if error == nil && pos < bytes.count {
                fail("unexpected content after the end of the JSON document: remove it, or wrap several values in an array",
                     at: SourceRange(start: pos, end: bytes.count))
            }
            return error == nil ? node : nil
        }
        scratch.append(node)
        return nil
    }

    mutating func open(_ kind: JSONNode.Kind) {
        let index = Int32(nodes.count)
        nodes.append(JSONNode(kind: kind, flag: false, start: Int32(pos), end: Int32(pos + 1), firstChild: 0, childCount: 0))
        stack.append(Frame(node: index, scratchBase: scratch.count, isObject: kind == .object))
        pos += 1
    }

    /// Closes the innermost container at `pos`; returns `root` set when it was the document.
    mutating func close(isObject: Bool) -> (root: Int32?, Void)? {
        let frame = stack.removeLast()
        pos += 1
        let count = scratch.count - frame.scratchBase
        nodes[Int(frame.node)].end = Int32(pos)
        nodes[Int(frame.node)].firstChild = Int32(children.count)
        nodes[Int(frame.node)].childCount = Int32(count)
        children.append(contentsOf: scratch[frame.scratchBase...])
        scratch.removeLast(count)
        let root = valueDone(frame.node)
        if error != nil { return nil }
        return (root, ())
    }

    // MARK: Whitespace and comments

    mutating func skipWhitespace() {
        // Indentation runs in a tight loop over the raw buffer.
        pos = bytes.withUnsafeBufferPointer { buffer in
            var i = pos
            while i < buffer.count, buffer[i] == 0x20 || buffer[i] == 0x0A || buffer[i] == 0x09 || buffer[i] == 0x0D { i += 1 }
            return i
        }
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D:
                pos += 1
            case UInt8(ascii: "/") where pos + 1 < bytes.count && (bytes[pos + 1] == UInt8(ascii: "/") || bytes[pos + 1] == UInt8(ascii: "*")):
                var end = pos + 2
                if bytes[pos + 1] == UInt8(ascii: "/") {
                    while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
                } else {
                    while end + 1 < bytes.count && !(bytes[end] == UInt8(ascii: "*") && bytes[end + 1] == UInt8(ascii: "/")) { end += 1 }
                    end = min(end + 2, bytes.count)
                }
                fail("comments are not allowed in JSON: remove the comment", at: SourceRange(start: pos, end: end))
                return
            default:
                return
            }
        }
    }

    // MARK: Scalars

    mutating func scalarValue() -> Int32? {
        let byte = bytes[pos]
        switch byte {
        case UInt8(ascii: "\""):
            return string()
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
            return number()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "I"),
             UInt8(ascii: "T"), UInt8(ascii: "F"), UInt8(ascii: "u"):
            return literal()
        case UInt8(ascii: "'"):
            fail("strings must be in double quotes, not single quotes", at: SourceRange(start: pos, end: pos + 1))
            return nil
        case UInt8(ascii: "+"), UInt8(ascii: "."):
            fail("a JSON number starts with '-' or a digit: write 0.5, not .5, and 5, not +5", at: SourceRange(start: pos, end: pos + 1))
            return nil
        default:
            if isWordByte(byte) { return literal() }
            failUnexpected(expected: "a value (object, array, string, number, true, false or null)")
            return nil
        }
    }

    /// Parses the literal word at `pos`; `start` is where the reported word begins (before
    /// `pos` for a minus sign, as in `-Infinity`).
    mutating func literal(from start: Int? = nil) -> Int32? {
        let start = start ?? pos
        var end = pos
        while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
        let word = String(decoding: bytes[start ..< end], as: UTF8.self)
        let kind: JSONNode.Kind
        switch word {
        case "true": kind = .true
        case "false": kind = .false
        case "null": kind = .null
        default:
            let hint: String
            switch word {
            case "True", "TRUE": hint = "; write true"
            case "False", "FALSE": hint = "; write false"
            case "None", "NULL", "Null", "nil", "undefined": hint = "; write null"
            case "NaN", "Infinity", "inf", "nan", "-NaN", "-Infinity": hint = "; JSON has no \(word): write a finite number"
            default: hint = ""
            }
            fail("unexpected '\(word)': expected a value\(hint)", at: SourceRange(start: start, end: max(end, start + 1)))
            return nil
        }
        pos = end
        return append(JSONNode(kind: kind, flag: false, start: Int32(start), end: Int32(end), firstChild: 0, childCount: 0))
    }

    func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    mutating func number() -> Int32? {
        let start = pos
        var hasFractionOrExponent = false
        if bytes[pos] == UInt8(ascii: "-") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "I") || bytes[pos] == UInt8(ascii: "N") {
                _ = literal(from: start)
                return nil
            }
        }
        guard pos < bytes.count, isDigit(bytes[pos]) else {
            fail("expected a digit after '-'", at: SourceRange(start: start, end: min(pos + 1, bytes.count)))
            return nil
        }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < bytes.count, isDigit(bytes[pos]) {
                fail("numbers must not have leading zeros: write the number without them (or as a string if the zeros matter)",
                     at: SourceRange(start: start, end: digitsEnd(from: pos)))
                return nil
            }
        } else {
            pos = digitsEnd(from: pos)
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            hasFractionOrExponent = true
            pos += 1
            guard pos < bytes.count, isDigit(bytes[pos]) else {
                fail("expected a digit after the decimal point", at: SourceRange(start: start, end: pos))
                return nil
            }
            pos = digitsEnd(from: pos)
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            hasFractionOrExponent = true
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count, isDigit(bytes[pos]) else {
                fail("expected a digit in the exponent", at: SourceRange(start: start, end: pos))
                return nil
            }
            pos = digitsEnd(from: pos)
        }
        if hasFractionOrExponent || pos - start > 300 {
            let text = String(decoding: bytes[start ..< pos], as: UTF8.self)
            if let value = Double(text), value.isInfinite {
                let shown = text.count > 40 ? String(text.prefix(37)) + "..." : text
                fail("number \(shown) is out of the range of any numeric type (the largest is about 1.8e308)",
                     at: SourceRange(start: start, end: pos))
                return nil
            }
        }
        return append(JSONNode(kind: .number, flag: hasFractionOrExponent, start: Int32(start), end: Int32(pos), firstChild: 0, childCount: 0))
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    func digitsEnd(from start: Int) -> Int {
        var end = start
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        return end
    }

    /// Parses a string literal at `pos` (which is a double quote).
    mutating func string() -> Int32? {
        let start = pos
        var hasEscapes = false
        pos += 1
        while pos < bytes.count {
            // Plain ASCII runs (most of every string) in a tight loop over the raw buffer.
            pos = bytes.withUnsafeBufferPointer { buffer in
                var i = pos
                while i < buffer.count {
                    let byte = buffer[i]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
                    i += 1
                }
                return i
            }
            guard pos < bytes.count else { break }
            let byte = bytes[pos]
            if byte == UInt8(ascii: "\"") {
                pos += 1
                return append(JSONNode(kind: .string, flag: hasEscapes, start: Int32(start), end: Int32(pos), firstChild: 0, childCount: 0))
            } else if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                guard escape(stringStart: start) else { return nil }
            } else if byte < 0x20 {
                let name = byte == 0x0A ? "a line break" : byte == 0x09 ? "a tab" : byte == 0x0D ? "a carriage return" : "control character U+\(hex(Int(byte), width: 4))"
                let fix = byte == 0x0A ? "write \\n, or close the string with '\"' if it ends here" : byte == 0x09 ? "write \\t" : "escape it as \\u\(hex(Int(byte), width: 4))"
                fail("\(name) inside a string must be escaped: \(fix)", at: SourceRange(start: pos, end: pos + 1))
                return nil
            } else if byte < 0x80 {
                pos += 1
            } else {
                let length = UTF8Validation.sequenceLength(bytes, at: pos)
                guard length > 0 else {
                    fail("invalid UTF-8 byte 0x\(hex(Int(byte), width: 2)) in a string: save the file as UTF-8",
                         at: SourceRange(start: pos, end: pos + 1))
                    return nil
                }
                pos += length
            }
        }
        fail("unterminated string: add the closing '\"'", at: SourceRange(start: start, end: bytes.count))
        return nil
    }

    /// Validates one escape sequence at `pos` (a backslash) and moves past it. `stringStart` is
    /// the opening quote of the string, for an unterminated string.
    mutating func escape(stringStart: Int) -> Bool {
        let start = pos
        guard pos + 1 < bytes.count else {
            fail("unterminated string: add the closing '\"'", at: SourceRange(start: stringStart, end: bytes.count))
            return false
        }
        switch bytes[pos + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            pos += 2
            return true
        case UInt8(ascii: "u"):
            guard let unit = hexEscape(at: pos) else { return false }
            pos += 6
            if unit >= 0xDC00 && unit <= 0xDFFF {
                fail("lone surrogate escape \\u\(hex(unit, width: 4)): a low surrogate must follow a high surrogate (\\uD800-\\uDBFF)",
                     at: SourceRange(start: start, end: pos))
                return false
            }
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u"),
                      let low = hexEscape(at: pos, quiet: true), low >= 0xDC00 && low <= 0xDFFF
                else {
                    if error == nil {
                        fail("lone surrogate escape \\u\(hex(unit, width: 4)): a high surrogate must be followed by a low surrogate escape (\\uDC00-\\uDFFF)",
                             at: SourceRange(start: start, end: pos))
                    }
                    return false
                }
                pos += 6
            }
            return true
        default:
            let length = max(1, UTF8Validation.sequenceLength(bytes, at: pos + 1))
            var shown = String(decoding: bytes[pos + 1 ..< min(pos + 1 + length, bytes.count)], as: UTF8.self)
            if let scalar = shown.unicodeScalars.first, scalar.value < 0x20 || scalar.value == 0x7F {
                shown = "U+" + hex(Int(scalar.value), width: 4)
            }
            fail("invalid escape '\\\(shown)': JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write \\\\ for a backslash",
                 at: SourceRange(start: start, end: min(pos + 1 + length, bytes.count)))
            return false
        }
    }

    /// The code unit of the `\uXXXX` escape at `index`, or `nil` (and an error unless `quiet`).
    mutating func hexEscape(at index: Int, quiet: Bool = false) -> Int? {
        var value = 0
        for k in 0 ..< 4 {
            guard index + 2 + k < bytes.count, let digit = JSONStringDecoder.hexValue(bytes[index + 2 + k]) else {
                if !quiet {
                    fail("\\u must be followed by four hexadecimal digits", at: SourceRange(start: index, end: min(index + 2 + k + 1, bytes.count)))
                }
                return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    // MARK: Errors and nodes

    mutating func append(_ node: JSONNode) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    mutating func fail(_ message: String, at range: SourceRange) {
        if error == nil { error = JSONSyntaxError(message: message, range: range) }
    }

    /// Reports the character at `pos` as unexpected.
    mutating func failUnexpected(expected: String) {
        let byte = bytes[pos]
        if byte == UInt8(ascii: "/") {
            fail("unexpected '/': expected \(expected) (comments are not allowed in JSON)", at: SourceRange(start: pos, end: pos + 1))
            return
        }
        if byte >= 0x80 {
            let length = UTF8Validation.sequenceLength(bytes, at: pos)
            if length == 0 {
                fail("invalid UTF-8 byte 0x\(hex(Int(byte), width: 2)): expected \(expected)", at: SourceRange(start: pos, end: pos + 1))
            } else {
                let text = String(decoding: bytes[pos ..< pos + length], as: UTF8.self)
                fail("unexpected character '\(text)': expected \(expected)", at: SourceRange(start: pos, end: pos + length))
            }
            return
        }
        if isWordByte(byte) && expected.hasPrefix("a member name") {
            var end = pos
            while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
            let word = String(decoding: bytes[pos ..< end], as: UTF8.self)
            fail("member names must be strings in double quotes: write \"\(word)\"", at: SourceRange(start: pos, end: end))
            return
        }
        if byte == UInt8(ascii: "'") {
            fail("strings must be in double quotes, not single quotes", at: SourceRange(start: pos, end: pos + 1))
            return
        }
        let shown = byte < 0x20 || byte == 0x7F ? "U+\(hex(Int(byte), width: 4))" : "'\(Character(Unicode.Scalar(byte)))'"
        fail("unexpected \(shown): expected \(expected)", at: SourceRange(start: pos, end: pos + 1))
    }
}

/// Uppercase hexadecimal with at least `width` digits.
func hex(_ value: Int, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
