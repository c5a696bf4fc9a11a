import ReqLintSigV4

/// An HTTP request to send: the full URL and the headers and body exactly as signed.
///
/// Its description and mirror (what `print`, `dump` and debuggers show) mask the values of
/// `X-Amz-Security-Token` and of a container credentials `Authorization` token.
public struct HTTPRequest: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var method: String
    public var url: String
    public var headers: [SigV4Header]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [SigV4Header], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Headers with secret values masked: the session token, and an `Authorization` that is
    /// not a SigV4 signature (a container credentials token).
    public var maskedHeaders: [SigV4Header] {
        headers.map { header in
            let name = header.name.lowercased()
            if name == "x-amz-security-token" { return SigV4Header(header.name, "<redacted>") }
            if name == "authorization", !header.value.hasPrefix("AWS4-HMAC-SHA256 ") { return SigV4Header(header.name, "<redacted>") }
            return header
        }
    }

    public var description: String {
        "\(method) \(url) (\(body.count) body bytes)" + maskedHeaders.map { "\n\($0.name): \($0.value)" }.joined()
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["method": method, "url": url, "headers": maskedHeaders.map { "\($0.name): \($0.value)" },
                                "body": "\(body.count) bytes"], displayStyle: .struct)
    }
}

/// An HTTP response.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header fields; names as received.
    public var headers: [SigV4Header]
    public var body: [UInt8]

    public init(status: Int, headers: [SigV4Header] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Why no response came back.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// No answer within the timeout.
        case timeout
        /// The connection could not be made or broke (refused, reset, DNS).
        case connection
        /// TLS failed (certificate, protocol): retrying does not help.
        case tls
        /// The proxy wants credentials it was not given (407): retrying does not help.
        case proxy
        /// Anything else (an oversized answer, a request that cannot be sent): not retried.
        case other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Sends one HTTP request and waits for the response. Implementations must not follow
/// redirects (a signed request is for one host) and must bound the time they wait.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) -> Result<HTTPResponse, TransportError>
}
