import ArgumentParser
import ReqLintCore
import ReqLintReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--color`: colour on a terminal (`auto`, unless NO_COLOR is set), always or never.
package enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// Whether output to `descriptor` is coloured.
    package func enabled(for descriptor: Int32) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return isatty(descriptor) == 1 && (getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true)
        }
    }
}

/// What a run found, for the summary line and the exit code.
package struct Tally {
    package var files = 0, errors = 0, warnings = 0, failed = 0, suppressed = 0, accepted = 0, skipped = 0
    package var anyFailed = false
    package var atFailLevel = false

    package init() {}

    /// Counts a report: every error and warning it prints (a configuration file's too), and
    /// its file as checked or as not checkable. `counted: false` is for a configuration
    /// file's report, which is no linted file.
    package mutating func add(_ report: FileReport, failLevel: Severity, counted: Bool = true) {
        errors += report.count(.error)
        warnings += report.count(.warning)
        if counted {
            if report.failed { failed += 1 } else { files += 1 }
        }
        anyFailed = anyFailed || report.failed
        atFailLevel = atFailLevel || report.diagnostics.contains { $0.diagnostic.severity >= failLevel }
    }

    /// A warning printed outside any report (a baseline that matched nothing).
    package mutating func addWarning(failLevel: Severity) {
        warnings += 1
        atFailLevel = atFailLevel || .warning >= failLevel
    }

    /// The summary line: what was checked and found, each count of what was printed.
    package func summary(seconds: String) -> String {
        func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var summary = "reqlint: \(plural(files, "file")) checked, \(plural(errors, "error")), \(plural(warnings, "warning"))"
        if failed > 0 { summary += ", \(plural(failed, "file")) could not be checked" }
        if suppressed > 0 { summary += ", \(suppressed) suppressed" }
        if accepted > 0 { summary += ", \(accepted) in the baseline" }
        if skipped > 0 { summary += ", \(skipped) skipped" }
        return summary + " in \(seconds)"
    }
}

/// Wall-clock time for the summary line.
package enum Clock {
    package static func now() -> timespec {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t
    }

    package static func seconds(since start: timespec) -> String {
        let end = now()
        let elapsed = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        let rounded = (elapsed * 100).rounded() / 100
        return "\(rounded) s"
    }
}
