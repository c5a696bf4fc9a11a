/// Translates the Java regular expressions of AWS service models into PCRE2 patterns that
/// accept exactly the strings Java's `Pattern.matcher(s).matches()` accepts.
///
/// Where the dialects differ:
/// - Full match: the result is wrapped as `\A(?:…)\z`. (`^…$` would accept a trailing newline.)
/// - `\d \s \w` are ASCII-only in Java; PCRE2 without `PCRE2_UCP` agrees, so they are kept.
/// - Java's `.` excludes `\n \r \u0085 \u2028 \u2029`; it becomes that negated class.
/// - Java's `$` (and `\Z`) match at the end or before one final line terminator (`\r\n`, `\n`,
///   `\r`, `\u0085`, `\u2028`, `\u2029`), never between `\r` and `\n`; they become a lookahead
///   that says exactly that.
/// - `\uXXXX` becomes `\x{XXXX}`; an escaped high and low surrogate pair is one code point, as
///   in Java. Lone surrogates and surrogate ranges match no character of a well-formed string,
///   so they are left out of classes (PCRE2 refuses them in UTF mode) and become a
///   never-matching `(?!)` elsewhere. This is why a class listing `\uD800`…`\uDFFF` items but
///   no supplementary range rejects characters above U+FFFF, as Java does.
/// - Java's POSIX classes (`\p{Alpha}`, ...) are ASCII-only; they become explicit ranges.
/// - `\0ooo` reads a third octal digit only when the first is 0–3 (`\0477` is `\047` then `7`).
/// - `\R` may give back the `\n` of `\r\n` when backtracking (it is atomic in PCRE2); it
///   becomes the alternation Java documents.
/// - A backreference `\nn` takes a further digit only while the number names a group opened
///   before it, as Java does; it becomes `\g{n}`, so digits after it stay literal.
///
/// Constructs with no exact PCRE2 equivalent here (class intersection `&&`, nested classes,
/// inline flags, Unicode blocks, and `\b` `\B`, which in Java 17 are Unicode-aware and look
/// back through non-spacing marks) are rejected with an error rather than translated loosely.
public enum JavaRegexTranslator {
    /// The PCRE2 source for full-matching `java`.
    public static func translate(_ java: String) throws -> String {
        var translator = Translation(source: Array(java.unicodeScalars))
        let body = try translator.run()
        return "\\A(?:" + body + ")\\z"
    }

    static let dotClass = "[^\\n\\r\\x{85}\\x{2028}\\x{2029}]"
    static let dollar = "(?=(?:\\r\\n|(?<!\\r)\\n|[\\r\\x{85}\\x{2028}\\x{2029}])?\\z)"
    /// Java's `\R`: `\u000D\u000A|[\u000A\u000B\u000C\u000D\u0085\u2028\u2029]`, not atomic.
    static let linebreak = "(?:\\r\\n|[\\n\\x{B}\\f\\r\\x{85}\\x{2028}\\x{2029}])"

    /// Java's ASCII-only POSIX character classes, as class contents.
    static let posixClasses: [String: String] = [
        "Lower": "a-z", "Upper": "A-Z", "ASCII": "\\x{0}-\\x{7F}", "Alpha": "a-zA-Z", "Digit": "0-9",
        "Alnum": "a-zA-Z0-9", "Punct": "!-/:-@\\[-`{-~", "Graph": "!-~", "Print": " -~", "Blank": " \\t",
        "Cntrl": "\\x{0}-\\x{1F}\\x{7F}", "XDigit": "0-9a-fA-F", "Space": " \\t\\n\\x{B}\\f\\r",
    ]

    /// Unicode general categories PCRE2 knows under the same names.
    static let generalCategories: Set<String> = [
        "C", "Cc", "Cf", "Cn", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
        "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So",
        "Z", "Zl", "Zp", "Zs",
    ]
}

private struct Translation {
    let source: [Unicode.Scalar]
    var i = 0
    /// Capturing groups opened so far (Java reads a backreference's digits against this).
    var groupsOpened = 0

    init(source: [Unicode.Scalar]) { self.source = source }

    func error(_ what: String) -> ReqLintError {
        ReqLintError("unsupported Java regular expression construct \(what) in \(String(String.UnicodeScalarView(source)))")
    }

