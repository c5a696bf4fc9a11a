import ReqLintCore

/// `path:line:col: severity: message [rule]`, one line per diagnostic, in file then source
/// order; related locations follow as `note:` lines.
///
/// With `color`, the location is bold and the severity coloured (ANSI escapes); the CLI turns
/// colour on only for a terminal, and never when `NO_COLOR` is set.
public struct TextReporter: Reporter {
    public static let identifier = "text"

    public var color: Bool

    public init(color: Bool = false) { self.color = color }

    public func report(_ files: [FileReport]) -> String {
        var out = ""
        for file in files {
            // Names, values and messages can carry any character: escaped, so none can forge
            // a line or drive the terminal (``DisplayText``).
            let path = DisplayText.escaped(file.path)
            for located in file.diagnostics {
                let d = located.diagnostic
                out += paint("\(path):\(located.start.line):\(located.start.column):", "1") + " "
                out += paint(d.severity.rawValue + ":", d.severity == .error ? "1;31" : d.severity == .warning ? "1;33" : "1;36")
                out += " \(DisplayText.escaped(d.message)) " + paint("[\(DisplayText.escaped(d.rule.rawValue))]", "2") + "\n"
                for related in located.related {
                    out += paint("\(path):\(related.start.line):\(related.start.column):", "1") + " " + paint("note:", "1;36")
                        + " \(DisplayText.escaped(related.related.message))\n"
                }
            }
        }
        return out
    }

    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}
