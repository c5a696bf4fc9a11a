import Foundation
import ReqLintCore
import ReqLintSigV4

/// What sending one request came to, after retries.
public struct Exchange: Sendable, Equatable {
    /// How many attempts were made.
    public var attempts: Int
    /// The waits before each retry, in seconds.
    public var delays: [Double]
    /// The last attempt's outcome.
    public var outcome: AttemptOutcome
    /// The last request sent (signed).
    public var request: HTTPRequest?

    /// Performs a request with retries. `makeRequest` is called before every attempt, so each
    /// attempt is signed afresh.
    public static func perform(transport: any HTTPTransport, retry: RetryStrategy,
                               makeRequest: () throws(SendError) -> HTTPRequest) throws(SendError) -> Exchange {
        var attempt = 0
        var delays: [Double] = []
        var lastTimedOut = false
        while true {
            attempt += 1
            let request = try makeRequest()
            let outcome: AttemptOutcome
            switch transport.send(request) {
            case let .success(response):
                outcome = (200 ..< 300).contains(response.status) ? .success(response) : .serviceError(ServiceErrorParser.parse(response))
            case let .failure(error):
                outcome = .transportFailure(error)
            }
            if case .success = outcome {
                retry.recordSuccess(retried: attempt > 1, timedOut: lastTimedOut)
                return Exchange(attempts: attempt, delays: delays, outcome: outcome, request: request)
            }
            if case let .transportFailure(error) = outcome { lastTimedOut = error.kind == .timeout } else { lastTimedOut = false }
            guard let wait = retry.shouldRetry(after: outcome, attempt: attempt) else {
                return Exchange(attempts: attempt, delays: delays, outcome: outcome, request: request)
            }
            delays.append(wait)
        }
    }

    /// The response of a success.
    public var response: HTTPResponse? {
        if case let .success(response) = outcome { return response }
        return nil
    }

    /// The service error, if the last attempt got one.
    public var serviceError: ServiceError? {
        if case let .serviceError(error) = outcome { return error }
        return nil
    }

    /// The transport failure, if the last attempt had one.
    public var transportError: TransportError? {
        if case let .transportFailure(error) = outcome { return error }
        return nil
    }
}

/// Signs built requests for one endpoint and sends them.
public struct OperationSender: Sendable {
    public static let userAgent = "reqlint/0.1.0"

    public let signer: SigV4Signer
    public let endpoint: EndpointURL

    /// - Parameters:
    ///   - signingName: the pack's `signingName` (`sagemaker`, `cleanrooms-ml`).
    ///   - signingRegion: the endpoint's signing region.
    ///   - clock: the signing time (fixed for `--signing-time`).
    public init(credentials: SigV4Credentials, signingName: String, signingRegion: String, endpoint: EndpointURL,
                clock: @escaping @Sendable () -> SigV4Timestamp = SigV4Timestamp.now) {
        var options = SigV4Options.defaults(forService: signingName)
        options.unsignedHeaderNames.insert("content-length")
        signer = SigV4Signer(credentials: credentials, region: signingRegion, service: signingName, options: options, clock: clock)
        self.endpoint = endpoint
    }

    /// The request exactly as it goes on the wire: `Host`, the protocol's headers,
    /// `Content-Length` and `User-Agent` (both sent but not signed), then the signer's
    /// `X-Amz-Security-Token`, `X-Amz-Date` and `Authorization`.
    public func sign(_ built: BuiltRequest) throws(SendError) -> HTTPRequest {
        var headers = [SigV4Header("Host", endpoint.hostHeader)] + built.headers
        if !built.body.isEmpty || built.method == "POST" || built.method == "PUT" {
            headers.append(SigV4Header("Content-Length", String(built.body.count)))
        }
        headers.append(SigV4Header("User-Agent", Self.userAgent))
        let request = SigV4Request(method: built.method, path: endpoint.wirePath(built.path), queryItems: built.queryItems,
                                   headers: headers, body: built.body)
        let signed: SigV4Request
        do {
            signed = try signer.sign(request)
        } catch {
            throw SendError(.request, "cannot sign the request: \(error)")
        }
        let target = signed.target
        return HTTPRequest(method: signed.method, url: "\(endpoint.scheme)://\(endpoint.hostHeader)\(target)",
                           headers: signed.headers, body: signed.body)
    }

    /// Signs and sends `built`, retrying as `retry` allows.
    public func send(_ built: BuiltRequest, transport: any HTTPTransport, retry: RetryStrategy) throws(SendError) -> Exchange {
        try Exchange.perform(transport: transport, retry: retry) { () throws(SendError) -> HTTPRequest in try sign(built) }
    }
}

