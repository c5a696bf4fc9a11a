/// The service models' HTML documentation as text, for every place that shows it: plain text
/// (JSON Schema descriptions, skeletons, plain-text hovers) or Markdown (hovers and completion
/// items). Paragraphs and list items go on lines of their own (a paragraph inside a list item
/// stays on its bullet's line); the common entities are decoded and whitespace collapsed.
/// Plain text writes a link as `text (url)` and drops other tags; Markdown keeps `code`,
/// **bold**, _italic_ and [links](url).
public enum HTMLText {
    public enum Style: Sendable {
        case plain, markdown
    }

    /// `html` as plain text.
    public static func plain(_ html: String) -> String { text(html, style: .plain) }

    /// `html` as Markdown.
    public static func markdown(_ html: String) -> String { text(html, style: .markdown) }

    /// The text of Markdown that ``markdown(_:)`` wrote, without its markup: `**` and
    /// backticks dropped, `[text](url)` as `text (url)` (for clients without Markdown).
    public static func markupRemoved(_ markdown: String) -> String {
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

    /// `html` in `style`.
    public static func text(_ html: String, style: Style) -> String {
        var out = ""
        var links: [String?] = []
        var scalars = Array(html.unicodeScalars)[...]
        while let c = scalars.first {
            if c == "<", let close = scalars.firstIndex(of: ">") {
                let tag = String(String.UnicodeScalarView(scalars[(scalars.startIndex + 1) ..< close]))
                scalars = scalars[(close + 1)...]
                out += render(tag, style: style, links: &links)
                continue
            }
            if c == "&", let semicolon = scalars.prefix(10).firstIndex(of: ";"),
               let decoded = entity(String(String.UnicodeScalarView(scalars[(scalars.startIndex + 1) ..< semicolon]))) {
                out += decoded
                scalars = scalars[(semicolon + 1)...]
                continue
            }
            out.unicodeScalars.append(c == "\n" || c == "\t" || c == "\r" ? " " : c)
            scalars = scalars.dropFirst()
        }
        return tidy(out)
    }

    static func render(_ raw: String, style: Style, links: inout [String?]) -> String {
        let closing = raw.hasPrefix("/")
        let body = closing ? String(raw.dropFirst()) : raw
        let name = String(body.prefix { $0.isLetter || $0.isNumber }).lowercased()
        let markdown = style == .markdown
        switch name {
        case "p", "div", "note", "important": return "\n\n"
        case "br", "ul", "ol": return "\n"
        case "li": return closing ? "\n" : "\n- "
        case "code": return markdown ? "`" : ""
        case "b", "strong": return markdown ? "**" : ""
        case "i", "em": return markdown ? "_" : ""
        case "a":
            if closing {
                guard let target = links.popLast().flatMap({ $0 }) else { return "" }
                return markdown ? "](\(target))" : " (\(target))"
            }
            let href = attribute("href", in: body)
            links.append(href)
            return markdown && href != nil ? "[" : ""
        default: return ""
        }
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        let marker = Array((name + "=\"").unicodeScalars)
        let scalars = Array(tag.unicodeScalars)
        guard scalars.count >= marker.count else { return nil }
        for start in 0 ... scalars.count - marker.count where Array(scalars[start ..< start + marker.count]) == marker {
            let rest = scalars[(start + marker.count)...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(String.UnicodeScalarView(rest[..<end]))
        }
        return nil
    }

    static func entity(_ name: String) -> String? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) { return String(s) }
            if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = Unicode.Scalar(v) { return String(s) }
            return nil
        }
    }

    /// Collapses runs of spaces, trims each line, separates paragraphs with one empty line,
    /// and keeps a list item's text on its bullet's line and list items together.
    static func tidy(_ text: String) -> String {
        var lines: [String] = []
        var blank = false
        var bullet = false
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
            if collapsed.isEmpty {
                blank = true
                continue
            }
            if collapsed == "-" {
                bullet = true
                continue
            }
            let item = bullet || collapsed.hasPrefix("- ")
            if item, !collapsed.hasPrefix("- ") { collapsed = "- " + collapsed }
            let previousItem = lines.last?.hasPrefix("- ") ?? false
            if blank, !lines.isEmpty, !(item && previousItem) { lines.append("") }
            lines.append(collapsed)
            blank = false
            bullet = false
        }
        return lines.joined(separator: "\n")
    }
}
