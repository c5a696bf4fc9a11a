/// An AWS access key pair, optionally with the session token of temporary credentials.
///
/// The secret access key and the session token are secrets: `description`,
/// `debugDescription` and the reflection mirror (what `dump`, `print` of a containing value
/// and debuggers show) replace them with `<redacted>`. Only the access key ID, which is not
/// secret and is sent in every `Authorization` header anyway, is shown.
///
/// An empty `sessionToken` is treated like `nil` (no token), as botocore does.
public struct SigV4Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The access key ID, such as `AKIDEXAMPLE`. Appears in the credential scope.
    public let accessKeyID: String
    /// The secret access key. Used only to derive signing keys; never printed.
    public let secretAccessKey: String
    /// The session token of temporary (STS) credentials, sent as `X-Amz-Security-Token`.
    public let sessionToken: String?

    /// Creates credentials. No validation happens here; signing reports empty or malformed
    /// values as ``SigV4Error/missingCredentials`` or ``SigV4Error/invalidAccessKeyID``.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The session token when there is a non-empty one.
    var effectiveSessionToken: String? {
        guard let sessionToken, !sessionToken.isEmpty else { return nil }
        return sessionToken
    }

    /// `SigV4Credentials(accessKeyID: "AKID…", secretAccessKey: <redacted>, sessionToken: <redacted>)`;
    /// the token part reads `nil` when there is no token.
    public var description: String {
        let token = effectiveSessionToken == nil ? "nil" : redactedPlaceholder
        return "SigV4Credentials(accessKeyID: \"\(accessKeyID)\", secretAccessKey: \(redactedPlaceholder), sessionToken: \(token))"
    }

    /// Same as ``description``: the secret and token stay masked.
    public var debugDescription: String { description }

    /// A mirror that shows the access key ID and masks the secret and the token.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "accessKeyID": accessKeyID,
            "secretAccessKey": redactedPlaceholder,
            "sessionToken": effectiveSessionToken == nil ? "nil" : redactedPlaceholder,
        ], displayStyle: .struct)
    }
}

/// What every description prints in place of a secret.
let redactedPlaceholder = "<redacted>"
