import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ReqLintCore
import ReqLintSigV4

/// How requests leave the machine: the proxies and the certificates that TLS trusts.
public struct TransportSettings: Sendable, Equatable {
    public var proxies: ProxySettings
    /// Certificate authorities to trust instead of the system's: read once, from the PEM file
    /// of `AWS_CA_BUNDLE` or the profile's `ca_bundle`.
    public var trustedCertificates: [NIOSSLCertificate]?
    /// Seconds without data before a request times out.
    public var idleTimeout: Double
    /// Seconds a request may take in all.
    public var totalTimeout: Double
    /// Seconds to wait for a connection (and its TLS handshake).
    public var connectTimeout: Double

    public init(proxies: ProxySettings = ProxySettings(), trustedCertificates: [NIOSSLCertificate]? = nil,
                idleTimeout: Double = 60, totalTimeout: Double = 120, connectTimeout: Double = 10) {
        self.proxies = proxies
        self.trustedCertificates = trustedCertificates
        self.idleTimeout = idleTimeout
        self.totalTimeout = totalTimeout
        self.connectTimeout = min(connectTimeout, totalTimeout)
    }

    /// The settings of a shared configuration: its environment's proxies, and `AWS_CA_BUNDLE`
    /// or the profile's `ca_bundle`, read and parsed now: a wrong file stops the run before
    /// anything is sent rather than failing every https request.
    public init(config: AWSSharedConfig) throws(SendError) {
        self.init(proxies: try ProxySettings(environment: config.environment))
        let bundle: (path: String, source: String)?
        if let value = config.env("AWS_CA_BUNDLE") {
            bundle = (value, "AWS_CA_BUNDLE")
        } else if let value = config.currentProfile["ca_bundle"], !value.isEmpty {
            bundle = (value, "ca_bundle in profile \(config.profileName) (\(config.configPath))")
        } else {
            bundle = nil
        }
        if let bundle {
            let path = AWSSharedConfig.expandingHome(bundle.path, home: config.environment["HOME"] ?? "~")
            // A regular file (a FIFO or a device would block or never end) of bounded size:
            // Debian's whole bundle is 0.2 MB.
            var status = stat()
            guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, access(path, R_OK) == 0 else {
                throw SendError(.configuration, "\(bundle.source): cannot read the certificate bundle \(DisplayText.escaped(path)) (not a readable file)")
            }
            guard status.st_size <= 16 << 20 else {
                throw SendError(.configuration, "\(bundle.source): the certificate bundle \(DisplayText.escaped(path)) is larger than 16 MiB")
            }
            guard let certificates = try? NIOSSLCertificate.fromPEMFile(path), !certificates.isEmpty else {
                throw SendError(.configuration, "\(bundle.source): \(DisplayText.escaped(path)) holds no PEM certificate")
            }
            trustedCertificates = certificates
        }
    }
}

/// ``HTTPTransport`` over AsyncHTTPClient (swift-nio, with swift-nio-ssl's BoringSSL for TLS,
/// linked in): no redirects, no cookies, no decompression, HTTP/1.1, bounded timeouts and a
/// bounded response body, and the proxies of ``TransportSettings``.
///
/// Chosen over FoundationNetworking (which goes through the system's libcurl) so that
/// `reqlint-send` needs no library beyond glibc, libstdc++ and zlib: libcurl4 and libssl3 are
/// not in minimal Debian and Ubuntu installs.
public final class HTTPClientTransport: HTTPTransport, @unchecked Sendable {
    public let settings: TransportSettings
    /// The largest response body accepted; AWS's responses to these operations are a few KiB.
    public static let maxResponseBytes = 16 << 20

    private let tls: TLSConfiguration
    private let lock = Lock()
    /// One client per proxy (nil: direct), made at first use; each keeps its connections.
    private var clients: [ProxyKey: HTTPClient] = [:]

    public init(settings: TransportSettings = TransportSettings()) {
        self.settings = settings
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        if let certificates = settings.trustedCertificates { tls.trustRoots = .certificates(certificates) }
        self.tls = tls
    }

