import ReqLintConfig
import ReqLintCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to standard output and standard error with `write(2)`, retrying short writes.
package enum Terminal {
    package static func output(_ text: String) { write(text, to: 1) }

    /// One message on standard error. Control and bidirectional characters in it are escaped
    /// (``DisplayText``); its own line breaks are kept, so a caller puts untrusted text (a file
    /// name, a server's message) through ``DisplayText/escaped(_:keepingNewlines:)`` itself.
    package static func error(_ line: String) { write(DisplayText.escaped(line, keepingNewlines: true) + "\n", to: 2) }

    /// Writes all of `text`, retrying short writes (``FileSystem/writeAll(_:to:)``); a failure
    /// (a closed pipe) is ignored: there is nowhere left to report it.
    package static func write(_ text: String, to descriptor: Int32) {
        _ = FileSystem.writeAll(text, to: descriptor)
    }
}

/// The command line's words for a finding's advice (the core names no flag).
package enum CommandLineAdvice {
    package static func text(_ advice: Diagnostic.Advice) -> String? {
        switch advice {
        case .chooseOperation: return "pass --operation, or map the file in .reqlint.yaml (operations:)"
        case .listValues: return "run `reqlint explain enum` for the list"
        case .newerModel: return "to update the model, run `reqlint rules update` (imports the installed botocore's models)"
        }
    }
}
