import ReqLintCore

/// GitHub Actions workflow commands: one `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
/// per diagnostic, which GitHub shows as annotations on the pull request's diff.
public struct GitHubReporter: Reporter {
    public static let identifier = "github"

    public init() {}

    public func report(_ files: [FileReport]) -> String {
        var out = ""
        for file in files {
            for located in file.diagnostics {
                let d = located.diagnostic
                let command = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
                var path = file.path
                while path.hasPrefix("./") { path.removeFirst(2) }
                out += "::\(command) file=\(Self.property(path)),line=\(located.start.line),col=\(located.start.column),"
                out += "endLine=\(located.end.line),endColumn=\(located.end.column),title=\(Self.property("reqlint " + d.rule.rawValue))"
                out += "::\(Self.data(d.message + " [" + d.rule.rawValue + "]"))\n"
            }
        }
        return out
    }

    /// Escapes a command's message (`%`, CR, LF; other controls and bidirectional controls as
    /// ``DisplayText`` does, so the annotation shows them instead of acting on them).
    static func data(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            if c != "\r" && c != "\n" && DisplayText.needsEscape(c) {
                out += DisplayText.escaped(String(c))
                continue
            }
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Escapes a command's property value (also `:` and `,`).
    static func property(_ text: String) -> String {
        var out = ""
        for c in data(text).unicodeScalars {
            switch c {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