    deinit {
        for client in clients.values { try? client.syncShutdown() }
    }

    public func send(_ request: HTTPRequest) -> Result<HTTPResponse, TransportError> {
        guard let target = Target(url: request.url) else { return .failure(TransportError(.other, "invalid URL")) }
        let proxy = settings.proxies.proxy(scheme: target.scheme, host: target.host, port: target.port)
        var headers = HTTPHeaders()
        for header in request.headers { headers.add(name: header.name, value: header.value) }
        let prepared: HTTPClient.Request
        do {
            prepared = try HTTPClient.Request(url: request.url, method: HTTPMethod(rawValue: request.method), headers: headers,
                                              body: request.body.isEmpty ? nil : .bytes(request.body))
        } catch {
            return .failure(Self.classify(error, target: target, proxy: proxy))
        }
        let client = client(for: proxy)
        let deadline = NIODeadline.now() + .milliseconds(Int64(settings.totalTimeout * 1000))
        let delegate = ResponseAccumulator(request: prepared, maxBodySize: Self.maxResponseBytes)
        do {
            let response = try client.execute(request: prepared, delegate: delegate, deadline: deadline).wait()
            var received: [SigV4Header] = []
            for (name, value) in response.headers { received.append(SigV4Header(name, value)) }
            received.sort { $0.name.lowercased() < $1.name.lowercased() }
            let body = response.body.map { Array($0.readableBytesView) } ?? []
            return .success(HTTPResponse(status: Int(response.status.code), headers: received, body: body))
        } catch {
            return .failure(Self.classify(error, target: target, proxy: proxy))
        }
    }

    private func client(for proxy: ProxyServer?) -> HTTPClient {
        let key = ProxyKey(proxy)
        return lock.withLock {
            if let client = clients[key] { return client }
            var configuration = HTTPClient.Configuration(
                tlsConfiguration: tls,
                redirectConfiguration: .disallow,
                timeout: .init(connect: .milliseconds(Int64(settings.connectTimeout * 1000)),
                               read: .milliseconds(Int64(settings.idleTimeout * 1000))),
                proxy: proxy.map(Self.configuration),
                decompression: .disabled)
            configuration.httpVersion = .http1Only
            // A refused or failed connection is an answer now; ``RetryStrategy`` decides on
            // retries, as for every other transport failure.
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[key] = client
            return client
        }
    }

    static func configuration(_ proxy: ProxyServer) -> HTTPClient.Configuration.Proxy {
        switch proxy.kind {
        case .socks5:
            return .socksServer(host: proxy.host, port: proxy.port)
        case .http:
            let authorization = proxy.username.map { HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "") }
            return .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
    }

