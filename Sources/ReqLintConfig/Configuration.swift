import ReqLintCore

/// The settings of a `.reqlint.yaml`, with defaults for everything not set, and where each
/// value came from. Globs are relative to the folder of the file that set them.
public struct Configuration: Sendable {
    /// What a rule is set to: off, or a severity.
    public enum RuleSetting: String, Sendable, CaseIterable {
        case off, info, warning, error

        /// The severity, or `nil` for off.
        public var severity: Severity? { Severity(rawValue: rawValue) }
    }

    /// Findings accepted on purpose: a file glob, a rule, optionally a JSON pointer, and why.
    public struct Suppression: Sendable, Hashable {
        public var files: Glob
        public var rule: RuleID
        public var pointer: JSONPointer?
        public var reason: String
        /// Where the suppression is written (`path:line:column`) and its byte range there.
        public var origin: String
        public var range: SourceRange

        /// Whether it covers `diagnostic` in the file at `relativePath`.
        public func covers(_ diagnostic: Diagnostic, relativePath: String) -> Bool {
            diagnostic.rule == rule && (pointer == nil || pointer == diagnostic.pointer) && files.matches(relativePath)
        }
    }

    /// The configuration file, or `nil` for the defaults.
    public var path: String?
    /// The absolute folder globs are relative to (the configuration file's folder).
    public var directory: String
    /// Only paths matching one of these are linted when found by walking a folder (empty: all).
    public var include: [Glob] = []
    /// Paths matching one of these are not linted when found by walking a folder.
    public var exclude: [Glob] = []
    /// The operation of files whose content does not tell it, by glob; the first match wins.
    public var operations: [(glob: Glob, operation: OperationID)] = []
    /// Per-rule settings.
    public var rules: [RuleID: RuleSetting] = [:]
    /// The least severity that makes the exit code 1.
    public var failLevel: Severity = .error
    /// Extra documented-rule files or folders (absolute paths).
    public var rulePaths: [String] = []
    /// Newer botocore service models to use instead of the bundled packs (absolute paths).
    public var models: [String] = []
    public var suppressions: [Suppression] = []
    /// The baseline file (absolute path) used when the command line names none.
    public var baseline: String?
    /// Where each top-level key was set (`path:line:column`); absent keys are defaults.
    public var origins: [String: String] = [:]

    /// The defaults, for files with no configuration.
    public init(directory: String) { self.directory = directory }

    /// The top-level keys a configuration may have.
    public static let keys = ["version", "include", "exclude", "operations", "rules", "fail-level", "rule-paths", "model", "suppressions", "baseline"]

    /// The operation configured for the file at `relativePath`, if any.
    public func operation(for relativePath: String) -> OperationID? {
        operations.first { $0.glob.matches(relativePath) }?.operation
    }

    /// Whether a file found by walking a folder is linted.
    public func includes(_ relativePath: String) -> Bool {
        if exclude.contains(where: { $0.covers(relativePath) }) { return false }
        return include.isEmpty || include.contains { $0.covers(relativePath) }
    }

    /// `diagnostics` with rule settings applied (severity changed, or dropped when off).
    public func applyingRuleSettings(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !rules.isEmpty else { return diagnostics }
        return diagnostics.compactMap { diagnostic in
            guard let setting = rules[diagnostic.rule] else { return diagnostic }
            guard let severity = setting.severity else { return nil }
            var changed = diagnostic
            changed.severity = severity
            return changed
        }
    }
}
