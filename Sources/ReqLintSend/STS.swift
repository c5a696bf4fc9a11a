import ReqLintSigV4

/// Temporary credentials from STS, a credential process or a container endpoint.
public struct ResolvedCredentials: Sendable, Equatable, CustomStringConvertible {
    public var credentials: SigV4Credentials
    /// Where they came from, for messages (`environment variables`, `assume role arn:… via profile dev`).
    public var source: String
    /// When temporary credentials expire (as the source wrote it), if known.
    public var expiration: String?

    public init(credentials: SigV4Credentials, source: String, expiration: String? = nil) {
        self.credentials = credentials
        self.source = source
        self.expiration = expiration
    }

    public var description: String { "credentials from \(source) (access key \(credentials.accessKeyID))" }
}

/// The two STS calls the credential chain needs, as botocore makes them: a query-protocol
/// form POST (`Action=…&Version=2011-06-15&…`) to the STS endpoint (regional, or
/// `sts.amazonaws.com` without a region; `AWS_ENDPOINT_URL_STS` and the other endpoint
/// settings apply), answered in XML. AssumeRole is signed with the source credentials;
/// AssumeRoleWithWebIdentity is not signed.
public struct STSClient: Sendable {
    public let endpoint: ResolvedEndpoint
    public let transport: any HTTPTransport
    public let retry: RetryStrategy
    public let clock: @Sendable () -> SigV4Timestamp

    public init(endpoint: ResolvedEndpoint, transport: any HTTPTransport, retry: RetryStrategy,
                clock: @escaping @Sendable () -> SigV4Timestamp = SigV4Timestamp.now) {
        self.endpoint = endpoint
        self.transport = transport
        self.retry = retry
        self.clock = clock
    }

    /// The STS endpoint for a configuration: a configured URL for STS, else the rule set's
    /// regional endpoint, else (no region) the global `https://sts.amazonaws.com`.
    public static func endpoint(config: AWSSharedConfig, region: String?, useFIPS: Bool) throws(SendError) -> ResolvedEndpoint {
        if let configured = try config.configuredEndpoint(serviceID: "STS") {
            return ResolvedEndpoint(url: try EndpointURL.parse(configured.url), signingRegion: region ?? "us-east-1", source: configured.source)
        }
        return try EndpointResolver.resolve(endpointPrefix: "sts", region: region ?? "aws-global", useFIPS: useFIPS && region != nil, useDualStack: false)
    }

    public func assumeRole(source: SigV4Credentials, roleArn: String, sessionName: String, externalID: String?,
                           durationSeconds: Int?) throws(SendError) -> ResolvedCredentials {
        var parameters = [("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", roleArn), ("RoleSessionName", sessionName)]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        return try call(parameters, signWith: source, what: "AssumeRole \(roleArn)")
    }

    public func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, token: String, durationSeconds: Int?) throws(SendError) -> ResolvedCredentials {
        var parameters = [("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleArn),
                          ("RoleSessionName", sessionName), ("WebIdentityToken", token)]
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        return try call(parameters, signWith: nil, what: "AssumeRoleWithWebIdentity \(roleArn)")
    }

    /// The form body: names and values percent-encoded (RFC 3986 unreserved kept), joined by `&`.
    static func formBody(_ parameters: [(String, String)]) -> String {
        parameters.map { SigV4Request.encodePathSegment($0.0) + "=" + SigV4Request.encodePathSegment($0.1) }.joined(separator: "&")
    }

    func call(_ parameters: [(String, String)], signWith credentials: SigV4Credentials?, what: String) throws(SendError) -> ResolvedCredentials {
        let body = Array(Self.formBody(parameters).utf8)
        let url = endpoint.url
        let exchange = try Exchange.perform(transport: transport, retry: retry) { () throws(SendError) -> HTTPRequest in
            var headers = [
                SigV4Header("Host", url.hostHeader),
                SigV4Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                SigV4Header("Content-Length", String(body.count)),
                SigV4Header("User-Agent", OperationSender.userAgent),
            ]
            if let credentials {
                var options = SigV4Options.standard
                options.unsignedHeaderNames.insert("content-length")
                let signer = SigV4Signer(credentials: credentials, region: endpoint.signingRegion, service: "sts", options: options, clock: clock)
                do {
                    headers = try signer.sign(SigV4Request(method: "POST", path: url.wirePath("/"), headers: headers, body: body)).headers
                } catch {
                    throw SendError(.credentials, "cannot sign the STS request: \(error)")
                }
            }
            return HTTPRequest(method: "POST", url: url.url(path: "/"), headers: headers, body: body)
        }
        switch exchange.outcome {
        case let .success(response):
            let xml = XMLText(response.bodyText)
            guard let key = xml.first("AccessKeyId"), let secret = xml.first("SecretAccessKey"), !key.isEmpty, !secret.isEmpty else {
                throw SendError(.credentials, "STS \(what) at \(url) answered without credentials")
            }
            let token = xml.first("SessionToken")
            return ResolvedCredentials(credentials: SigV4Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token),
                                       source: "STS \(what)", expiration: xml.first("Expiration"))
        case let .serviceError(error):
            throw SendError(.credentials, "STS \(what) at \(url) failed: \(error)")
        case let .transportFailure(error):
            throw SendError(.credentials, "STS \(what) at \(url) could not be reached: \(error)")
        }
    }
}
