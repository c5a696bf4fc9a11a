/// What an untagged plain scalar is to a YAML parser.
enum PlainReading: Equatable {
    case null
    case bool(Bool)
    /// An integer, as its JSON (decimal) literal.
    case integer(String)
    /// A float, as its JSON literal (with a fraction or an exponent).
    case float(String)
    /// `.inf`, `-.inf` or `.nan`: a float JSON cannot write.
    case nonFinite
    /// A date or date-time (`2026-12-01`, `2026-12-01T10:00:00Z`).
    case timestamp
    /// `=`, the YAML 1.1 "value" key, which safe loaders cannot construct.
    case valueKey
    case string

    var isNumber: Bool {
        switch self {
        case .integer, .float: return true
        default: return false
        }
    }
}

/// Reads untagged plain scalars the way YAML parsers do.
///
/// ``read(_:yaml11:)`` with `yaml11: false` follows ruamel.yaml's YAML 1.2 resolver, which the
/// AWS CLI uses for `--cli-input-yaml`: the core schema (`true`/`false` in three casings, `null`,
/// `~`, decimal, `0o` and `0x` integers, floats, `.inf`, `.nan`), plus what ruamel adds:
/// underscores in numbers (`1_000`), `0b` integers, dates and `=`. With `yaml11: true` it follows
/// the YAML 1.1 type repository (as PyYAML and other YAML 1.1 parsers do): `yes`/`no`/`on`/`off`
/// (and `y`/`n`) booleans, `0123` octal, base-60 numbers such as `1:30`, and floats that need a
/// decimal point and a signed exponent.
enum YAMLPlainScalar {
    /// How a YAML 1.2 (`yaml11: false`) or YAML 1.1 parser reads `text`.
    static func read(_ text: String, yaml11: Bool) -> PlainReading {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "=": return .valueKey
        default: break
        }
        if yaml11 {
            switch text.lowercased() {
            case "yes", "on", "y": return .bool(true)
            case "no", "off", "n": return .bool(false)
            default: break
            }
        }
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { return .string }
        if isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") {
            if let float = float(bytes, yaml11: yaml11) { return float }
            if first != UInt8(ascii: "."), let integer = integer(text, yaml11: yaml11) { return .integer(integer) }
        }
        if isDigit(first) && isTimestamp(bytes) { return .timestamp }
        return .string
    }

    /// Whether a plain scalar is a merge key (`<<`).
    static func isMergeKey(_ text: String) -> Bool { text == "<<" }

    /// The warning for a plain scalar that YAML 1.1 and YAML 1.2 parsers (or the AWS CLI and
    /// strict YAML 1.2 parsers) read as different types or values; `nil` when they agree.
    static func implicitTypeHazard(_ text: String, isKey: Bool) -> String? {
        // Most scalars are names and values that start with a letter: then both schemas read a
        // string, null or a boolean alike, except for the short YAML 1.1 words checked below.
        if let first = text.utf8.first, text.utf8.count > 3,
           (UInt8(ascii: "a") ... UInt8(ascii: "z")).contains(first | 0x20) {
            return nil
        }
        let lower = text.lowercased()
        if ["yes", "no", "on", "off", "y", "n"].contains(lower) {
            let value = ["yes", "on", "y"].contains(lower) ? "true" : "false"
            return "unquoted \(text) is a boolean to YAML 1.1 parsers and a string to others: quote it (\"\(text)\")"
                + (isKey ? "" : " or write \(value)")
        }
        let yaml11 = read(text, yaml11: true)
        let yaml12 = read(text, yaml11: false)
        if yaml11 == .timestamp || yaml12 == .timestamp {
            return "unquoted \(text) is a date to the AWS CLI's YAML loader and other YAML 1.1 parsers, and a string to YAML 1.2 core-schema parsers: quote it (\"\(text)\")"
        }
        if case let .integer(value) = yaml12, hasLeadingZero(text) {
            let old: String
            switch yaml11 {
            case let .integer(octal): old = "the octal number \(text) (\(octal))"
            default: old = describe(yaml11)
            }
            return "unquoted \(text) is \(old) to YAML 1.1 parsers and the number \(value) to YAML 1.2 parsers: quote it (\"\(text)\") if the leading zero matters, as in an ID or a code, or write \(value)"
        }
        if text.contains("_") && (yaml12.isNumber || yaml11.isNumber) {
            let number = yaml12.isNumber ? yaml12 : yaml11
            let spelled: String
            switch number {
            case let .integer(literal), let .float(literal): spelled = literal
            default: spelled = text
            }
            return "unquoted \(text) is \(describe(number)) to the AWS CLI and YAML 1.1 parsers but a string to strict YAML 1.2 parsers: write \(spelled), or quote it (\"\(text)\")"
        }
        guard yaml11 != yaml12 else { return nil }
        var old = describe(yaml11)
        if text.contains(":"), case let .integer(literal) = yaml11 { old = "the base-60 number \(literal)" }
        if text.contains(":"), case let .float(literal) = yaml11 { old = "the base-60 number \(literal)" }
        let fix: String
        switch yaml12 {
        case let .integer(literal):
            fix = "write \(literal) so that every parser reads the number, or quote it (\"\(text)\")"
        case let .float(literal):
            fix = "write \(yaml11FloatSpelling(literal)) so that every parser reads the number, or quote it (\"\(text)\")"
        default:
            fix = "quote it (\"\(text)\")"
        }
        return "unquoted \(text) is \(old) to YAML 1.1 parsers and \(describe(yaml12)) to YAML 1.2 parsers: \(fix)"
    }

    /// A phrase for what a reading is, for messages.
    static func describe(_ reading: PlainReading) -> String {
        switch reading {
        case .null: return "null"
        case let .bool(value): return "the boolean \(value)"
        case let .integer(literal), let .float(literal): return "the number \(literal)"
        case .nonFinite: return "a number JSON cannot write"
        case .timestamp: return "a date"
        case .valueKey: return "the YAML 1.1 value key"
        case .string: return "a string"
        }
    }

    // MARK: Numbers

    /// A decimal integer written with a leading zero (`0123`, `-007`, `089`).
    private static func hasLeadingZero(_ text: String) -> Bool {
        var digits = Substring(text)
        if let sign = digits.first, sign == "-" || sign == "+" { digits = digits.dropFirst() }
        return digits.count > 1 && digits.first == "0" && digits.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "_") }
    }

    /// The integer literal of `text`, or `nil` when it is not an integer to that YAML version.
    private static func integer(_ text: String, yaml11: Bool) -> String? {
        var rest = Substring(text)
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        guard let first = rest.utf8.first, isDigit(first) || (!yaml11 && first == UInt8(ascii: "_")) else { return nil }
        let decimal: String?
        if rest.hasPrefix("0b") {
            decimal = YAMLNumbers.decimal(rest.dropFirst(2).utf8, radix: 2)
        } else if rest.hasPrefix("0x") {
            decimal = YAMLNumbers.decimal(rest.dropFirst(2).utf8, radix: 16)
        } else if !yaml11 && rest.hasPrefix("0o") {
            decimal = YAMLNumbers.decimal(rest.dropFirst(2).utf8, radix: 8)
        } else if !yaml11 {
            decimal = YAMLNumbers.decimal(rest.utf8, radix: 10)
        } else if rest.contains(":") {
            // YAML 1.1 base 60: [1-9][0-9_]*(:[0-5]?[0-9])+
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard parts[0].first != "0", parts.dropFirst().allSatisfy({ isBase60Digit($0) }) else { return nil }
            decimal = YAMLNumbers.sexagesimal(rest.filter { $0 != "_" }[...])
        } else if rest.first == "0" && rest.count > 1 {
            decimal = YAMLNumbers.decimal(rest.dropFirst().utf8, radix: 8)
        } else {
            decimal = YAMLNumbers.decimal(rest.utf8, radix: 10)
        }
        return decimal.map { YAMLNumbers.integerLiteral(negative: negative, decimal: $0) }
    }

    /// `[0-5]?[0-9]`.
    private static func isBase60Digit(_ part: Substring) -> Bool {
        let bytes = Array(part.utf8)
        switch bytes.count {
        case 1: return isDigit(bytes[0])
        case 2: return bytes[0] >= UInt8(ascii: "0") && bytes[0] <= UInt8(ascii: "5") && isDigit(bytes[1])
        default: return false
        }
    }

    /// The float reading of `bytes`, or `nil` when it is not a float to that YAML version.
    private static func float(_ bytes: [UInt8], yaml11: Bool) -> PlainReading? {
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        let signed = i == 1
        let body = String(decoding: bytes[i...], as: UTF8.self)
        if [".inf", ".Inf", ".INF"].contains(body) { return .nonFinite }
        if [".nan", ".NaN", ".NAN"].contains(body) { return signed ? nil : .nonFinite }
        func run(_ predicate: (UInt8) -> Bool) -> Substring {
            let start = i
            while i < bytes.count, predicate(bytes[i]) { i += 1 }
            return Substring(String(decoding: bytes[start ..< i], as: UTF8.self))
        }
        /// The exponent with its `e` or `E`.
        func exponent(signRequired: Bool) -> Substring? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
            let start = i
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                i += 1
            } else if signRequired {
                i = bytes.count + 1
                return nil
            }
            guard i < bytes.count, isDigit(bytes[i]) else {
                i = bytes.count + 1
                return nil
            }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            return Substring(String(decoding: bytes[start ..< i], as: UTF8.self))
        }
        let digitOrUnderscore: (UInt8) -> Bool = { isDigit($0) || $0 == UInt8(ascii: "_") }
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: ".") {
            // \.[0-9_]+([eE][-+][0-9]+)?  (YAML 1.1 also allows no digit before the point only this way)
            i += 1
            let fraction = run(digitOrUnderscore)
            guard fraction.contains(where: \.isNumber) else { return nil }
            let exp = exponent(signRequired: true)
            guard i == bytes.count else { return nil }
            return .float(YAMLNumbers.floatLiteral(negative: negative, integer: "", fraction: fraction, exponent: exp))
        }
        guard isDigit(bytes[i]) else { return nil }
        let integer = run(digitOrUnderscore)
        if yaml11, i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            // [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
            var parts: [Substring] = []
            while i < bytes.count, bytes[i] == UInt8(ascii: ":") {
                i += 1
                parts.append(run(isDigit))
            }
            guard !parts.isEmpty, parts.allSatisfy(isBase60Digit), i < bytes.count, bytes[i] == UInt8(ascii: ".") else { return nil }
            i += 1
            let fraction = run(digitOrUnderscore)
            guard i == bytes.count else { return nil }
            var value = Double(integer.filter { $0 != "_" }) ?? 0
            for part in parts { value = value * 60 + (Double(part) ?? 0) }
            value += Double("0." + fraction.filter { $0 != "_" }) ?? 0
            var literal = String(negative ? -value : value)
            if !literal.contains(".") && !literal.contains("e") { literal += ".0" }
            return .float(literal)
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fraction = run(digitOrUnderscore)
            let exp = exponent(signRequired: yaml11)
            guard i == bytes.count else { return nil }
            return .float(YAMLNumbers.floatLiteral(negative: negative, integer: integer, fraction: fraction, exponent: exp))
        }
        guard !yaml11, let exp = exponent(signRequired: false), i == bytes.count else { return nil }
        return .float(YAMLNumbers.floatLiteral(negative: negative, integer: integer, fraction: nil, exponent: exp))
    }

    /// A float literal spelled so that YAML 1.1 parsers read a float too: a decimal point in
    /// the mantissa and a sign in the exponent (`1e3` → `1.0e+3`).
    static func yaml11FloatSpelling(_ literal: String) -> String {
        let parts = literal.split(maxSplits: 1, omittingEmptySubsequences: false) { $0 == "e" || $0 == "E" }
        var mantissa = String(parts[0])
        if !mantissa.contains(".") { mantissa += ".0" }
        guard parts.count == 2 else { return mantissa }
        var exponent = String(parts[1])
        if !exponent.hasPrefix("-") && !exponent.hasPrefix("+") { exponent = "+" + exponent }
        return mantissa + "e" + exponent
    }

    // MARK: Dates

    /// `YYYY-MM-DD`, or a date-time such as `2001-12-14t21:59:43.10-05:00` (the YAML timestamp
    /// type, which ruamel.yaml resolves in YAML 1.2 documents too).
    private static func isTimestamp(_ bytes: [UInt8]) -> Bool {
        var i = 0
        func digits(_ min: Int, _ max: Int) -> Bool {
            var n = 0
            while i < bytes.count, n < max, isDigit(bytes[i]) {
                i += 1
                n += 1
            }
            return n >= min
        }
        func eat(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }
        guard digits(4, 4), eat(UInt8(ascii: "-")) else { return false }
        let monthStart = i
        guard digits(1, 2), eat(UInt8(ascii: "-")), digits(1, 2) else { return false }
        if i == bytes.count { return i - monthStart == 5 }
        if eat(UInt8(ascii: "T")) || eat(UInt8(ascii: "t")) {
        } else {
            guard i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 else { return false }
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        }
        guard digits(1, 2), eat(UInt8(ascii: ":")), digits(2, 2), eat(UInt8(ascii: ":")), digits(2, 2) else { return false }
        if eat(UInt8(ascii: ".")) { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        if i == bytes.count { return true }
        if eat(UInt8(ascii: "Z")) { return i == bytes.count }
        guard eat(UInt8(ascii: "+")) || eat(UInt8(ascii: "-")), digits(1, 2) else { return false }
        if eat(UInt8(ascii: ":")) { guard digits(2, 2) else { return false } }
        return i == bytes.count
    }
}

private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
