/// Which service model an operation's checks come from: shown by reports and `--version`, and
/// named by an `enum` finding whose value may be newer than the model.
public struct ModelProvenance: Sendable, Hashable {
    /// Where reqlint took the operation's pack from.
    public enum Origin: String, Sendable, Hashable {
        /// Built into reqlint.
        case bundled
        /// Imported into the user's pack cache from a newer model.
        case cache
        /// Imported from a model file the configuration names (`model:`).
        case file
    }

    public var operation: OperationID
    /// The service's API version (`2017-07-24`).
    public var apiVersion: String
    /// The model file, relative to botocore's `data` folder.
    public var model: String
    /// SHA-256 of the uncompressed model JSON.
    public var sha256: String
    /// The botocore release, when known.
    public var botocore: String?
    /// The model's date (`YYYY-MM-DD`), when known.
    public var date: String?
    public var origin: Origin

    public init(operation: OperationID, apiVersion: String, model: String, sha256: String, botocore: String?, date: String?,
                origin: Origin) {
        self.operation = operation
        self.apiVersion = apiVersion
        self.model = model
        self.sha256 = sha256
        self.botocore = botocore
        self.date = date
        self.origin = origin
    }

    /// The provenance of `pack`.
    public init(_ pack: OperationPack, origin: Origin) {
        self.init(operation: pack.id, apiVersion: pack.service.apiVersion, model: pack.provenance.model,
                  sha256: pack.provenance.sha256, botocore: pack.provenance.botocore, date: pack.provenance.date, origin: origin)
    }

    /// "botocore 1.44.18, 2026-12-02" (or the model file and the start of its checksum when
    /// the release is not known).
    public var summary: String {
        var parts = [botocore.map { "botocore \($0)" } ?? "\(model) sha256 \(sha256.prefix(12))"]
        if let date { parts.append(date) }
        return parts.joined(separator: ", ")
    }

    /// The data form reports write.
    public func jsonValue() -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("operation", .string(operation.description)), ("apiVersion", .string(apiVersion)),
            ("model", .string(model)), ("sha256", .string(sha256)),
        ]
        members.append(("botocore", botocore.map(JSONValue.string) ?? .null))
        members.append(("date", date.map(JSONValue.string) ?? .null))
        members.append(("origin", .string(origin.rawValue)))
        return .object(members)
    }
}

extension OperationRegistry {
    /// The provenance of every operation's model, in id order (without compiling any model).
    public var provenance: [ModelProvenance] { ids.compactMap { provenanceByID[$0] } }

    /// The provenance of operation `id`'s model.
    public func provenance(of id: OperationID) -> ModelProvenance? { provenanceByID[id] }
}
