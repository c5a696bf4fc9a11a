/// Why a request could not be built, addressed or sent, or why credentials, the region or
/// the configuration could not be found.
///
/// Messages name sources, files and settings, never a secret: no secret access key, session
/// token, web identity token or authorization token is ever put into one.
public struct SendError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: String, Sendable, Equatable {
        /// The document cannot be turned into a request of its operation.
        case request
        /// The endpoint cannot be determined or is not allowed (plain http off loopback).
        case endpoint
        /// No usable credentials.
        case credentials
        /// No usable region.
        case region
        /// A configuration or credentials file, or an environment variable, is malformed.
        case configuration
        /// The request could not be delivered or no answer came back.
        case transport
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
