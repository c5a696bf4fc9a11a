import ReqLintCore

/// A diagnostic with its positions resolved: 1-based lines and 1-based UTF-16 columns, the
/// end exclusive (the column just past the last character), as SARIF and LSP count them.
public struct LocatedDiagnostic: Sendable, Hashable {
    /// A related location with its positions resolved.
    public struct Related: Sendable, Hashable {
        public var related: Diagnostic.Related
        public var start: LineTable.Position
        public var end: LineTable.Position
    }

    public var diagnostic: Diagnostic
    public var start: LineTable.Position
    public var end: LineTable.Position
    public var related: [Related]

    /// Resolves `diagnostic`'s byte ranges with `lines`.
    public init(_ diagnostic: Diagnostic, lines: LineTable) {
        self.diagnostic = diagnostic
        start = lines.position(of: diagnostic.range.start)
        end = lines.position(of: diagnostic.range.end)
        related = diagnostic.related.map {
            Related(related: $0, start: lines.position(of: $0.range.start), end: lines.position(of: $0.range.end))
        }
    }

    /// A diagnostic about a whole file (one that could not be read), at line 1, column 1.
    public init(fileLevel diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
        start = LineTable.Position(line: 1, column: 1)
        end = start
        related = []
    }
}

/// What reporters print for one file: its path as the user named it, the operation it was
/// checked against, and its diagnostics in source order.
public struct FileReport: Sendable, Hashable {
    public var path: String
    /// The path's bytes when a name in it is not valid UTF-8 (then `path` shows `\xNN` for
    /// each bad byte); URIs percent-encode these bytes.
    public var rawPath: [UInt8]? = nil
    public var operation: OperationID?
    public var diagnostics: [LocatedDiagnostic]
    /// The file could not be read, parsed or classified (exit code 2).
    public var failed: Bool

    public init(path: String, operation: OperationID?, diagnostics: [LocatedDiagnostic], failed: Bool) {
        self.path = path
        self.operation = operation
        self.diagnostics = diagnostics
        self.failed = failed
    }

    /// The report of a lint result; positions are resolved here, and the document can then be
    /// dropped.
    public init(path: String, result: LintResult) {
        // Most files have no findings: then no line table is built.
        let lines = result.diagnostics.isEmpty ? nil : LineTable(result.document.bytes)
        self.init(path: path, operation: result.operation,
                  diagnostics: result.diagnostics.map { LocatedDiagnostic($0, lines: lines!) },
                  failed: result.status != .checked)
    }

    /// The number of diagnostics of `severity`.
    public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.diagnostic.severity == severity }.count }
}

/// A report format.
public protocol Reporter {
    /// The name used with `--format`.
    static var identifier: String { get }
    /// The whole report of `files`.
    func report(_ files: [FileReport]) -> String
}
