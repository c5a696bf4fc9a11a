/// Turns the service models' HTML documentation into Markdown-ish text for hovers and
/// completion items: paragraphs, list items, `code`, **bold**, _italic_, [links](url);
/// other tags dropped; the common entities decoded; whitespace collapsed.
public enum MarkdownText {
    public static func fromHTML(_ html: String) -> String {
        var out = ""
        var linkTarget: [String?] = []
        var scalars = Array(html.unicodeScalars)[...]
        while let c = scalars.first {
            if c == "<", let close = scalars.firstIndex(of: ">") {
                let tag = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex) ..< close]))
                scalars = scalars[scalars.index(after: close)...]
                let rendered = render(tag: tag, links: &linkTarget)
                // A paragraph inside a list item stays on the bullet's line.
                if rendered == "\n\n" {
                    var trimmed = Substring(out)
                    while trimmed.hasSuffix(" ") { trimmed.removeLast() }
                    if trimmed.hasSuffix("\n-") || trimmed == "-" { continue }
                }
                out += rendered
                continue
            }
            if c == "&", let semicolon = scalars.prefix(10).firstIndex(of: ";") {
                let name = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex) ..< semicolon]))
                if let decoded = entity(name) {
                    out += decoded
                    scalars = scalars[scalars.index(after: semicolon)...]
                    continue
                }
            }
            out.unicodeScalars.append(c == "\n" || c == "\t" || c == "\r" ? " " : c)
            scalars = scalars.dropFirst()
        }
        return tidy(out)
    }

    /// The text of the Markdown this type writes, without its markup: `**` and
    /// backticks dropped, `[text](url)` as `text (url)`.
    public static func plain(_ markdown: String) -> String {
        var out = ""
        var chars = Array(markdown)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            switch c {
            case "`": continue
            case "*" where chars.first == "*":
                chars = chars.dropFirst()
            case "]" where chars.first == "(":
                out += " ("
                chars = chars.dropFirst()
            case "[": continue
            default: out.append(c)
            }
        }
        return out
    }

    private static func render(tag raw: String, links: inout [String?]) -> String {
        let closing = raw.hasPrefix("/")
        let body = closing ? String(raw.dropFirst()) : raw
        let name = String(body.prefix { $0.isLetter || $0.isNumber }).lowercased()
        switch name {
        case "p", "div": return "\n\n"
        case "br": return "\n"
        case "ul", "ol": return "\n"
        case "li": return closing ? "\n" : "\n- "
        case "code": return "`"
        case "b", "strong": return "**"
        case "i", "em": return "_"
        case "a":
            if closing {
                guard let target = links.popLast() else { return "" }
                return target.map { "](\($0))" } ?? ""
            }
            let href = attribute("href", in: body)
            links.append(href)
            return href == nil ? "" : "["
        default: return ""
        }
    }

    private static func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.rangeOfText(name + "=\"") else { return nil }
        let rest = tag[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    private static func entity(_ name: String) -> String? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return " "
        default:
            if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) { return String(s) }
            if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = Unicode.Scalar(v) { return String(s) }
            return nil
        }
    }

    /// Collapses spaces, trims each line, and keeps at most one empty line in a row.
    private static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var collapsed = ""
            var lastSpace = true
            for c in line {
                if c == " " {
                    if !lastSpace { collapsed.append(" ") }
                    lastSpace = true
                } else {
                    collapsed.append(c)
                    lastSpace = false
                }
            }
            while collapsed.hasSuffix(" ") { collapsed.removeLast() }
            if collapsed.isEmpty, lines.last?.isEmpty ?? true { continue }
            // List items follow each other without an empty line.
            if collapsed.hasPrefix("- "), lines.count >= 2, lines.last?.isEmpty == true, lines[lines.count - 2].hasPrefix("- ") {
                lines.removeLast()
            }
            lines.append(collapsed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The range of the first occurrence of `other` (no Foundation).
    func rangeOfText(_ other: String) -> Range<String.Index>? {
        guard !other.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(other) { return index ..< self.index(index, offsetBy: other.count) }
            index = self.index(after: index)
        }
        return nil
    }
}
