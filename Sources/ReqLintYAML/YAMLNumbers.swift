/// Arbitrary-precision conversion of integer digits to the decimal literal JSON writes, and the
/// JSON literal of a YAML float, for the number forms YAML allows and JSON does not (`0x1F`,
/// `0o17`, `0b101`, `1_000`, `+5`, `.5`, `1.`, base 60).
enum YAMLNumbers {
    /// The decimal digits of the non-negative integer written with `digits` in `radix`
    /// (2, 8, 10 or 16; underscores are skipped), or `nil` when a digit is not of the radix or
    /// there is none.
    static func decimal(_ digits: Substring.UTF8View, radix: Int) -> String? {
        var limbs: [UInt32] = [0]
        var any = false
        for byte in digits where byte != UInt8(ascii: "_") {
            guard let digit = digitValue(byte), digit < radix else { return nil }
            multiplyAdd(&limbs, UInt64(radix), UInt64(digit))
            any = true
        }
        return any ? string(limbs) : nil
    }

    /// The decimal digits of a YAML 1.1 base-60 integer such as `1:30` (90); `nil` when a part
    /// is not decimal digits.
    static func sexagesimal(_ text: Substring) -> String? {
        var limbs: [UInt32] = [0]
        for (index, part) in text.split(separator: ":", omittingEmptySubsequences: false).enumerated() {
            guard let value = decimal(part.utf8, radix: 10) else { return nil }
            if index == 0 {
                for byte in value.utf8 { multiplyAdd(&limbs, 10, UInt64(byte - UInt8(ascii: "0"))) }
            } else {
                guard let small = UInt64(value), small < 60 else { return nil }
                multiplyAdd(&limbs, 60, small)
            }
        }
        return string(limbs)
    }

    /// A JSON integer literal: `-` only for a non-zero negative value.
    static func integerLiteral(negative: Bool, decimal: String) -> String {
        negative && decimal != "0" ? "-" + decimal : decimal
    }

    /// A JSON literal for a float written as `integer`.`fraction``exponent` (underscores
    /// removed; `exponent` starts with its `e` or `E`, kept as written); a float with neither
    /// fraction nor exponent gets `.0`, as Python writes it.
    static func floatLiteral(negative: Bool, integer: Substring, fraction: Substring?, exponent: Substring?) -> String {
        var digits = String(integer.filter { $0 != "_" }.drop { $0 == "0" })
        if digits.isEmpty { digits = "0" }
        var result = (negative ? "-" : "") + digits
        if let fraction {
            let cleaned = fraction.filter { $0 != "_" }
            result += "." + (cleaned.isEmpty ? "0" : cleaned)
        }
        if let exponent { result += exponent }
        if fraction == nil && exponent == nil { result += ".0" }
        return result
    }

    /// Whether a float literal is beyond the range of a 64-bit float.
    static func isOutOfRange(_ literal: String) -> Bool {
        guard let value = Double(literal) else { return false }
        return value.isInfinite
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    /// `limbs = limbs * factor + addend`, little-endian limbs of base 10^9.
    private static func multiplyAdd(_ limbs: inout [UInt32], _ factor: UInt64, _ addend: UInt64) {
        var carry = addend
        for i in limbs.indices {
            let value = UInt64(limbs[i]) * factor + carry
            limbs[i] = UInt32(value % 1_000_000_000)
            carry = value / 1_000_000_000
        }
        while carry > 0 {
            limbs.append(UInt32(carry % 1_000_000_000))
            carry /= 1_000_000_000
        }
    }

    private static func string(_ limbs: [UInt32]) -> String {
        var last = limbs.count - 1
        while last > 0 && limbs[last] == 0 { last -= 1 }
        var result = String(limbs[last])
        for i in stride(from: last - 1, through: 0, by: -1) {
            let part = String(limbs[i])
            result += String(repeating: "0", count: 9 - part.count) + part
        }
        return result
    }
}
