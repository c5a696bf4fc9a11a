import ReqLintCore

/// `path:line:col: severity: message [rule]`, one line per diagnostic, in file then source
/// order; related locations follow as `note:` lines.
public struct TextReporter: Reporter {
    public static let identifier = "text"

    public init() {}

    public func report(_ files: [FileReport]) -> String {
        var out = ""
        for file in files {
            for located in file.diagnostics {
                let d = located.diagnostic
                out += "\(file.path):\(located.start.line):\(located.start.column): \(d.severity.rawValue): \(d.message) [\(d.rule)]\n"
                for related in located.related {
                    out += "\(file.path):\(related.start.line):\(related.start.column): note: \(related.related.message)\n"
                }
            }
        }
        return out
    }
}
