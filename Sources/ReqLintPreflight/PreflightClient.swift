import ReqLintCore
import ReqLintSend
import ReqLintSigV4

/// What one call came to.
public enum CallOutcome: Sendable, Equatable {
    /// The resource is there; the answer.
    case found(Answer)
    /// The service says the resource does not exist.
    case notFound(ServiceError)
    /// The call is not allowed (the caller lacks the IAM action).
    case denied(ServiceError)
    /// The call could not be made or answered otherwise (unreachable, another error).
    case failed(String)
}

/// Makes preflight's calls: builds each request from a ``PreflightCall`` (so only an
/// allow-listed action), signs it with SigV4, sends it with `send`'s retries (throttling and
/// transient errors), and keeps every outcome for the rest of the run, so ten documents
/// naming one role make one `GetRole`.
public final class PreflightClient {
    public let credentials: SigV4Credentials
    public let transport: any HTTPTransport
    public let retry: RetryStrategy
    public let clock: @Sendable () -> SigV4Timestamp
    /// Where each service's requests go.
    public let endpoint: (ReadOnlyAction) throws(SendError) -> ResolvedEndpoint
    /// The region the requests will run in (for `in-region` checks), if known.
    public let region: String?

    private var cache: [PreflightCall: CallOutcome] = [:]
    /// Every call sent, in order (a cached answer is not sent again).
    public private(set) var sent: [PreflightCall] = []

    public init(credentials: SigV4Credentials, transport: any HTTPTransport, retry: RetryStrategy,
                clock: @escaping @Sendable () -> SigV4Timestamp = SigV4Timestamp.now, region: String? = nil,
                endpoint: @escaping (ReadOnlyAction) throws(SendError) -> ResolvedEndpoint) {
        self.region = region
        self.credentials = credentials
        self.transport = transport
        self.retry = retry
        self.clock = clock
        self.endpoint = endpoint
    }

    /// The outcome of `call`, from the cache when it was made before in this run.
    public func perform(_ call: PreflightCall) -> CallOutcome {
        if let cached = cache[call] { return cached }
        let outcome = send(call)
        cache[call] = outcome
        return outcome
    }

    func send(_ call: PreflightCall) -> CallOutcome {
        let resolved: ResolvedEndpoint
        do {
            resolved = try endpoint(call.action)
        } catch {
            return .failed("no endpoint for \(call.action.serviceID): \(error.message)")
        }
        sent.append(call)
        let sender = OperationSender(credentials: credentials, signingName: call.action.signingName,
                                     signingRegion: resolved.signingRegion, endpoint: resolved.url, clock: clock)
        let built = Self.build(call)
        let exchange: Exchange
        do {
            exchange = try sender.send(built, transport: transport, retry: retry)
        } catch {
            return .failed(error.message)
        }
        switch exchange.outcome {
        case let .success(response):
            switch call.action.wire {
            case .query: return .found(.xml(response.bodyText))
            case .s3Head: return .found(Answer(.object([])))
            case .json, .restJSON: return .found(.json(response.body))
            }
        case let .serviceError(error):
            return Self.classify(error, wire: call.action.wire)
        case let .transportFailure(error):
            return .failed("\(call.action.serviceID) could not be reached at \(resolved.url) after \(exchange.attempts) attempt\(exchange.attempts == 1 ? "" : "s"): \(error)")
        }
    }

    /// Not found, denied, or another failure, from the error's code, message and status.
    public static func classify(_ error: ServiceError, wire: ReadOnlyAction.Wire) -> CallOutcome {
        let code = error.code
        let message = error.message.lowercased()
        if error.status == 403 || code.contains("AccessDenied") || code.contains("Unauthorized") || code.contains("NotAuthorized")
            || code == "InvalidClientTokenId" || code == "SignatureDoesNotMatch" || code == "ExpiredToken" {
            return .denied(error)
        }
        if error.status == 404 || code.contains("NotFound") || code.contains("NoSuch") || code == "ResourceNotFound" {
            return .notFound(error)
        }
        // SageMaker's Describe calls answer a missing model, endpoint or model package with a
        // ValidationException ("Could not find model …").
        if code.hasPrefix("Validation"), message.contains("could not find") || message.contains("not found") || message.contains("does not exist") {
            return .notFound(error)
        }
        return .failed(error.description)
    }

    /// The request for a call, in its service's protocol.
    public static func build(_ call: PreflightCall) -> BuiltRequest {
        switch call.action.wire {
        case let .query(version):
            let parameters = [("Action", call.action.name), ("Version", version)]
                + call.arguments.map { (call.action.wireNames[$0.name] ?? $0.name, $0.value) }
            let body = parameters.map { SigV4Request.encodePathSegment($0.0) + "=" + SigV4Request.encodePathSegment($0.1) }.joined(separator: "&")
            return BuiltRequest(method: "POST", path: "/", headers: [SigV4Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                                body: Array(body.utf8))
        case let .json(targetPrefix):
            let body = JSONValue.object(call.arguments.map { ($0.name, .string($0.value)) }).serialized()
            return BuiltRequest(method: "POST", path: "/", headers: [
                SigV4Header("Content-Type", "application/x-amz-json-1.1"),
                SigV4Header("X-Amz-Target", "\(targetPrefix).\(call.action.name)"),
            ], body: Array(body.utf8))
        case let .restJSON(uri):
            var path = uri
            for argument in call.arguments {
                let label = call.action.wireNames[argument.name] ?? argument.name
                path = path.replacingAll("{\(label)}", with: SigV4Request.encodePathSegment(argument.value))
            }
            return BuiltRequest(method: "GET", path: path, headers: [], body: [])
        case let .s3Head(object):
            var path = "/" + SigV4Request.encodePathSegment(call.argument("Bucket") ?? "")
            if object {
                path += "/" + (call.argument("Key") ?? "").split(separator: "/", omittingEmptySubsequences: false)
                    .map { SigV4Request.encodePathSegment(String($0)) }.joined(separator: "/")
            }
            return BuiltRequest(method: "HEAD", path: path, headers: [], body: [])
        }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
