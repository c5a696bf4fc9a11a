/// How a ``SigV4Signer`` canonicalises and decorates requests.
///
/// Every service but S3 uses ``standard``; S3 uses ``s3``. ``defaults(forService:)`` picks
/// one by the signing name.
public struct SigV4Options: Sendable, Hashable, CustomStringConvertible {
    /// Remove `.` / `..` segments and collapse repeated `/` in the path before encoding it
    /// (`//a/./b/../c` → `/a/c`). On for every service but S3, whose object keys may contain
    /// such sequences literally.
    public var normalizePath: Bool

    /// Encode the (already wire-encoded) path once more for the canonical URI, so `%20`
    /// becomes `%2520`. On for every service but S3. Off, valid `%XX` escapes are kept and
    /// only bytes that are not unreserved, `/` or part of an escape are encoded.
    /// See ``SigV4Request`` for what the path holds.
    public var doubleEncode: Bool

    /// Add an `x-amz-content-sha256` header carrying the payload hash and sign it (S3 and
    /// S3-style services require it). Added after `X-Amz-Date`; an existing header of that
    /// name is replaced. When off and the request already has an `x-amz-content-sha256`
    /// header, its value is used as the payload hash (so `UNSIGNED-PAYLOAD` can be sent), as
    /// botocore does; otherwise the payload hash is the SHA-256 of the body.
    public var addContentSHA256Header: Bool

    /// Include `X-Amz-Security-Token` in the signed headers (the normal case). When off, the
    /// token header is still added to the signed request but left out of the canonical
    /// request, as a few services expect (the `post-sts-header-after` case of the AWS suite).
    public var signSessionToken: Bool

    /// Names of headers that are sent but never signed, because proxies and HTTP clients may
    /// add, drop or change them (compared case-insensitively). The default is botocore's list.
    public var unsignedHeaderNames: Set<String>

    /// botocore's `SIGNED_HEADERS_BLACKLIST`.
    public static let defaultUnsignedHeaderNames: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    public init(
        normalizePath: Bool = true,
        doubleEncode: Bool = true,
        addContentSHA256Header: Bool = false,
        signSessionToken: Bool = true,
        unsignedHeaderNames: Set<String> = SigV4Options.defaultUnsignedHeaderNames
    ) {
        self.normalizePath = normalizePath
        self.doubleEncode = doubleEncode
        self.addContentSHA256Header = addContentSHA256Header
        self.signSessionToken = signSessionToken
        self.unsignedHeaderNames = Set(unsignedHeaderNames.map(asciiLowercased))
    }

    /// Every service but S3: normalise, double-encode, no content hash header.
    public static let standard = SigV4Options()

    /// S3: keep the path as written, encode it once, add `x-amz-content-sha256`.
    public static let s3 = SigV4Options(normalizePath: false, doubleEncode: false, addContentSHA256Header: true)

    /// ``s3`` for the signing names `s3` and `s3-object-lambda`, ``standard`` otherwise.
    public static func defaults(forService service: String) -> SigV4Options {
        switch asciiLowercased(service) {
        case "s3", "s3-object-lambda": return .s3
        default: return .standard
        }
    }

    public var description: String {
        "SigV4Options(normalizePath: \(normalizePath), doubleEncode: \(doubleEncode), addContentSHA256Header: \(addContentSHA256Header), signSessionToken: \(signSessionToken), unsignedHeaderNames: \(unsignedHeaderNames.sorted()))"
    }
}
