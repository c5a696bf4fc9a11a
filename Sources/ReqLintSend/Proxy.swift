/// A proxy that requests go through.
public struct ProxyServer: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public enum Kind: String, Sendable, Equatable {
        /// An HTTP proxy: `CONNECT` for https, absolute URLs for http.
        case http
        /// A SOCKS5 proxy (`socks5://` or `socks5h://`).
        case socks5
    }

    public var kind: Kind
    public var host: String
    public var port: Int
    /// Basic authentication for an HTTP proxy, from the URL's user information.
    public var username: String?
    public var password: String?

    public init(kind: Kind, host: String, port: Int, username: String? = nil, password: String? = nil) {
        self.kind = kind
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// The proxy without its credentials: what messages may show.
    public var description: String { "\(kind == .http ? "http" : "socks5")://\(host):\(port)" }

    public var debugDescription: String { description + (username == nil ? "" : " (with credentials)") }

    /// What `dump` and debuggers show: no user name or password.
    public var customMirror: Mirror {
        Mirror(self, children: ["kind": kind, "host": host, "port": port, "credentials": username == nil ? "none" : "<redacted>"], displayStyle: .struct)
    }

    /// Parses a proxy URL as the AWS CLI and curl take it: `[scheme://][user[:password]@]host[:port][/]`,
    /// with http (the default scheme; port 80 if none is given, as the AWS CLI has it) or
    /// socks5 (port 1080).
    public static func parse(_ text: String, variable: String) throws(SendError) -> ProxyServer {
        var rest = Substring(text.trimmingASCIIWhitespace())
        var kind = Kind.http
        if let schemeEnd = rest.firstRange(of: "://") {
            switch rest[..<schemeEnd.lowerBound].lowercased() {
            case "http": kind = .http
            case "socks5", "socks5h": kind = .socks5
            case "https":
                throw SendError(.configuration, "\(variable): a proxy reached over https is not supported; use an http:// proxy (https requests still go through it encrypted)")
            default:
                throw SendError(.configuration, "\(variable): the proxy's scheme must be http, socks5 or socks5h")
            }
            rest = rest[schemeEnd.upperBound...]
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                username = percentDecoded(userInfo[..<colon])
                password = percentDecoded(userInfo[userInfo.index(after: colon)...])
            } else {
                username = percentDecoded(userInfo)
            }
            if kind == .socks5 {
                throw SendError(.configuration, "\(variable): a SOCKS proxy with a user name or password is not supported")
            }
        }
        guard var (host, portText) = try? Authority.split(rest) else {
            throw SendError(.configuration, "\(variable): the proxy's address is not host[:port]")
        }
        let bracketed = host.hasPrefix("[")
        if bracketed { host = host.dropFirst().dropLast() }
        var port = kind == .http ? 80 : 1080
        if let portText {
            guard let value = Authority.port(portText) else {
                throw SendError(.configuration, "\(variable): the proxy's port is not a number from 1 to 65535")
            }
            port = value
        }
        guard !host.isEmpty else { throw SendError(.configuration, "\(variable): the proxy has no host name") }
        guard bracketed ? Authority.isIPv6Literal(host) : Authority.isHostName(host) else {
            throw SendError(.configuration, "\(variable): the proxy's host may contain only letters, digits, '-', '_' and '.' (or be an IPv6 address in brackets)")
        }
        return ProxyServer(kind: kind, host: String(host), port: port, username: username, password: password)
    }

    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Which proxy, if any, a request goes through, from the environment variables curl and the
/// AWS CLI read: `https_proxy`/`HTTPS_PROXY` for https URLs, `http_proxy`/`HTTP_PROXY` for http
/// ones, `all_proxy`/`ALL_PROXY` for both when the scheme's own is unset, and
/// `no_proxy`/`NO_PROXY` for hosts that are reached directly. The lower-case name wins; an
/// empty value means none. `HTTP_PROXY` in capitals is ignored when `REQUEST_METHOD` is set (a
/// CGI environment, where a client's `Proxy:` header arrives as `HTTP_PROXY`), as Python's
/// urllib, and so the AWS CLI, does.
public struct ProxySettings: Sendable, Equatable {
    public var httpsProxy: ProxyServer?
    public var httpProxy: ProxyServer?
    /// `no_proxy` entries, lower-cased and trimmed: `*`, host names and domain suffixes
    /// (`.example.com` and `example.com` alike), IP addresses, IPv4 CIDR blocks, and any of
    /// these with `:port`, which then matches that port only.
    public var noProxy: [String]

