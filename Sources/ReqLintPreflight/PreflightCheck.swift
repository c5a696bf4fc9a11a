import ReqLintCore

/// One preflight check, as data (`rules/<service>/preflight/<Operation>.json`, or a file
/// under `<rule-path>/preflight/`): the call to make, where in the document each argument
/// comes from, and what the answer must say.
///
/// ```json
/// {"id": "preflight/endpoint-in-service", "call": "sagemaker:DescribeEndpoint",
///  "arguments": {"EndpointName": "/EndpointName"},
///  "expect": {"kind": "equals", "answer": "EndpointStatus", "value": "InService"},
///  "message": "endpoint {value} is {answer}, not InService"}
/// ```
///
/// An argument is a JSON Pointer into the request (a `*` token stands for every element of an
/// array: the check runs once per element), or `{"pointer": …, "take": "arn-name" |
/// "s3-bucket" | "s3-key"}`. The check is skipped when an argument is absent. Kinds:
/// - `exists`: the call succeeds (a not-found answer is a finding);
/// - `absent`: the call answers not found (a name not yet used);
/// - `equals`: every string at the answer path is `value`;
/// - `contains`: the request's value at `pointer` is among the strings at the answer path;
/// - `trusts`: the URL-encoded trust policy at the answer path lets `service` assume the role;
/// - `provided`: the request has `pointer`, or the answer has a value at its path;
/// - `in-region`: the ARN of the first argument names the region the request runs in (checked
///   without calling: the call looks in that region). When it does not, the other checks of
///   that value are skipped, since the call would only say it is not there.
/// The message may use `{value}` (the request's value), `{answer}` (what the service said)
/// and `{call}`.
public struct PreflightCheck: Sendable, Equatable {
    public enum Take: String, Sendable {
        case arnName = "arn-name", s3Bucket = "s3-bucket", s3Key = "s3-key"
    }

    public struct ArgumentSource: Sendable, Equatable {
        public var name: String
        public var pointer: [String]
        public var take: Take?
    }

    public enum Expectation: Sendable, Equatable {
        case exists
        case absent
        case equals(answer: String, value: String)
        case contains(answer: String, pointer: [String])
        case trusts(answer: String, service: String)
        case provided(pointer: [String], answer: String)
        case inRegion
    }

    public var id: String
    public var action: ReadOnlyAction
    public var arguments: [ArgumentSource]
    public var expect: Expectation
    public var message: String?

    /// The pointer whose value the finding is placed at: `contains`'s and `provided`'s
    /// pointer is compared, so the finding goes on the argument (the resource's name) for
    /// `provided` and on the compared value for `contains`.
    public var at: [String] {
        if case let .contains(_, pointer) = expect { return pointer }
        return arguments.first?.pointer ?? []
    }

    public init(json: JSONValue, origin: String) throws {
        func fail(_ text: String) -> ReqLintError { ReqLintError("\(origin): \(text)") }
        guard let id = json["id"]?.stringValue, !id.isEmpty else { throw fail("a check needs an \"id\"") }
        self.id = id
        guard let call = json["call"]?.stringValue else { throw fail("check \(id) needs a \"call\"") }
        guard let action = ReadOnlyAction.named(call) else {
            throw fail("check \(id) calls \(call), which is not on preflight's read-only allow-list (\(ReadOnlyAction.allowList.map(\.id).joined(separator: ", ")))")
        }
        self.action = action
        guard case let .object(members)? = json["arguments"], !members.isEmpty else { throw fail("check \(id) needs \"arguments\"") }
        arguments = try members.map { name, value in
            if let text = value.stringValue { return ArgumentSource(name: name, pointer: try Self.pointer(text, fail), take: nil) }
            guard let text = value["pointer"]?.stringValue else { throw fail("check \(id): argument \(name) needs a pointer") }
            var take: Take?
            if let raw = value["take"]?.stringValue {
                guard let known = Take(rawValue: raw) else { throw fail("check \(id): unknown take \(raw) (arn-name, s3-bucket, s3-key)") }
                take = known
            }
            return ArgumentSource(name: name, pointer: try Self.pointer(text, fail), take: take)
        }
        for argument in arguments where action.wireNames[argument.name] == nil {
            throw fail("check \(id): \(call) has no input member \(argument.name) (its members: \(action.wireNames.keys.sorted().joined(separator: ", ")))")
        }
        guard let expect = json["expect"], let kind = expect["kind"]?.stringValue else { throw fail("check \(id) needs \"expect\" with a \"kind\"") }
        func string(_ key: String) throws -> String {
            guard let value = expect[key]?.stringValue else { throw fail("check \(id): \(kind) needs \"\(key)\"") }
            return value
        }
        switch kind {
        case "exists": self.expect = .exists
        case "absent": self.expect = .absent
        case "equals": self.expect = .equals(answer: try string("answer"), value: try string("value"))
        case "contains": self.expect = .contains(answer: try string("answer"), pointer: try Self.pointer(try string("pointer"), fail))
        case "trusts": self.expect = .trusts(answer: try string("answer"), service: try string("service"))
        case "provided": self.expect = .provided(pointer: try Self.pointer(try string("pointer"), fail), answer: try string("answer"))
        case "in-region": self.expect = .inRegion
        default: throw fail("check \(id): unknown kind \(kind) (exists, absent, equals, contains, trusts, provided, in-region)")
        }
        message = json["message"]?.stringValue
    }

    static func pointer(_ text: String, _ fail: (String) -> ReqLintError) throws -> [String] {
        guard let pointer = JSONPointer(text) else { throw fail("\(text) is not a JSON Pointer") }
        return pointer.tokens
    }
}

/// The checks of one operation.
public struct PreflightCheckFile: Sendable {
    public var operation: OperationID
    public var checks: [PreflightCheck]

    public init(text: String, origin: String) throws {
        let document = JSONParser.parse(text)
        guard let root = document.root else { throw ReqLintError("\(origin): \(document.syntaxError?.message ?? "not JSON")") }
        let value = document.value(at: root)
        guard let raw = value["operation"]?.stringValue, let operation = OperationID(raw) else {
            throw ReqLintError("\(origin): needs \"operation\" (service:Operation)")
        }
        self.operation = operation
        guard let checks = value["checks"]?.arrayValue else { throw ReqLintError("\(origin): needs \"checks\"") }
        self.checks = try checks.map { try PreflightCheck(json: $0, origin: origin) }
    }

    /// The bundled checks of every operation.
    public static func bundled() throws -> [PreflightCheckFile] {
        try BundledRules.preflightFiles().filter { !$0.path.hasPrefix("rules/preflight/calls/") }
            .map { try PreflightCheckFile(text: $0.contents, origin: $0.path) }
    }
}