/// Renders a signed request for `--dry-run`, with the session token masked.
public enum DryRun {
    /// The first 4 characters of a token, then `****` (all of it masked when it is shorter than 12).
    public static func mask(_ token: String) -> String {
        token.count >= 12 ? String(token.prefix(4)) + "****" : "****"
    }

    /// The headers to show: `X-Amz-Security-Token` masked.
    public static func displayedHeaders(_ request: HTTPRequest) -> [SigV4Header] {
        request.headers.map { header in
            header.name.lowercased() == "x-amz-security-token" ? SigV4Header(header.name, mask(header.value)) : header
        }
    }

    /// The request line, every header and the body, as they go on the wire (CRLF shown as line breaks).
    public static func text(_ request: HTTPRequest) -> String {
        var target = request.url
        if let scheme = target.firstRange(of: "://") {
            let rest = target[scheme.upperBound...]
            target = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        var out = "\(request.method) \(target) HTTP/1.1\n"
        for header in displayedHeaders(request) { out += "\(header.name): \(header.value)\n" }
        out += "\n"
        out += String(decoding: request.body, as: UTF8.self)
        if !request.body.isEmpty { out += "\n" }
        return out
    }

    /// `{"request":{"method":…,"url":…,"headers":{…},"body":…}}` with `path` and `operation` beside it.
    public static func json(_ request: HTTPRequest, path: String?, operation: OperationID?) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let path { members.append(("path", .string(path))) }
        if let operation { members.append(("operation", .string(operation.description))) }
        members.append(("request", .object([
            ("method", .string(request.method)),
            ("url", .string(request.url)),
            ("headers", .object(displayedHeaders(request).map { ($0.name, .string($0.value)) })),
            ("body", .string(String(decoding: request.body, as: UTF8.self))),
        ])))
        return .object(members)
    }
}

/// Replaces known secrets in any text with `****`: the last line of defence that keeps the
/// secret key and tokens out of output, logs and error messages.
public final class SecretRedactor: @unchecked Sendable {
    private var secrets: [String] = []
    private let lock = Lock()

    public init() {}

    /// Adds secrets (values shorter than 6 characters are ignored: too likely to be ordinary text).
    public func add(_ values: String?...) {
        lock.withLock {
            for case let value? in values where value.count >= 6 && !secrets.contains(value) {
                secrets.append(value)
            }
            secrets.sort { $0.count > $1.count }
        }
    }

    public func add(_ credentials: SigV4Credentials) {
        add(credentials.secretAccessKey, credentials.sessionToken)
    }

    /// Adds every credential-bearing value that the shared configuration and the environment
    /// hold (secret keys and session tokens of every profile, the container authorization
    /// token), before anything can fail and echo one: an error about another profile, or an
    /// STS answer that repeats the source profile's token, is masked as well.
    public func add(_ config: AWSSharedConfig) {
        for name in Self.secretVariables { add(config.environment[name]) }
        var tokenFiles = [config.environment["AWS_WEB_IDENTITY_TOKEN_FILE"]]
        for profiles in [config.configProfiles, config.credentialProfiles] {
            for settings in profiles.values {
                for key in Self.secretSettings { add(settings[key]) }
                tokenFiles.append(settings["web_identity_token_file"])
            }
        }
        // A web identity token that STS refuses may come back in its error message.
        for case let path? in tokenFiles where !path.isEmpty {
            // Regular files only, opened without blocking: a FIFO or /dev/stdin named by some
            // other profile must not hang the run or eat its input.
            let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { continue }
            add(String(decoding: buffer[0 ..< n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Environment variables that hold secrets.
    static let secretVariables = ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN"]
    /// Profile settings that hold secrets.
    static let secretSettings = ["aws_secret_access_key", "aws_session_token", "aws_security_token"]

    public func redact(_ text: String) -> String {
        let current = lock.withLock { secrets }
        var text = Self.maskingUserInfo(text)
        for secret in current where text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: "****")
        }
        return text
    }

    /// `text` with the user information of every URL in it (`https://admin:PASSWORD@host`)
    /// replaced by `****`, whatever its source: an endpoint, a proxy or a container URI.
    public static func maskingUserInfo(_ text: String) -> String {
        guard text.contains("://"), text.contains("@") else { return text }
        var out = ""
        var rest = Substring(text)
        while let scheme = rest.firstRange(of: "://") {
            out += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            // Up to the last `@` before white space or a quote: a password may hold `/`, `?` or
            // `#` unencoded (the URL is then invalid, and its error message must not show it).
            let end = rest.firstIndex(where: { $0.isWhitespace || $0 == "\"" || $0 == "'" || $0 == ">" }) ?? rest.endIndex
            if let at = rest[..<end].lastIndex(of: "@") {
                out += "****"
                rest = rest[at...]
            }
        }
        return out + rest
    }
}
