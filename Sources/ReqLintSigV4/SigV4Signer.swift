import Crypto

/// Signs HTTP requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`), header style:
/// the signature goes in an `Authorization` header.
///
/// ```swift
/// let signer = SigV4Signer(
///     credentials: SigV4Credentials(accessKeyID: "AKID…", secretAccessKey: secret),
///     region: "us-east-1", service: "sagemaker")
/// let signed = try signer.sign(SigV4Request(
///     method: "POST", path: "/",
///     headers: [SigV4Header("Host", "api.sagemaker.us-east-1.amazonaws.com"),
///               SigV4Header("Content-Type", "application/x-amz-json-1.1"),
///               SigV4Header("X-Amz-Target", "SageMaker.CreateInferenceExperiment")],
///     body: Array(json.utf8)))
/// ```
///
/// ### What `sign` does
/// 1. Checks the request (``SigV4Error``): method and header names are HTTP tokens, the path
///    is an origin-form path, header values are sendable, there is a `Host` header.
/// 2. Removes any `Authorization` and `X-Amz-Date` headers (a retry re-signs cleanly), and
///    `X-Amz-Security-Token` / `x-amz-content-sha256` when it is about to add them.
/// 3. Appends, in this order, `X-Amz-Security-Token` (when the credentials have a token),
///    `X-Amz-Date`, `x-amz-content-sha256` (when ``SigV4Options/addContentSHA256Header``).
/// 4. Builds the canonical request, the string to sign and the signature, and appends
///    `Authorization`. Headers listed in ``SigV4Options/unsignedHeaderNames`` are sent but not
///    signed; every other header is.
///
/// The stages are public for tests and diagnostics: ``canonicalRequest(for:at:)``,
/// ``stringToSign(forCanonicalRequest:at:)``, ``signature(forStringToSign:at:)``.
///
/// ### Canonical request
/// Lines joined by `\n`: the method; the canonical URI (see ``SigV4Options/normalizePath``
/// and ``SigV4Options/doubleEncode``; an empty path is `/`); the canonical query (each name
/// and value percent-encoded, RFC 3986 unreserved characters kept, upper-case hex, pairs
/// sorted by encoded name then encoded value, joined `name=value` with `&`); one
/// `name:value` line per signed header (names lower-cased and sorted, values trimmed with
/// inner whitespace runs, folded line breaks included, turned into one space; repeated
/// names joined with `,` in order); an empty line; the signed header names joined by `;`;
/// the payload hash (lower-case hex SHA-256 of the body, unless
/// ``SigV4Options/addContentSHA256Header`` explains otherwise).
///
/// ### Keys and secrets
/// The signing key `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region),
/// service), "aws4_request")` is cached per (date, region, service) in a small thread-safe
/// cache shared by copies of the signer. Neither the secret, the token nor a derived key
/// appears in any description, mirror or error of this module.
///
/// The signer is a value; its properties are constants (changing credentials means making
/// a new signer, which gets a new cache).
public struct SigV4Signer: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The algorithm name written in the string to sign and the `Authorization` header.
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// The key pair (and token) that signs.
    public let credentials: SigV4Credentials
    /// The region of the credential scope, such as `us-east-1`.
    public let region: String
    /// The signing name of the service, such as `sagemaker` or `cleanrooms-ml`.
    public let service: String
    /// Canonicalisation and decoration options.
    public let options: SigV4Options

    private let clock: @Sendable () -> SigV4Timestamp
    let keyCache: SigningKeyCache

    /// Creates a signer that asks `clock` for the signing time on every ``sign(_:)``.
    ///
    /// - Parameters:
    ///   - options: nil (the default) means ``SigV4Options/defaults(forService:)``.
    ///   - clock: the current time; the system clock by default.
    public init(
        credentials: SigV4Credentials,
        region: String,
        service: String,
        options: SigV4Options? = nil,
        clock: @escaping @Sendable () -> SigV4Timestamp = SigV4Timestamp.now
    ) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options ?? .defaults(forService: service)
        self.clock = clock
        self.keyCache = SigningKeyCache()
    }

    /// Creates a signer that always signs at `fixedTime` (for tests and reproducible output).
    public init(
        credentials: SigV4Credentials,
        region: String,
        service: String,
        options: SigV4Options? = nil,
        fixedTime: SigV4Timestamp
    ) {
        self.init(credentials: credentials, region: region, service: service, options: options, clock: { fixedTime })
    }

    /// The time ``sign(_:)`` would sign at now.
    public func currentTime() -> SigV4Timestamp { clock() }

    /// The credential scope at `time`: `date/region/service/aws4_request`.
    public func credentialScope(at time: SigV4Timestamp) -> String {
        "\(time.dateStamp)/\(region)/\(service)/aws4_request"
    }

    // MARK: - Stages

    /// Stage 1: the canonical request for `request` signed at `time`, i.e. of the request as
    /// ``sign(_:at:)`` would send it (with `X-Amz-Date` and, as configured, the token and
    /// content hash headers), without the `Authorization` header.
    public func canonicalRequest(for request: SigV4Request, at time: SigV4Timestamp) throws(SigV4Error) -> String {
        try prepare(request, at: time).canonicalRequest
    }

    /// Stage 2: the string to sign for a canonical request: the algorithm, `X-Amz-Date`, the
    /// credential scope and the hex SHA-256 of the canonical request, joined by `\n`.
    public func stringToSign(forCanonicalRequest canonicalRequest: String, at time: SigV4Timestamp) -> String {
        [
            Self.algorithm,
            time.amzDate,
            credentialScope(at: time),
            lowerHex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")
    }

    /// Stage 3: the signature, lower-case hex HMAC-SHA256 of the string to sign with the
    /// signing key of `time`'s date, this region and this service.
    public func signature(forStringToSign stringToSign: String, at time: SigV4Timestamp) throws(SigV4Error) -> String {
        try validateConfiguration()
        let key = signingKey(dateStamp: time.dateStamp)
        return lowerHex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    /// Signs `request` at the clock's current time; see the type's documentation.
    public func sign(_ request: SigV4Request) throws(SigV4Error) -> SigV4Request {
        try sign(request, at: clock())
    }

    /// Signs `request` at `time`: the request with the token, date and (as configured)
    /// content hash headers and finally `Authorization` appended. Method, path, query and
    /// body are unchanged.
    public func sign(_ request: SigV4Request, at time: SigV4Timestamp) throws(SigV4Error) -> SigV4Request {
        try validateConfiguration()
        let prepared = try prepare(request, at: time)
        let stringToSign = stringToSign(forCanonicalRequest: prepared.canonicalRequest, at: time)
        let signature = try signature(forStringToSign: stringToSign, at: time)
        var signed = prepared.request
        signed.headers.append(SigV4Header(
            "Authorization",
            "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(credentialScope(at: time)), SignedHeaders=\(prepared.signedHeaders), Signature=\(signature)"
        ))
        return signed
    }

    // MARK: - Descriptions (no secrets)

    /// `SigV4Signer(accessKeyID: "…", region: "…", service: "…", options: …)`: no secret, token or key.
    public var description: String {
        "SigV4Signer(accessKeyID: \"\(credentials.accessKeyID)\", secretAccessKey: \(redactedPlaceholder), sessionToken: \(credentials.effectiveSessionToken == nil ? "nil" : redactedPlaceholder), region: \"\(region)\", service: \"\(service)\", options: \(options))"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the masked credentials, the scope and the options; the key cache and
    /// the clock are not shown.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "credentials": credentials,
            "region": region,
            "service": service,
            "options": options,
        ], displayStyle: .struct)
    }

    // MARK: - Internals

    /// The request as it will be sent (minus `Authorization`) and its canonical form.
    struct Prepared {
        var request: SigV4Request
        var canonicalRequest: String
        var signedHeaders: String
    }

    func prepare(_ request: SigV4Request, at time: SigV4Timestamp) throws(SigV4Error) -> Prepared {
        try validate(request)

        let token = credentials.effectiveSessionToken
        var removed: Set<String> = ["authorization", "x-amz-date"]
        if token != nil { removed.insert("x-amz-security-token") }
        if options.addContentSHA256Header { removed.insert("x-amz-content-sha256") }

        var prepared = request
        prepared.headers.removeAll { removed.contains(asciiLowercased($0.name)) }

        let payloadHash: String
        if options.addContentSHA256Header {
            payloadHash = lowerHex(SHA256.hash(data: request.body))
        } else if let given = prepared.values(forHeader: "x-amz-content-sha256").first {
            payloadHash = trimAll(given)
        } else {
            payloadHash = lowerHex(SHA256.hash(data: request.body))
        }

        if let token { prepared.headers.append(SigV4Header("X-Amz-Security-Token", token)) }
        prepared.headers.append(SigV4Header("X-Amz-Date", time.amzDate))
        if options.addContentSHA256Header { prepared.headers.append(SigV4Header("x-amz-content-sha256", payloadHash)) }

        // Signed headers: lower-cased names, values joined in order per name.
        let unsigned = Set(options.unsignedHeaderNames.map(asciiLowercased))
        var valuesByName: [String: [String]] = [:]
        for header in prepared.headers {
            let name = asciiLowercased(header.name)
            if unsigned.contains(name) { continue }
            if !options.signSessionToken && name == "x-amz-security-token" { continue }
            valuesByName[name, default: []].append(trimAll(header.value))
        }
        let names = valuesByName.keys.sorted(by: byteOrderPrecedes)
        let headerLines = names.map { "\($0):\(valuesByName[$0]!.joined(separator: ","))" }
        let signedHeaders = names.joined(separator: ";")

        let canonical = [
            request.method,
            canonicalURI(request.path),
            canonicalQuery(request.queryItems),
            headerLines.map { $0 + "\n" }.joined(),
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        return Prepared(request: prepared, canonicalRequest: canonical, signedHeaders: signedHeaders)
    }

    /// The canonical URI of a wire path under the options.
    func canonicalURI(_ path: String) -> String {
        var path = path.isEmpty ? "/" : path
        if options.normalizePath {
            path = removeDotSegments(path)
            if path.isEmpty { path = "/" }
        }
        return percentEncode(Array(path.utf8), keepSlash: true, keepEscapes: !options.doubleEncode)
    }

    /// The canonical query string of plain query items.
    func canonicalQuery(_ items: [SigV4QueryItem]) -> String {
        items
            .map { (percentEncode(Array($0.name.utf8), keepSlash: false), percentEncode(Array($0.value.utf8), keepSlash: false)) }
            .sorted { a, b in a.0 == b.0 ? byteOrderPrecedes(a.1, b.1) : byteOrderPrecedes(a.0, b.0) }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// `kSigning` for a date, from the cache or derived.
    func signingKey(dateStamp: String) -> SymmetricKey {
        let scope = SigningKeyCache.Scope(date: dateStamp, region: region, service: service)
        return keyCache.key(for: scope) {
            var key = SymmetricKey(data: Array(("AWS4" + credentials.secretAccessKey).utf8))
            for part in [dateStamp, region, service, "aws4_request"] {
                key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
            }
            return key
        }
    }

    private func validateConfiguration() throws(SigV4Error) {
        guard !credentials.accessKeyID.isEmpty, !credentials.secretAccessKey.isEmpty else {
            throw .missingCredentials
        }
        func isScopeSafe(_ text: String) -> Bool {
            !text.isEmpty && text.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "/") }
        }
        guard isScopeSafe(credentials.accessKeyID),
              !credentials.accessKeyID.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "=") })
        else { throw .invalidAccessKeyID }
        guard isScopeSafe(region) else { throw .invalidScope(field: "region") }
        guard isScopeSafe(service) else { throw .invalidScope(field: "service") }
    }

    private func validate(_ request: SigV4Request) throws(SigV4Error) {
        guard isHTTPToken(request.method) else { throw .invalidMethod(request.method) }
        if !request.path.isEmpty {
            guard request.path.hasPrefix("/") else { throw .invalidPath(reason: "it does not start with '/'") }
            for byte in request.path.utf8 {
                if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
                    throw .invalidPath(reason: "it contains '?' or '#' (put the query in queryItems; encode them as %3F / %23 in a path)")
                }
                if byte < 0x20 || byte == 0x7F { throw .invalidPath(reason: "it contains a control character") }
            }
        }
        var hasHost = false
        for header in request.headers {
            guard isHTTPToken(header.name) else { throw .invalidHeaderName(header.name) }
            guard isSendableHeaderValue(header.value) else { throw .invalidHeaderValue(name: header.name) }
            if asciiLowercased(header.name) == "host" { hasHost = true }
        }
        guard hasHost else { throw .missingHost }
    }
}
