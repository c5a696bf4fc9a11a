/// Why a request could not be signed.
///
/// No case carries the secret access key, the session token, a signing key or a header
/// value (a header value could be a credential); only names and short reasons.
public enum SigV4Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The access key ID or the secret access key is empty.
    case missingCredentials
    /// The access key ID contains `/`, `,`, `=`, whitespace or a control character, which
    /// would corrupt the `Credential=` part of the `Authorization` header.
    case invalidAccessKeyID
    /// The region or service (named by `field`) is empty or contains `/`, whitespace or a
    /// control character, which would corrupt the credential scope.
    case invalidScope(field: String)
    /// The method is empty or not an HTTP token (RFC 9110 `tchar`s).
    case invalidMethod(String)
    /// The path is not an origin-form path: it does not start with `/`, or it contains `?`,
    /// `#` or a control character.
    case invalidPath(reason: String)
    /// A header name is empty or not an HTTP token.
    case invalidHeaderName(String)
    /// The value of the named header contains NUL, a bare CR, or a line break that is not
    /// followed by a space or tab (only folded continuation lines are allowed).
    case invalidHeaderValue(name: String)
    /// The request has no `Host` header. SigV4 always signs `host`, and this module has no
    /// URL to derive one from.
    case missingHost

    public var description: String {
        switch self {
        case .missingCredentials:
            return "SigV4: the access key ID or the secret access key is empty"
        case .invalidAccessKeyID:
            return "SigV4: the access key ID contains characters not allowed in a credential scope"
        case .invalidScope(let field):
            return "SigV4: the \(field) is empty or contains '/', whitespace or control characters"
        case .invalidMethod(let method):
            return "SigV4: invalid HTTP method \"\(method)\""
        case .invalidPath(let reason):
            return "SigV4: invalid request path: \(reason)"
        case .invalidHeaderName(let name):
            return "SigV4: invalid header name \"\(name)\""
        case .invalidHeaderValue(let name):
            return "SigV4: the value of header \"\(name)\" contains NUL, a bare CR or an unfolded line break"
        case .missingHost:
            return "SigV4: the request has no Host header"
        }
    }
}
