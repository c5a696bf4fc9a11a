import ReqLintCore

/// Writes a JSON document as block-style YAML that reads back to the same JSON value, for
/// comparing what the linter finds in both. Member order and duplicate members are kept.
struct JSONToYAML {
    /// How strings are written: cycling through plain (when safe), single-quoted (when
    /// printable on one line) and double-quoted styles, or always double-quoted.
    var cycleStringStyles = true
    /// Whether a list under a key is written at the key's indentation (`key:\n- a`).
    var indentlessSequences = false

    private var stringCount = 0

    init(cycleStringStyles: Bool = true, indentlessSequences: Bool = false) {
        self.cycleStringStyles = cycleStringStyles
        self.indentlessSequences = indentlessSequences
    }

    /// The YAML text of `document`.
    mutating func convert(_ document: JSONDocument) -> String {
        var lines: [String] = []
        if isScalarOrEmpty(document, document.root!) { return scalar(document, document.root!) + "\n" }
        write(document, document.root!, indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private func isEmptyCollection(_ document: JSONDocument, _ node: Int32) -> Bool {
        let kind = document[node].kind
        return (kind == .object || kind == .array) && document.count(of: node) == 0
    }

    /// Writes a non-empty collection as lines indented by `indent` spaces.
    private mutating func write(_ document: JSONDocument, _ node: Int32, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch document[node].kind {
        case .object:
            for (key, value) in document.members(of: node) {
                let name = string(document.string(key))
                if isScalarOrEmpty(document, value) {
                    lines.append("\(pad)\(name): \(scalar(document, value))")
                } else {
                    lines.append("\(pad)\(name):")
                    let childIndent = document[value].kind == .array && indentlessSequences ? indent : indent + 2
                    write(document, value, indent: childIndent, into: &lines)
                }
            }
        case .array:
            for element in document.elements(of: node) {
                if isScalarOrEmpty(document, element) {
                    lines.append("\(pad)- \(scalar(document, element))")
                } else {
                    // `- ` followed by the first line of the nested collection.
                    var nested: [String] = []
                    write(document, element, indent: indent + 2, into: &nested)
                    nested[0] = pad + "- " + nested[0].dropFirst(indent + 2)
                    lines += nested
                }
            }
        default:
            lines.append(pad + scalar(document, node))
        }
    }

    private func isScalarOrEmpty(_ document: JSONDocument, _ node: Int32) -> Bool {
        let kind = document[node].kind
        return (kind != .object && kind != .array) || isEmptyCollection(document, node)
    }

    private mutating func scalar(_ document: JSONDocument, _ node: Int32) -> String {
        switch document[node].kind {
        case .object: return "{}"
        case .array: return "[]"
        case .string: return string(document.string(node))
        case .number: return document.literal(node)
        case .true: return "true"
        case .false: return "false"
        case .null: return "null"
        }
    }

    /// A YAML scalar for a string.
    private mutating func string(_ value: String) -> String {
        stringCount += 1
        if cycleStringStyles {
            switch stringCount % 3 {
            case 0 where isSafePlain(value): return value
            case 1 where isSafeSingleQuoted(value): return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
            default: break
            }
        }
        return doubleQuoted(value)
    }

    /// Plain only when every YAML parser reads it as this string.
    private func isSafePlain(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        guard !["yes", "no", "on", "off", "y", "n", "true", "false", "null"].contains(value.lowercased()) else { return false }
        guard value.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0" ... "9").contains($0) || "._/:+=@- ".unicodeScalars.contains($0)) })
        else { return false }
        return !value.hasSuffix(" ") && !value.hasSuffix(":") && !value.contains(": ") && !value.contains(" #")
    }

    private func isSafeSingleQuoted(_ value: String) -> Bool {
        !value.isEmpty && value.first != " " && value.last != " "
            && value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80 ... 0x9F).contains($0.value)
                && $0.value != 0x2028 && $0.value != 0x2029 && $0.value != 0xFEFF }
    }

    private func doubleQuoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F || (0x80 ... 0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF {
                    let hex = String(v, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
