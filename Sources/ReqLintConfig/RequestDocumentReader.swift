import ReqLintCore

/// Reads a request document in the syntax its name says (`.yaml`/`.yml` YAML, otherwise
/// JSON) and lints it.
public enum RequestDocumentReader {
    /// Whether `path` names a YAML document.
    public static func isYAML(_ path: String) -> Bool {
        // By UTF-8 bytes: String's suffix and split walk grapheme clusters (20,000 instructions
        // for a long path, for every file).
        endsWith(path, ".yaml") || endsWith(path, ".yml")
    }

    private static func endsWith(_ text: String, _ suffix: String) -> Bool {
        let utf8 = text.utf8, end = suffix.utf8
        return utf8.count >= end.count && utf8.suffix(end.count).elementsEqual(end)
    }

    /// Whether `bytes` at `path` are read as YAML: by the name's extension, and for a name
    /// without one (standard input without `--stdin-filename`, `Dockerfile`-like names) by the
    /// content: a document whose first significant character is not `{` or `[` is YAML (JSON
    /// request documents are objects).
    public static func isYAML(_ path: String, bytes: [UInt8]) -> Bool {
        if isYAML(path) { return true }
        let utf8 = Array(path.utf8)
        var nameStart = utf8.count
        while nameStart > 0, utf8[nameStart - 1] != UInt8(ascii: "/") { nameStart -= 1 }
        // The last non-empty name: "a/b/" names b.
        var nameEnd = utf8.count
        while nameEnd > 0, utf8[nameEnd - 1] == UInt8(ascii: "/") {
            nameEnd -= 1
            nameStart = nameEnd
            while nameStart > 0, utf8[nameStart - 1] != UInt8(ascii: "/") { nameStart -= 1 }
        }
        let name = utf8[nameStart ..< nameEnd]
        if name.isEmpty || name.contains(UInt8(ascii: ".")) && name.first != UInt8(ascii: ".") { return false }
        var i = JSONParser.byteOrderMarkLength(bytes)
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        return i < bytes.count && bytes[i] != UInt8(ascii: "{") && bytes[i] != UInt8(ascii: "[")
    }

    /// A request document as read, before it is linted: its bytes, the document tree (JSON's,
    /// or the one the YAML front end builds, with positions into the YAML source; `nil` when
    /// YAML could not be read) and the YAML front end's own diagnostics.
    public struct Parsed: Sendable {
        public var bytes: [UInt8]
        public var document: JSONDocument?
        public var diagnostics: [Diagnostic]

        public init(bytes: [UInt8], document: JSONDocument?, diagnostics: [Diagnostic] = []) {
            self.bytes = bytes
            self.document = document
            self.diagnostics = diagnostics
        }
    }

    /// Reads `bytes` (the file at `path`) in its syntax.
    public static func parse(_ bytes: [UInt8], path: String) -> Parsed {
        parse(bytes, yaml: isYAML(path, bytes: bytes))
    }

    /// Reads `bytes` as YAML or as JSON.
    public static func parse(_ bytes: [UInt8], yaml: Bool) -> Parsed {
        yaml ? parseYAML(bytes) : Parsed(bytes: bytes, document: JSONParser.parse(bytes))
    }

    /// Lints `bytes` (the file at `path`).
    public static func lint(_ bytes: [UInt8], path: String, linter: Linter, operation: OperationID?) -> LintResult {
        lint(parse(bytes, path: path), linter: linter, operation: operation)
    }

    /// Lints a document read by ``parse(_:path:)``: every rule applies the same way to JSON and
    /// YAML; the YAML front end's diagnostics (YAML-only hazards) are added to the linter's.
    public static func lint(_ parsed: Parsed, linter: Linter, operation: OperationID?) -> LintResult {
        guard let document = parsed.document else {
            let diagnostics = parsed.diagnostics.isEmpty
                ? [Diagnostic(rule: .syntax, message: "not a YAML request document", pointer: .root, range: .at(0))]
                : parsed.diagnostics
            // The report resolves positions against the document's bytes: keep the YAML source.
            return LintResult(status: .unparseable, operation: operation, diagnostics: diagnostics, document: JSONParser.parse(parsed.bytes))
        }
        var result = linter.lint(document, operation: operation)
        if !parsed.diagnostics.isEmpty {
            result.diagnostics = (result.diagnostics + parsed.diagnostics).sorted(by: Diagnostic.sourceOrder)
        }
        return result
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

