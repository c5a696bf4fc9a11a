import ReqLintCore

/// Reads a request document in the syntax its name says (`.yaml`/`.yml` YAML, otherwise
/// JSON) and lints it.
public enum RequestDocumentReader {
    /// Whether `path` names a YAML document.
    public static func isYAML(_ path: String) -> Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }

    /// Whether `bytes` at `path` are read as YAML: by the name's extension, and for a name
    /// without one (standard input without `--stdin-filename`, `Dockerfile`-like names) by the
    /// content: a document whose first significant character is not `{` or `[` is YAML (JSON
    /// request documents are objects).
    public static func isYAML(_ path: String, bytes: [UInt8]) -> Bool {
        if isYAML(path) { return true }
        let name = path.split(separator: "/").last ?? ""
        if name.contains(".") && !name.hasPrefix(".") || name.isEmpty { return false }
        var i = JSONParser.byteOrderMarkLength(bytes)
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        return i < bytes.count && bytes[i] != UInt8(ascii: "{") && bytes[i] != UInt8(ascii: "[")
    }

    /// Lints `bytes` (the file at `path`).
    public static func lint(_ bytes: [UInt8], path: String, linter: Linter, operation: OperationID?) -> LintResult {
        guard isYAML(path, bytes: bytes) else { return linter.lint(bytes, operation: operation) }
        return lintYAML(bytes, linter: linter, operation: operation)
    }

    /// Whether a document that did not parse, or whose top level is not an object, is still
    /// recognisably a request document: its top-level member names (read tolerantly) name an
    /// operation. A folder walk and `--skip-non-requests` report such a file and skip others
    /// (a `tsconfig.json` with comments, an empty file, a list) with a note.
    public static func looksLikeRequest(_ bytes: [UInt8], path: String, registry: OperationRegistry) -> Bool {
        let names = isYAML(path, bytes: bytes) ? yamlTopLevelNames(bytes) : TolerantScanner(bytes).rootKeys()
        return registry.guess(topLevelNames: names) != nil
    }
}
