import ReqLintCore

/// One read-only AWS action that preflight may call: the allow-list.
///
/// This is the only way to name a call: ``ReadOnlyAction``'s initialiser is private, every
/// value is one of ``allowList``, and ``PreflightClient`` builds requests only from a
/// ``PreflightCall``, which holds one. Every name on the list starts with `Describe`, `Get`,
/// `List` or `Head` (the initialiser traps otherwise, and a test checks the list), so
/// preflight cannot change anything in an account by construction. `--print-policy` derives
/// the IAM policy from the same list (``iamActions``).
public struct ReadOnlyAction: Hashable, Sendable, CustomStringConvertible {
    /// How a request of this action goes on the wire, from the call's imported service model
    /// (the serialisation of each protocol is written by hand: see the README's Preflight section).
    public enum Wire: Hashable, Sendable {
        /// AWS query protocol: a form POST `Action=…&Version=…`, answered in XML (IAM, EC2).
        case query(version: String)
        /// JSON 1.1: a POST of a JSON object with `X-Amz-Target: <prefix>.<Action>` (SageMaker, KMS).
        case json(targetPrefix: String)
        /// REST-JSON: a GET of a URI template whose `{name}` labels take the arguments (Clean Rooms).
        case restJSON(uri: String)
        /// REST-XML HEAD of an S3 bucket (`/{Bucket}`) or object (`/{Bucket}/{Key+}`), path style.
        case s3Head(object: Bool)
    }

    /// The service's name in ids (`sagemaker`, `iam`, `cleanrooms-ml`): also the IAM prefix.
    public let service: String
    /// The API action (`GetRole`).
    public let name: String
    /// The service id used by `AWS_ENDPOINT_URL_<ID>` and the `services` section (`SageMaker`).
    public let serviceID: String
    public let endpointPrefix: String
    public let signingName: String
    public let wire: Wire
    /// The IAM actions that allow this call (for `--print-policy` and "not checked" messages).
    public let iamActions: [String]
    /// The input's members (their names in checks) and how each goes on the wire, from the
    /// service model: a query-protocol list member as `SubnetId.1` (EC2, its locationName) or
    /// `Names.member.1` (IAM); anything else by its name (a URI label: its location name).
    public let wireNames: [String: String]

    /// - Parameters:
    ///   - model: botocore's folder for the service (`cleanroomsml`); the call's protocol facts
    ///     come from its imported model, `rules/preflight/calls/<model>/<name>.json`.
    ///   - iam: the IAM actions that allow the call, when they are not `service:name`.
    private init(_ service: String, _ name: String, model: String, iam: [String]? = nil) {
        precondition(Self.readOnlyPrefixes.contains { name.hasPrefix($0) }, "\(name) is not a read-only action")
        let path = "rules/preflight/calls/\(model)/\(name).json"
        guard let file = BundledRules.preflightFiles().first(where: { $0.path == path }) else {
            preconditionFailure("\(path) is not bundled: run scripts/generate-preflight-calls, then scripts/embed-rules")
        }
        let document = JSONParser.parse(file.contents)
        guard let root = document.root, let pack = try? OperationPack(json: document.value(at: root)) else {
            preconditionFailure("\(path) is not an operation pack")
        }
        self.service = service
        self.name = name
        serviceID = pack.service.serviceId
        endpointPrefix = pack.service.endpointPrefix
        signingName = pack.service.signingName
        switch pack.service.protocol {
        case "query", "ec2":
            wire = .query(version: pack.service.apiVersion)
        case "json":
            wire = .json(targetPrefix: pack.service.targetPrefix ?? pack.service.name)
        case "rest-json":
            precondition(pack.httpMethod == "GET", "\(path): preflight makes only GET requests in REST-JSON")
            wire = .restJSON(uri: pack.requestURI)
        case "rest-xml":
            precondition(pack.httpMethod == "HEAD", "\(path): preflight makes only HEAD requests in REST-XML")
            wire = .s3Head(object: pack.requestURI.contains("{Key+}"))
        default:
            preconditionFailure("\(path): protocol \(pack.service.protocol) is not supported")
        }
        iamActions = iam ?? ["\(service):\(name)"]
        var wireNames: [String: String] = [:]
        for member in pack.shapes[pack.input]?.members ?? [] {
            let isList = pack.shapes[member.shape]?.kind == .list
            switch pack.service.protocol {
            case "ec2": wireNames[member.name] = isList ? "\(member.locationName ?? member.name).1" : (member.locationName ?? member.name)
            case "query": wireNames[member.name] = isList ? "\(member.name).member.1" : member.name
            default: wireNames[member.name] = member.location == "uri" ? (member.locationName ?? member.name) : member.name
            }
        }
        self.wireNames = wireNames
    }

    /// The prefixes of read-only action names.
    public static let readOnlyPrefixes = ["Describe", "Get", "List", "Head"]

    /// `service:Action`.
    public var id: String { "\(service):\(name)" }
    public var description: String { id }

    /// Every action preflight can call.
    public static let allowList: [ReadOnlyAction] = [
        ReadOnlyAction("iam", "GetRole", model: "iam"),
        ReadOnlyAction("ec2", "DescribeSubnets", model: "ec2"),
        ReadOnlyAction("ec2", "DescribeSecurityGroups", model: "ec2"),
        // HeadObject needs s3:GetObject, HeadBucket s3:ListBucket (the S3 API reference).
        ReadOnlyAction("s3", "HeadObject", model: "s3", iam: ["s3:GetObject"]),
        ReadOnlyAction("s3", "HeadBucket", model: "s3", iam: ["s3:ListBucket"]),
        ReadOnlyAction("kms", "DescribeKey", model: "kms"),
        ReadOnlyAction("sagemaker", "DescribeInferenceRecommendationsJob", model: "sagemaker"),
        ReadOnlyAction("sagemaker", "DescribeInferenceExperiment", model: "sagemaker"),
        ReadOnlyAction("sagemaker", "DescribeModelPackage", model: "sagemaker"),
        ReadOnlyAction("sagemaker", "DescribeModel", model: "sagemaker"),
        ReadOnlyAction("sagemaker", "DescribeEndpoint", model: "sagemaker"),
        ReadOnlyAction("cleanrooms", "GetMembership", model: "cleanrooms"),
        ReadOnlyAction("cleanrooms-ml", "GetTrainedModel", model: "cleanroomsml"),
        ReadOnlyAction("cleanrooms-ml", "GetConfiguredModelAlgorithmAssociation", model: "cleanroomsml"),
        ReadOnlyAction("cleanrooms-ml", "GetMLInputChannel", model: "cleanroomsml"),
    ]

    /// The action named `service:Action`, if it is on the allow-list.
    public static func named(_ id: String) -> ReadOnlyAction? {
        allowList.first { $0.id == id }
    }
}

/// One call: an allowed action and its arguments. Equal calls share one answer in a run.
public struct PreflightCall: Hashable, Sendable, CustomStringConvertible {
    public let action: ReadOnlyAction
    /// Argument names and values, in the check's order.
    public let arguments: [Argument]

    public struct Argument: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(_ action: ReadOnlyAction, arguments: [Argument]) {
        self.action = action
        self.arguments = arguments
    }

    public func argument(_ name: String) -> String? { arguments.first { $0.name == name }?.value }

    public var description: String {
        "\(action.id)(\(arguments.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")))"
    }
}
