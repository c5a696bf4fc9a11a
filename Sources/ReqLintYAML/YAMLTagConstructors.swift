/// What ruamel.yaml's safe constructor makes of a scalar with an explicit `!!int`, `!!float`
/// or `!!bool` tag (the AWS CLI's reading), as JSON values.
enum YAMLTagConstructors {
    /// The result of `!!float`.
    enum Float: Equatable {
        /// A finite number, as its JSON literal.
        case finite(String)
        /// Infinity or NaN, which JSON cannot write.
        case nonFinite
    }

    /// The JSON literal of `!!int value`, or `nil` when it is not an integer.
    static func integer(_ value: String, yaml11: Bool) -> String? {
        var text = Substring(value.filter { $0 != "_" })
        var negative = false
        if let sign = text.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            text = text.dropFirst()
        }
        let decimal: String?
        if text.hasPrefix("0b") {
            decimal = YAMLNumbers.decimal(text.dropFirst(2).utf8, radix: 2)
        } else if text.hasPrefix("0x") {
            decimal = YAMLNumbers.decimal(text.dropFirst(2).utf8, radix: 16)
        } else if text.hasPrefix("0o") {
            decimal = YAMLNumbers.decimal(text.dropFirst(2).utf8, radix: 8)
        } else if yaml11 && text.count > 1 && text.first == "0" {
            decimal = YAMLNumbers.decimal(text.utf8, radix: 8)
        } else if yaml11 && text.contains(":") {
            decimal = YAMLNumbers.sexagesimal(text)
        } else {
            decimal = YAMLNumbers.decimal(text.utf8, radix: 10)
        }
        return decimal.map { YAMLNumbers.integerLiteral(negative: negative, decimal: $0) }
    }

    /// The reading of `!!float value`, or `nil` when it is not a number.
    static func float(_ value: String, yaml11: Bool) -> Float? {
        var text = Substring(value.filter { $0 != "_" }.lowercased())
        var negative = false
        if let sign = text.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            text = text.dropFirst()
        }
        if [".inf", "inf", "infinity", ".nan", "nan"].contains(text) { return .nonFinite }
        if yaml11 && text.contains(":") {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            var number = 0.0
            for part in parts {
                guard let value = Double(part), value >= 0 else { return nil }
                number = number * 60 + value
            }
            var literal = String(negative ? -number : number)
            if !literal.contains(".") && !literal.contains("e") { literal += ".0" }
            return .finite(literal)
        }
        // Python's float(): digits with an optional point, or a point and digits; an optional
        // exponent.
        let mantissaEnd = text.firstIndex(of: "e") ?? text.endIndex
        let mantissa = text[..<mantissaEnd]
        var exponent: Substring?
        if mantissaEnd < text.endIndex {
            let digits = text[text.index(after: mantissaEnd)...]
            let unsigned = digits.first == "-" || digits.first == "+" ? digits.dropFirst() : digits
            guard !unsigned.isEmpty, unsigned.allSatisfy(\.isASCIIDigit) else { return nil }
            exponent = text[mantissaEnd...]
        }
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), pieces.contains(where: { !$0.isEmpty }) else { return nil }
        let fraction: Substring? = pieces.count == 2 ? pieces[1] : nil
        return .finite(YAMLNumbers.floatLiteral(negative: negative, integer: pieces[0], fraction: fraction, exponent: exponent))
    }

    /// The boolean of `!!bool value` (ruamel accepts yes/no/on/off/y/n/true/false in any case).
    static func bool(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "true", "yes", "on", "y": return true
        case "false", "no", "off", "n": return false
        default: return nil
        }
    }
}

extension Character {
    /// `0` to `9`.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