    var atEnd: Bool { i >= source.count }
    func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < source.count ? source[i + offset] : nil }

    mutating func run() throws -> String {
        var out = ""
        while !atEnd {
            let c = source[i]
            switch c {
            case "\\":
                out += try escapeOutsideClass()
            case "[":
                out += try characterClass()
            case ".":
                out += JavaRegexTranslator.dotClass
                i += 1
            case "$":
                out += JavaRegexTranslator.dollar
                i += 1
            case "(":
                out += try groupOpening()
            default:
                out.unicodeScalars.append(c)
                i += 1
            }
        }
        return out
    }

    mutating func groupOpening() throws -> String {
        i += 1
        guard peek() == "?" else {
            groupsOpened += 1
            return "("
        }
        let next = peek(1)
        switch next {
        case ":", "=", "!", ">":
            i += 2
            return "(?" + String(next!)
        case "<":
            if peek(2) == "=" || peek(2) == "!" {
                let kind = String(peek(2)!)
                i += 3
                return "(?<" + kind
            }
            // Named group: (?<name>...)
            var name = ""
            var k = i + 2
            while k < source.count, source[k] != ">" {
                name.unicodeScalars.append(source[k])
                k += 1
            }
            guard k < source.count, !name.isEmpty else { throw error("(?<") }
            i = k + 1
            groupsOpened += 1
            return "(?<" + name + ">"
        default:
            throw error("(?\(next.map { String($0) } ?? "") (inline flags)")
        }
    }

    /// An escape outside a character class.
    mutating func escapeOutsideClass() throws -> String {
        guard let next = peek(1) else { throw error("trailing backslash") }
        switch next {
        case "u", "x", "0", "t", "n", "r", "f", "a", "e", "c":
            let scalar = try escapedCodePoint()
            if (0xD800 ... 0xDFFF).contains(scalar) { return "(?!)" }
            return literal(scalar)
        case "d", "D", "s", "S", "w", "W", "h", "H", "v", "V", "A", "z", "G":
            i += 2
            return "\\" + String(next)
        case "R":
            i += 2
            return JavaRegexTranslator.linebreak
        case "b", "B":
            throw error("\\\(next) (Java 17's word boundaries are Unicode-aware)")
        case "Z":
            i += 2
            return JavaRegexTranslator.dollar
        case "p", "P":
            return try property(inClass: false)
        case "Q":
            i += 2
            var text = ""
            while !atEnd {
                if source[i] == "\\" && peek(1) == "E" {
                    i += 2
                    break
                }
                text += literal(source[i].value)
                i += 1
            }
            return text
        case "1" ... "9":
            // Java: further digits belong to the reference while it still names a group opened
            // before it (`\11` after one group is `\1` then `1`).
            var number = Int(next.value - 48)
            i += 2
            while let digit = peek(), ("0" ... "9").contains(digit),
                  number * 10 + Int(digit.value - 48) <= groupsOpened {
                number = number * 10 + Int(digit.value - 48)
                i += 1
            }
            return "\\g{\(number)}"
        case "k":
            i += 2
            return "\\k"
        default:
            if next.properties.isAlphabetic || ("0" ... "9").contains(next) {
                throw error("\\\(next)")
            }
            i += 2
            return literal(next.value)
        }
    }

    /// A character class `[...]`, with surrogate items left out.
    mutating func characterClass() throws -> String {
        i += 1
        var negated = false
        if peek() == "^" {
            negated = true
            i += 1
        }
        var ranges: [(UInt32, UInt32)] = []
        var raw = ""
        var first = true
        while true {
            guard let c = peek() else { throw error("unterminated [") }
            if c == "]" && !first { i += 1; break }
            if c == "]" { throw error("[] (empty class)") }
            if c == "[" { throw error("nested character class") }
            if c == "&" && peek(1) == "&" { throw error("&& (class intersection)") }
            first = false
            if c == "\\", let next = peek(1), "dDsSwWhHvV".unicodeScalars.contains(next) {
                raw += "\\" + String(next)
                i += 2
                continue
            }
            if c == "\\", let next = peek(1), next == "p" || next == "P" {
                raw += try property(inClass: true)
                continue
            }
            if c == "\\", peek(1) == "Q" { throw error("\\Q inside a class") }
            let low = try classAtom()
            if peek() == "-", let after = peek(1), after != "]" {
                i += 1
                if after == "[" { throw error("nested character class") }
                let high = try classAtom()
                guard low <= high else { throw error("reversed range") }
                ranges.append((low, high))
            } else {
                ranges.append((low, low))
            }
        }
        var body = raw
        for (low, high) in ranges {
            for (a, b) in withoutSurrogates(low, high) {
                body += a == b ? classLiteral(a) : classLiteral(a) + "-" + classLiteral(b)
            }
        }
        if body.isEmpty { return negated ? "[\\x{0}-\\x{10FFFF}]" : "(?!)" }
        return "[" + (negated ? "^" : "") + body + "]"
    }

    /// Splits a code point range around the surrogate block.
    func withoutSurrogates(_ low: UInt32, _ high: UInt32) -> [(UInt32, UInt32)] {
        var parts: [(UInt32, UInt32)] = []
        if low < 0xD800 { parts.append((low, min(high, 0xD7FF))) }
        if high > 0xDFFF { parts.append((max(low, 0xE000), high)) }
        return parts
    }

    /// One character of a class (a literal or an escape), as a code point.
    mutating func classAtom() throws -> UInt32 {
        let c = source[i]
        if c == "\\" {
            guard let next = peek(1) else { throw error("trailing backslash") }
            if "uxtnrfae0c".unicodeScalars.contains(next) { return try escapedCodePoint() }
            if next.properties.isAlphabetic || ("0" ... "9").contains(next) { throw error("\\\(next) inside a class") }
            i += 2
            return next.value
        }
        i += 1
        return c.value
    }

    /// The code point of an escape that names one character (`\uXXXX`, `\x..`, `\t`, ...),
    /// combining an escaped surrogate pair into one code point as Java does.
    mutating func escapedCodePoint() throws -> UInt32 {
        let kind = source[i + 1]
        i += 2
        switch kind {
        case "u":
            let unit = try hexDigits(count: 4)
            if (0xD800 ... 0xDBFF).contains(unit), peek() == "\\", peek(1) == "u" {
                let saved = i
                i += 2
                let low = try hexDigits(count: 4)
                if (0xDC00 ... 0xDFFF).contains(low) { return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00) }
                i = saved
            }
            return unit
        case "x":
            if peek() == "{" {
                i += 1
                var value: UInt32 = 0
                guard peek() != "}" else { throw error("\\x{}") }
                while let c = peek(), c != "}" {
                    guard let digit = JSONStringDecoder.hexValue(UInt8(truncatingIfNeeded: c.value)), c.isASCII else { throw error("\\x{") }
                    value = value << 4 | UInt32(digit)
                    guard value <= 0x10FFFF else { throw error("\\x{ past U+10FFFF") }
                    i += 1
                }
                guard peek() == "}" else { throw error("unterminated \\x{") }
                i += 1
                return value
            }
            return try hexDigits(count: 2)
        case "0":
            // Java: `\0n`, `\0nn`, or `\0mnn` where m is 0–3.
            var value: UInt32 = 0
            var digits = 0
            while let c = peek(), ("0" ... "7").contains(c), digits < 2 || (digits == 2 && value < 0o40) {
                value = value * 8 + (c.value - 48)
                i += 1
                digits += 1
            }
            guard digits > 0 else { throw error("\\0 without octal digits") }
            return value
        case "t": return 0x09
        case "n": return 0x0A
        case "r": return 0x0D
        case "f": return 0x0C
        case "a": return 0x07
        case "e": return 0x1B
        case "c":
            guard let c = peek() else { throw error("\\c") }
            i += 1
            return c.value ^ 0x40
        default:
            throw error("\\\(kind)")
        }
    }

    mutating func hexDigits(count: Int) throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0 ..< count {
            guard let c = peek(), c.isASCII, let digit = JSONStringDecoder.hexValue(UInt8(c.value)) else {
                throw error("malformed hexadecimal escape")
            }
            value = value << 4 | UInt32(digit)
            i += 1
        }
        return value
    }

    /// `\p{...}` or `\P{...}`.
    mutating func property(inClass: Bool) throws -> String {
        let negated = source[i + 1] == "P"
        i += 2
        var name = ""
        if peek() == "{" {
            i += 1
            while let c = peek(), c != "}" {
                name.unicodeScalars.append(c)
                i += 1
            }
            guard peek() == "}" else { throw error("unterminated \\p{") }
            i += 1
        } else if let c = peek() {
            name = String(c)
            i += 1
        }
        var category = name
        if category.hasPrefix("Is") { category.removeFirst(2) }
        if category.hasPrefix("general_category=") { category.removeFirst("general_category=".count) }
        if category.hasPrefix("gc=") { category.removeFirst(3) }
        if JavaRegexTranslator.generalCategories.contains(category) {
            return (negated ? "\\P{" : "\\p{") + category + "}"
        }
        if let posix = JavaRegexTranslator.posixClasses[name] {
            if inClass {
                guard !negated else { throw error("\\P{\(name)} inside a class") }
                return posix
            }
            return "[" + (negated ? "^" : "") + posix + "]"
        }
        throw error("\\p{\(name)}")
    }

    func literal(_ scalar: UInt32) -> String {
        if let s = Unicode.Scalar(scalar), s.isASCII, s.properties.isAlphabetic || ("0" ... "9").contains(s) {
            return String(s)
        }
        return "\\x{" + String(scalar, radix: 16, uppercase: true) + "}"
    }

    func classLiteral(_ scalar: UInt32) -> String { literal(scalar) }
}
