import ReqLintSigV4

/// One read-only AWS action that preflight may call: the allow-list.
///
/// This is the only way to name a call: ``ReadOnlyAction``'s initialiser is private, every
/// value is one of ``allowList``, and ``PreflightClient`` builds requests only from a
/// ``PreflightCall``, which holds one. Every name on the list starts with `Describe`, `Get`,
/// `List` or `Head` (the initialiser traps otherwise, and a test checks the list), so
/// preflight cannot change anything in an account by construction. `--print-policy` derives
/// the IAM policy from the same list (``iamActions``).
public struct ReadOnlyAction: Hashable, Sendable, CustomStringConvertible {
    /// How a request of this action goes on the wire (each protocol is written by hand: see
    /// the README's Preflight section).
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

    private init(_ service: String, _ name: String, serviceID: String, endpointPrefix: String, signingName: String? = nil,
                 wire: Wire, iam: [String]? = nil) {
        precondition(Self.readOnlyPrefixes.contains { name.hasPrefix($0) }, "\(name) is not a read-only action")
        self.service = service
        self.name = name
        self.serviceID = serviceID
        self.endpointPrefix = endpointPrefix
        self.signingName = signingName ?? endpointPrefix
        self.wire = wire
        iamActions = iam ?? ["\(service):\(name)"]
    }

    /// The prefixes of read-only action names.
    public static let readOnlyPrefixes = ["Describe", "Get", "List", "Head"]

    /// `service:Action`.
    public var id: String { "\(service):\(name)" }
    public var description: String { id }

    /// Every action preflight can call.
    public static let allowList: [ReadOnlyAction] = [
        ReadOnlyAction("iam", "GetRole", serviceID: "IAM", endpointPrefix: "iam", wire: .query(version: "2010-05-08")),
        ReadOnlyAction("ec2", "DescribeSubnets", serviceID: "EC2", endpointPrefix: "ec2", wire: .query(version: "2016-11-15")),
        ReadOnlyAction("ec2", "DescribeSecurityGroups", serviceID: "EC2", endpointPrefix: "ec2", wire: .query(version: "2016-11-15")),
        // HeadObject needs s3:GetObject, HeadBucket s3:ListBucket (the S3 API reference).
        ReadOnlyAction("s3", "HeadObject", serviceID: "S3", endpointPrefix: "s3", wire: .s3Head(object: true), iam: ["s3:GetObject"]),
        ReadOnlyAction("s3", "HeadBucket", serviceID: "S3", endpointPrefix: "s3", wire: .s3Head(object: false), iam: ["s3:ListBucket"]),
        ReadOnlyAction("kms", "DescribeKey", serviceID: "KMS", endpointPrefix: "kms", wire: .json(targetPrefix: "TrentService")),
        ReadOnlyAction("sagemaker", "DescribeInferenceRecommendationsJob", serviceID: "SageMaker", endpointPrefix: "api.sagemaker",
                       signingName: "sagemaker", wire: .json(targetPrefix: "SageMaker")),
        ReadOnlyAction("sagemaker", "DescribeInferenceExperiment", serviceID: "SageMaker", endpointPrefix: "api.sagemaker",
                       signingName: "sagemaker", wire: .json(targetPrefix: "SageMaker")),
        ReadOnlyAction("sagemaker", "DescribeModelPackage", serviceID: "SageMaker", endpointPrefix: "api.sagemaker",
                       signingName: "sagemaker", wire: .json(targetPrefix: "SageMaker")),
        ReadOnlyAction("sagemaker", "DescribeModel", serviceID: "SageMaker", endpointPrefix: "api.sagemaker",
                       signingName: "sagemaker", wire: .json(targetPrefix: "SageMaker")),
        ReadOnlyAction("sagemaker", "DescribeEndpoint", serviceID: "SageMaker", endpointPrefix: "api.sagemaker",
                       signingName: "sagemaker", wire: .json(targetPrefix: "SageMaker")),
        ReadOnlyAction("cleanrooms", "GetMembership", serviceID: "CleanRooms", endpointPrefix: "cleanrooms",
                       wire: .restJSON(uri: "/memberships/{membershipIdentifier}")),
        ReadOnlyAction("cleanrooms-ml", "GetTrainedModel", serviceID: "CleanRoomsML", endpointPrefix: "cleanrooms-ml",
                       wire: .restJSON(uri: "/memberships/{membershipIdentifier}/trained-models/{trainedModelArn}")),
        ReadOnlyAction("cleanrooms-ml", "GetConfiguredModelAlgorithmAssociation", serviceID: "CleanRoomsML", endpointPrefix: "cleanrooms-ml",
                       wire: .restJSON(uri: "/memberships/{membershipIdentifier}/configured-model-algorithm-associations/{configuredModelAlgorithmAssociationArn}")),
        ReadOnlyAction("cleanrooms-ml", "GetMLInputChannel", serviceID: "CleanRoomsML", endpointPrefix: "cleanrooms-ml",
                       wire: .restJSON(uri: "/memberships/{membershipIdentifier}/ml-input-channels/{mlInputChannelArn}")),
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
