import ReqLintCore

/// Reads a request document in the syntax its name says (`.yaml`/`.yml` YAML, otherwise
/// JSON) and lints it.
public enum RequestDocumentReader {
    /// Whether `path` names a YAML document.
    public static func isYAML(_ path: String) -> Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }

    /// Lints `bytes` (the file at `path`).
    public static func lint(_ bytes: [UInt8], path: String, linter: Linter, operation: OperationID?) -> LintResult {
        guard isYAML(path) else { return linter.lint(bytes, operation: operation) }
        return lintYAML(bytes, linter: linter, operation: operation)
    }
}
