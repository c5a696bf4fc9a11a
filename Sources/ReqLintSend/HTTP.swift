import Dispatch
import Foundation
import ReqLintCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
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
        /// Anything else.
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

/// ``HTTPTransport`` over Foundation's `URLSession` (FoundationNetworking on Linux), with
/// bounded timeouts, no redirects, no cookies and no caching.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    private let session: URLSession
    private let delegate = NoRedirects()
    /// Seconds without data before a request times out.
    public let idleTimeout: Double
    /// Seconds a request may take in all.
    public let totalTimeout: Double

    public init(idleTimeout: Double = 60, totalTimeout: Double = 120) {
        self.idleTimeout = idleTimeout
        self.totalTimeout = totalTimeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.timeoutIntervalForResource = totalTimeout
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: HTTPRequest) -> Result<HTTPResponse, TransportError> {
        guard let url = URL(string: request.url) else { return .failure(TransportError(.other, "invalid URL \(request.url)")) }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: idleTimeout)
        urlRequest.httpMethod = request.method
        for header in request.headers where header.name.lowercased() != "host" {
            urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }

        let box = ResponseBox()
        let task = session.dataTask(with: urlRequest) { data, response, error in
            if let error {
                box.finish(.failure(Self.classify(error)))
                return
            }
            guard let http = response as? HTTPURLResponse else {
                box.finish(.failure(TransportError(.other, "no HTTP response")))
                return
            }
            var headers: [SigV4Header] = []
            for (name, value) in http.allHeaderFields {
                headers.append(SigV4Header("\(name)", "\(value)"))
            }
            headers.sort { $0.name.lowercased() < $1.name.lowercased() }
            box.finish(.success(HTTPResponse(status: http.statusCode, headers: headers, body: data.map { Array($0) } ?? [])))
        }
        task.resume()
        // The session's own timeouts end the task; this is a backstop.
        if box.wait(seconds: totalTimeout + 10) == false {
            task.cancel()
            return .failure(TransportError(.timeout, "no response within \(Int(totalTimeout)) s"))
        }
        return box.result!
    }

    static func classify(_ error: any Error) -> TransportError {
        let nsError = error as NSError
        if nsError.domain == NSURLErrorDomain {
            switch nsError.code {
            case NSURLErrorTimedOut:
                return TransportError(.timeout, "the request timed out")
            case NSURLErrorCannotConnectToHost, NSURLErrorNetworkConnectionLost, NSURLErrorCannotFindHost,
                 NSURLErrorDNSLookupFailed, NSURLErrorNotConnectedToInternet:
                return TransportError(.connection, "cannot connect: \(nsError.localizedDescription)")
            case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateHasBadDate, NSURLErrorServerCertificateUntrusted,
                 NSURLErrorServerCertificateHasUnknownRoot, NSURLErrorServerCertificateNotYetValid,
                 NSURLErrorClientCertificateRejected, NSURLErrorClientCertificateRequired:
                return TransportError(.tls, "TLS failed: \(nsError.localizedDescription)")
            default:
                return TransportError(.other, nsError.localizedDescription)
            }
        }
        return TransportError(.other, "\(error)")
    }
}

/// Refuses every redirect: the response of the redirect itself is returned.
final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

/// Hands a task's result from URLSession's queue to the waiting thread.
final class ResponseBox: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = Lock()
    private var stored: Result<HTTPResponse, TransportError>?

    func finish(_ result: Result<HTTPResponse, TransportError>) {
        let first = lock.withLock {
            let first = stored == nil
            if first { stored = result }
            return first
        }
        if first { semaphore.signal() }
    }

    func wait(seconds: Double) -> Bool {
        semaphore.wait(timeout: .now() + seconds) == .success
    }

    var result: Result<HTTPResponse, TransportError>? { lock.withLock { stored } }
}
