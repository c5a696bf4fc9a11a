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

    /// Whether a document that did not parse, or whose top level is not an object, is still
    /// recognisably a request document: its top-level member names (read tolerantly) name an
    /// operation. A folder walk and `--skip-non-requests` report such a file and skip others
    /// (a `tsconfig.json` with comments, an empty file, a list) with a note.
    public static func looksLikeRequest(_ bytes: [UInt8], path: String, registry: OperationRegistry) -> Bool {
        let names = isYAML(path) ? yamlTopLevelNames(bytes) : TolerantScanner(bytes).rootKeys()
        return registry.guess(topLevelNames: names) != nil
    }
}
