/// Text from a request document, a file name or a server made safe to show on a terminal or in
/// a one-line format: control characters (C0, DEL, C1), line and paragraph separators and the
/// bidirectional controls that reorder what a reader sees (U+202E and its kin, "Trojan Source")
/// are written as `\u` escapes, so no input can move the cursor, change colours, forge a line
/// of output or hide text. Everything else, including other non-ASCII text, is kept.
public enum DisplayText {
    /// `text` with every control, separator and bidirectional control escaped as `\uXXXX`;
    /// with `keepingNewlines`, `\n` stays a line break (for messages that are several lines).
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        // Fast path: printable ASCII (and, with keepingNewlines, line breaks) needs no change.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || (keepingNewlines && ($0 == 0x0A || $0 == 0x09)) }) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            // Line breaks (\n, and \r of \r\n) and tabs are kept when the text is several lines.
            if keepingNewlines, scalar == "\n" || scalar == "\t" || (scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n") {
                out.append(scalar)
            } else if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether a scalar is escaped.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00 ... 0x1F, 0x7F ... 0x9F: return true         // C0, DEL, C1 (including CSI 0x9B)
        case 0x061C, 0x200E, 0x200F: return true               // Arabic letter mark, LRM, RLM
        case 0x2028, 0x2029: return true                       // line and paragraph separators
        case 0x202A ... 0x202E, 0x2066 ... 0x2069: return true // embeddings, overrides, isolates
        default: return false
        }
    }

    /// A value as messages quote it: whole up to 48 characters, else its first 40 and `…`
    /// (a 100,000-digit number or a megabyte string is not repeated in a message).
    public static func abbreviated(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard !scalars.dropFirst(48).isEmpty else { return value }
        return String(String.UnicodeScalarView(scalars.prefix(40))) + "…"
    }
}