    /// A transport failure in words, without header values (which may hold a token) or the
    /// proxy's credentials.
    static func classify(_ error: any Error, target: Target, proxy: ProxyServer?) -> TransportError {
        let via = proxy.map { " (through the proxy \($0))" } ?? ""
        // What the connection was made to: the proxy, else the URL's host and port.
        let peer = proxy.map { "\($0.host):\($0.port)" } ?? "\(target.host):\(target.port)"
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .tlsHandshakeTimeout, .httpProxyHandshakeTimeout, .socksHandshakeTimeout, .getConnectionFromPoolTimeout:
                return TransportError(.timeout, "no connection within the connect timeout\(via)")
            case .readTimeout, .writeTimeout:
                return TransportError(.timeout, "the request timed out: no data for too long\(via)")
            case .deadlineExceeded:
                return TransportError(.timeout, "the request timed out\(via)")
            case .remoteConnectionClosed:
                return TransportError(.connection, "the connection was closed before a response came\(via)")
            case .proxyAuthenticationRequired:
                let shown = proxy.map(\.description) ?? ""
                if proxy?.username != nil {
                    return TransportError(.proxy, "the proxy \(shown) rejected the user name and password of its URL (407)")
                }
                return TransportError(.proxy, "the proxy \(shown) wants authentication (407): put user and password in the proxy URL")
            case .invalidProxyResponse:
                // Any answer to CONNECT but 2xx and 407 (a 502 or 503 of a busy proxy, a policy
                // refusal): retried like a refused connection.
                return TransportError(.connection, "the proxy \(proxy.map(\.description) ?? "") did not open a tunnel to \(target.host):\(target.port)")
            case .invalidURL, .emptyHost, .emptyScheme:
                return TransportError(.other, "invalid URL")
            default:
                let text = String(describing: error)
                if text.contains("invalidHeaderField") { return TransportError(.other, "a header name or value is not valid in HTTP") }
                if text.contains("unsupportedScheme") { return TransportError(.other, "the URL's scheme is not http or https") }
                return TransportError(.other, "HTTP failed: \(text)\(via)")
            }
        }
        if error is ResponseAccumulator.ResponseTooBigError {
            return TransportError(.other, "the response is larger than \(maxResponseBytes >> 20) MiB")
        }
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname || error == .serverHostnameImpossibleToMatch {
            return TransportError(.tls, "TLS failed: the server's certificate does not name \(target.host)\(via)")
        }
        if error is NIOSSLExtraError {
            return TransportError(.tls, "TLS failed: \(error)\(via)")
        }
        if error is NIOSSLError || error is BoringSSLError {
            return TransportError(.tls, "TLS failed: \(tlsReason(error))\(via); if a proxy or a private CA signs the certificates, point AWS_CA_BUNDLE at its PEM bundle")
        }
        if let error = error as? NIOConnectionError {
            let reason = error.connectionErrors.first.map { reasonText($0.error) }
                ?? (error.dnsAError ?? error.dnsAAAAError).map { "the host name does not resolve (\(reasonText($0)))" } ?? "\(error)"
            return TransportError(.connection, "cannot connect to \(peer)\(via): \(reason)")
        }
        if error is IOError || error is ChannelError || error is SocketAddressError {
            return TransportError(.connection, "cannot connect to \(peer)\(via): \(reasonText(error))")
        }
        return TransportError(.other, "\(error)\(via)")
    }
}

/// An I/O error as the system says it ("Connection refused"), without NIO's decoration.
private func reasonText(_ error: any Error) -> String {
    if let error = error as? IOError, let text = strerror(error.errnoCode) { return String(cString: text) }
    return "\(error)"
}

/// BoringSSL's reasons in words ("certificate verify failed"), without the error queue's
/// numbers and source paths.
private func tlsReason(_ error: any Error) -> String {
    let text = "\(error)"
    var reasons: [String] = []
    var rest = Substring(text)
    while let marker = rest.firstRange(of: "OPENSSL_internal:") {
        let reason = rest[marker.upperBound...].prefix { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
        if !reason.isEmpty, !reasons.contains(String(reason)) { reasons.append(String(reason)) }
        rest = rest[marker.upperBound...]
    }
    if reasons.isEmpty {
        // NIOSSLError's own cases: their names say what failed.
        return String(text.prefix { $0 != "(" })
    }
    return reasons.map { $0.lowercased().replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")
}

/// Which client a proxy uses (credentials included: a different user is a different client).
private struct ProxyKey: Hashable {
    var text: String

    init(_ proxy: ProxyServer?) {
        text = proxy.map { "\($0.kind.rawValue) \($0.host) \($0.port) \($0.username ?? "")\u{0}\($0.password ?? "")" } ?? ""
    }
}

/// The scheme and host of a request URL, for the proxy choice.
struct Target {
    var scheme: String
    var host: String
    var port: Int

    init?(url: String) {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = url[schemeEnd.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        guard let (host, portText) = try? Authority.split(rest) else { return nil }
        self.host = String(host)
        port = scheme == "https" ? 443 : 80
        if let portText {
            guard let value = Authority.port(portText) else { return nil }
            port = value
        }
        guard scheme == "http" || scheme == "https", !host.isEmpty else { return nil }
    }
}