    public init(httpsProxy: ProxyServer? = nil, httpProxy: ProxyServer? = nil, noProxy: [String] = []) {
        self.httpsProxy = httpsProxy
        self.httpProxy = httpProxy
        self.noProxy = noProxy
    }

    public init(environment: [String: String]) throws(SendError) {
        func value(_ lower: String, _ upper: String) -> (name: String, value: String)? {
            if let found = environment[lower] { return found.isEmpty ? nil : (lower, found) }
            if upper == "HTTP_PROXY", environment["REQUEST_METHOD"] != nil { return nil }
            if let found = environment[upper], !found.isEmpty { return (upper, found) }
            return nil
        }
        let all = value("all_proxy", "ALL_PROXY")
        if let https = value("https_proxy", "HTTPS_PROXY") ?? all {
            httpsProxy = try ProxyServer.parse(https.value, variable: https.name)
        }
        if let http = value("http_proxy", "HTTP_PROXY") ?? all {
            httpProxy = try ProxyServer.parse(http.value, variable: http.name)
        }
        let list = value("no_proxy", "NO_PROXY")?.value ?? ""
        noProxy = list.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map { $0.lowercased() }
    }

    /// The proxy for a request to `host` (as in a URL: IPv6 in brackets) and `port` over `scheme`.
    public func proxy(scheme: String, host: String, port: Int) -> ProxyServer? {
        guard let server = scheme.lowercased() == "https" ? httpsProxy : httpProxy else { return nil }
        return bypasses(host: host, port: port) ? nil : server
    }

    /// Whether `no_proxy` names `host` (and `port`, where an entry gives one).
    public func bypasses(host: String, port: Int) -> Bool {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasSuffix(".") { host.removeLast() }
        for var entry in noProxy {
            if entry == "*" { return true }
            var entryPort: Substring?
            if entry.hasPrefix("["), let close = entry.firstIndex(of: "]") {
                let after = entry[entry.index(after: close)...]
                if after.hasPrefix(":") { entryPort = after.dropFirst() }
                entry = String(entry[entry.index(after: entry.startIndex) ..< close])
            } else if entry.filter({ $0 == ":" }).count == 1, let colon = entry.firstIndex(of: ":") {
                entryPort = entry[entry.index(after: colon)...]
                entry = String(entry[..<colon])
            }
            if let entryPort, Int(entryPort) != port { continue }
            if let slash = entry.firstIndex(of: "/") {
                if let block = IPv4Block(address: entry[..<slash], bits: entry[entry.index(after: slash)...]), block.contains(host) { return true }
                continue
            }
            while entry.hasPrefix(".") { entry.removeFirst() }
            if entry.hasSuffix(".") { entry.removeLast() }
            if entry.isEmpty { continue }
            if host == entry || host.hasSuffix("." + entry) { return true }
        }
        return false
    }
}

/// An IPv4 CIDR block of a `no_proxy` entry, such as `10.0.0.0/8`.
struct IPv4Block {
    var network: UInt32
    var mask: UInt32

    init?(address: Substring, bits: Substring) {
        guard let network = Self.parse(address), let count = Int(bits), (0 ... 32).contains(count) else { return nil }
        mask = count == 0 ? 0 : ~UInt32(0) << UInt32(32 - count)
        self.network = network & mask
    }

    func contains(_ host: String) -> Bool {
        guard let address = Self.parse(Substring(host)) else { return false }
        return address & mask == network
    }

    static func parse(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1 ... 3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let byte = UInt32(part), byte <= 255 else { return nil }
            value = value << 8 | byte
        }
        return value
    }
}
