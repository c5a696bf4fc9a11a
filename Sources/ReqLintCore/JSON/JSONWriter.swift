/// A JSON value to write, with members in the order given. Used for reports and rule packs.
public indirect enum JSONValue: Hashable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case double(Double)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.object(a), .object(b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.array(a), .array(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case let .object(members):
            for (key, value) in members {
                hasher.combine(key)
                hasher.combine(value)
            }
        case let .array(values): hasher.combine(values)
        case let .string(s): hasher.combine(s)
        case let .integer(i): hasher.combine(i)
        case let .double(d): hasher.combine(d)
        case let .bool(b): hasher.combine(b)
        case .null: hasher.combine(0)
        }
    }

    /// The value serialized: compact, or indented by two spaces per level with a final newline.
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: 0)
        if pretty { out.append("\n") }
        return out
    }

    /// Appends the serialization of the value to `out`.
    public func write(to out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case let .object(members):
            if members.isEmpty {
                out.append("{}")
                return
            }
            out.append("{")
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(",") }
                if pretty { out.append("\n" + String(repeating: "  ", count: indent + 1)) }
                JSONValue.writeString(key, to: &out)
                out.append(pretty ? ": " : ":")
                value.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out.append("\n" + String(repeating: "  ", count: indent)) }
            out.append("}")
        case let .array(values):
            if values.isEmpty {
                out.append("[]")
                return
            }
            out.append("[")
            for (i, value) in values.enumerated() {
                if i > 0 { out.append(",") }
                if pretty { out.append("\n" + String(repeating: "  ", count: indent + 1)) }
                value.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out.append("\n" + String(repeating: "  ", count: indent)) }
            out.append("]")
        case let .string(s): JSONValue.writeString(s, to: &out)
        case let .integer(i): out.append(String(i))
        case let .double(d):
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 { out.append(String(Int64(d))) } else { out.append(d.isFinite ? "\(d)" : "null") }
        case let .bool(b): out.append(b ? "true" : "false")
        case .null: out.append("null")
        }
    }

    /// Appends `s` as a JSON string literal: `"` and `\` escaped, control characters as
    /// `\n`, `\t`... or `\u00XX`, everything else as UTF-8.
    public static func writeString(_ s: String, to out: inout String) {
        out.append("\"")
        var plainStart = s.unicodeScalars.startIndex
        var index = plainStart
        let scalars = s.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let escaped: String?
            switch scalar {
            case "\"": escaped = "\\\""
            case "\\": escaped = "\\\\"
            case "\n": escaped = "\\n"
            case "\r": escaped = "\\r"
            case "\t": escaped = "\\t"
            case "\u{08}": escaped = "\\b"
            case "\u{0C}": escaped = "\\f"
            case "\u{2028}": escaped = "\\u2028"
            case "\u{2029}": escaped = "\\u2029"
            default: escaped = scalar.value < 0x20 || scalar.value == 0x7F ? "\\u" + hex(Int(scalar.value), width: 4) : nil
            }
            if let escaped {
                // Not `out.unicodeScalars.append(contentsOf:)`: the standard library implements
                // that as `self = self + new`, a copy of all of `out` per call (quadratic reports).
                out.append(contentsOf: Substring(scalars[plainStart ..< index]))
                out.append(escaped)
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        out.append(contentsOf: Substring(scalars[plainStart ..< scalars.endIndex]))
        out.append("\"")
    }
}
