import ReqLintCore

/// The JSON report, a stable contract for other tools (version 1):
///
/// ```
/// {"version":1,"files":[{"path":…,"operation":…|null,"diagnostics":[
///   {"rule","severity","message","pointer","line","column","endLine","endColumn"[,"related":[…]]}]}]}
/// ```
/// Lines and columns are 1-based; columns count UTF-16 code units; the end is exclusive.
/// `pointer` is an RFC 6901 JSON pointer. `related` is present only when non-empty.
/// `models` (when the caller gives them) lists the model each operation was checked against:
/// `{"operation","apiVersion","model","sha256","botocore"|null,"date"|null,"origin"}`.
public struct JSONReporter: StreamingReporter {
    public static let identifier = "json"
    public static let headComesFirst = true

    /// The provenance of the models that judged the files.
    public var models: [ModelProvenance]

    private var files = JSONArrayStream(indent: 1)

    public init(models: [ModelProvenance] = []) { self.models = models }

    public mutating func part(_ reports: [FileReport]) -> String {
        var out = ""
        for report in reports { files.append(fileValue(report), to: &out) }
        return out
    }

    public func frame() -> (head: String, tail: String) {
        var head = "{\n  \"version\": 1,\n"
        if !models.isEmpty {
            head += "  \"models\": "
            JSONValue.array(models.map { $0.jsonValue() }).write(to: &head, pretty: true, indent: 1)
            head += ",\n"
        }
        head += "  \"files\": "
        return (head, files.close + "\n}\n")
    }

    func fileValue(_ file: FileReport) -> JSONValue {
        .object([
            ("path", .string(file.path)),
            ("operation", file.operation.map { .string($0.description) } ?? .null),
            ("diagnostics", .array(file.diagnostics.map(Self.diagnosticValue))),
        ])
    }

    /// One diagnostic as the report writes it: the one encoding of a diagnostic in JSON (also
    /// used for the findings in `reqlint send --format json`'s results).
    public static func diagnosticValue(_ located: LocatedDiagnostic) -> JSONValue {
        let d = located.diagnostic
        var members: [(String, JSONValue)] = [
            ("rule", .string(d.rule.rawValue)), ("severity", .string(d.severity.rawValue)),
            ("message", .string(d.message)), ("pointer", .string(d.pointer.description)),
            ("line", .integer(Int64(located.start.line))), ("column", .integer(Int64(located.start.column))),
            ("endLine", .integer(Int64(located.end.line))), ("endColumn", .integer(Int64(located.end.column))),
        ]
        if !located.related.isEmpty {
            members.append(("related", .array(located.related.map {
                .object([
                    ("message", .string($0.related.message)), ("pointer", .string($0.related.pointer.description)),
                    ("line", .integer(Int64($0.start.line))), ("column", .integer(Int64($0.start.column))),
                    ("endLine", .integer(Int64($0.end.line))), ("endColumn", .integer(Int64($0.end.column))),
                ])
            })))
        }
        return .object(members)
    }
}
