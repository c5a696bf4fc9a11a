/// Everything reqlint knows about one operation: the service's protocol facts, the HTTP
/// binding, the input shape tree with every constraint, and where it all came from.
///
/// A pack is data (`rules/<service>/<Operation>.json`), written by `reqlint rules import`
/// from a botocore service model and merged at load with the hand-written overlay beside it.
public struct OperationPack: Sendable, Hashable {
    /// The service's protocol facts, from the model's `metadata`.
    public struct Service: Sendable, Hashable {
        public var name: String
        public var apiVersion: String
        public var serviceId: String
        public var `protocol`: String
        public var jsonVersion: String?
        public var targetPrefix: String?
        public var endpointPrefix: String
        public var signingName: String

        public init(name: String, apiVersion: String, serviceId: String, protocol: String, jsonVersion: String?,
                    targetPrefix: String?, endpointPrefix: String, signingName: String) {
            self.name = name
            self.apiVersion = apiVersion
            self.serviceId = serviceId
            self.protocol = `protocol`
            self.jsonVersion = jsonVersion
            self.targetPrefix = targetPrefix
            self.endpointPrefix = endpointPrefix
            self.signingName = signingName
        }
    }

    /// Where the pack came from.
    public struct Provenance: Sendable, Hashable {
        /// The model file, relative to botocore's `data` folder.
        public var model: String
        /// SHA-256 of the uncompressed model JSON, lowercase hex.
        public var sha256: String
        /// The tool that wrote the pack.
        public var generator: String
        /// The botocore release the model file came from (`1.44.18`), when known.
        public var botocore: String?
        /// The model file's date (`2026-12-02`, from its gzip header), when known.
        public var date: String?

        public init(model: String, sha256: String, generator: String, botocore: String? = nil, date: String? = nil) {
            self.model = model
            self.sha256 = sha256
            self.generator = generator
            self.botocore = botocore
            self.date = date
        }
    }

    public var id: OperationID
    public var service: Service
    /// `POST`, ...
    public var httpMethod: String
    /// The request URI template (`/memberships/{membershipIdentifier}/trained-model-inference-jobs`).
    public var requestURI: String
    /// The operation's documentation.
    public var documentation: String?
    /// The name of the input shape.
    public var input: String
    /// Every shape reachable from the input, by name.
    public var shapes: [String: Shape]
    public var provenance: Provenance

    public init(id: OperationID, service: Service, httpMethod: String, requestURI: String, documentation: String?,
                input: String, shapes: [String: Shape], provenance: Provenance) {
        self.id = id
        self.service = service
        self.httpMethod = httpMethod
        self.requestURI = requestURI
        self.documentation = documentation
        self.input = input
        self.shapes = shapes
        self.provenance = provenance
    }
}
