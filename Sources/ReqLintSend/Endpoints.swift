/// An AWS partition, as botocore's `data/partitions.json` describes it (botocore 1.44.18).
public struct Partition: Sendable, Equatable {
    public var id: String
    /// The partition's region pattern, as in partitions.json.
    public var regionRegex: String
    /// The regions partitions.json lists by name (matched before any pattern).
    public var regions: [String]
    public var dnsSuffix: String
    public var dualStackDnsSuffix: String
    public var supportsFIPS: Bool
    public var supportsDualStack: Bool

    /// Whether `region` matches ``regionRegex``.
    public func matches(_ region: String) -> Bool {
        guard let regex = try? Regex(regionRegex) else { return false }
        return (try? regex.wholeMatch(in: region)) != nil
    }
}

/// botocore's partitions and the `aws.partition` function of the endpoint rule sets.
public enum Partitions {
    /// Every partition of botocore 1.44.18's `data/partitions.json`, in its order.
    public static let all: [Partition] = [
        Partition(id: "aws", regionRegex: #"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$"#,
                  regions: ["af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
                            "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
                            "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "aws-global", "ca-central-1", "ca-west-1",
                            "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
                            "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "me-west-1", "mx-central-1", "sa-east-1",
                            "sa-west-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2"],
                  dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws", supportsFIPS: true, supportsDualStack: true),
        Partition(id: "aws-cn", regionRegex: #"^cn\-\w+\-\d+$"#, regions: ["aws-cn-global", "cn-north-1", "cn-northwest-1"],
                  dnsSuffix: "amazonaws.com.cn", dualStackDnsSuffix: "api.amazonwebservices.com.cn", supportsFIPS: true, supportsDualStack: true),
        Partition(id: "aws-eusc", regionRegex: #"^eusc\-(de)\-\w+\-\d+$"#, regions: ["eusc-de-east-1"],
                  dnsSuffix: "amazonaws.eu", dualStackDnsSuffix: "api.amazonwebservices.eu", supportsFIPS: true, supportsDualStack: true),
        Partition(id: "aws-iso", regionRegex: #"^us\-iso\-\w+\-\d+$"#, regions: ["aws-iso-global", "us-iso-east-1", "us-iso-west-1"],
                  dnsSuffix: "c2s.ic.gov", dualStackDnsSuffix: "api.aws.ic.gov", supportsFIPS: true, supportsDualStack: true),
        Partition(id: "aws-iso-b", regionRegex: #"^us\-isob\-\w+\-\d+$"#, regions: ["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"],
                  dnsSuffix: "sc2s.sgov.gov", dualStackDnsSuffix: "api.aws.scloud", supportsFIPS: true, supportsDualStack: true),
        Partition(id: "aws-iso-e", regionRegex: #"^eu\-isoe\-\w+\-\d+$"#, regions: ["aws-iso-e-global", "eu-isoe-west-1"],
                  dnsSuffix: "cloud.adc-e.uk", dualStackDnsSuffix: "api.cloud-aws.adc-e.uk", supportsFIPS: true, supportsDualStack: true),
        Partition(id: "aws-iso-f", regionRegex: #"^us\-isof\-\w+\-\d+$"#, regions: ["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"],
                  dnsSuffix: "csp.hci.ic.gov", dualStackDnsSuffix: "api.aws.hci.ic.gov", supportsFIPS: true, supportsDualStack: true),
        Partition(id: "aws-us-gov", regionRegex: #"^us\-gov\-\w+\-\d+$"#, regions: ["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"],
                  dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws", supportsFIPS: true, supportsDualStack: true),
    ]

    /// The rule sets' `aws.partition`: the partition that lists the region, else the first
    /// whose pattern matches it, else `aws`.
    public static func partition(forRegion region: String) -> Partition {
        if let listed = all.first(where: { $0.regions.contains(region) }) { return listed }
        if let matched = all.first(where: { $0.matches(region) }) { return matched }
        return all[0]
    }
}

/// The hostnames of one service, as its endpoint rule set
/// (`data/<service>/<version>/endpoint-rule-set-1.json.gz`) writes them: the standard,
/// FIPS, dual-stack and FIPS dual-stack templates with `{prefix}`, `{region}`, `{dnsSuffix}`
/// and `{dualStackDnsSuffix}`, and per-partition exceptions.
public struct ServiceEndpointRules: Sendable {
    public var standard = "https://{prefix}.{region}.{dnsSuffix}"
    public var fips = "https://{prefix}-fips.{region}.{dnsSuffix}"
    public var dualStack = "https://{prefix}.{region}.{dualStackDnsSuffix}"
    public var fipsDualStack = "https://{prefix}-fips.{region}.{dualStackDnsSuffix}"
    /// FIPS templates that replace ``fips`` in some partitions.
    public var fipsByPartition: [String: String] = [:]
    /// Regions with a fixed endpoint and signing region when neither FIPS nor dual-stack is on.
    public var globalRegions: [String: (url: String, signingRegion: String)] = [:]

    /// The rules of the services reqlint sends to (by endpoint prefix), from botocore 1.44.18:
    /// SageMaker's FIPS hosts in aws and aws-us-gov are `api-fips.sagemaker.<region>.amazonaws.com`;
    /// STS's FIPS host in aws-us-gov is the standard one, and `aws-global` is `sts.amazonaws.com`.
    public static func rules(forEndpointPrefix prefix: String) -> ServiceEndpointRules {
        var rules = ServiceEndpointRules()
        switch prefix {
        case "api.sagemaker":
            rules.fipsByPartition = [
                "aws": "https://api-fips.sagemaker.{region}.amazonaws.com",
                "aws-us-gov": "https://api-fips.sagemaker.{region}.amazonaws.com",
            ]
        case "sts":
            rules.fipsByPartition = ["aws-us-gov": "https://sts.{region}.amazonaws.com"]
            rules.globalRegions = ["aws-global": ("https://sts.amazonaws.com", "us-east-1")]
        default:
            break
        }
        return rules
    }
}

/// A resolved endpoint: where to send and which region signs.
public struct ResolvedEndpoint: Sendable, Equatable {
    public var url: EndpointURL
    /// The region of the credential scope.
    public var signingRegion: String
    /// Where it came from (`--endpoint-url`, `AWS_ENDPOINT_URL_SAGEMAKER`, `the endpoint rule set`, ...).
    public var source: String

    public init(url: EndpointURL, signingRegion: String, source: String) {
        self.url = url
        self.signingRegion = signingRegion
        self.source = source
    }
}

public enum EndpointResolver {
    /// Whether `region` can go into a hostname (botocore's `validate_region_name`).
    public static func isValidRegion(_ region: String) -> Bool {
        let bytes = Array(region.utf8)
        guard !bytes.isEmpty, bytes.count <= 63 else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        guard alnum(bytes.first!), alnum(bytes.last!) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 0x2D }
    }

    /// The endpoint the rule set gives for a service (by its endpoint prefix) in `region`.
    public static func resolve(endpointPrefix: String, region: String, useFIPS: Bool, useDualStack: Bool) throws(SendError) -> ResolvedEndpoint {
        guard isValidRegion(region) else {
            throw SendError(.region, "\"\(region)\" is not a valid region name (letters, digits and '-', such as us-east-1)")
        }
        let partition = Partitions.partition(forRegion: region)
        let rules = ServiceEndpointRules.rules(forEndpointPrefix: endpointPrefix)
        var template: String
        var signingRegion = region
        switch (useFIPS, useDualStack) {
        case (true, true):
            guard partition.supportsFIPS, partition.supportsDualStack else {
                throw SendError(.endpoint, "FIPS and DualStack are enabled, but partition \(partition.id) does not support one or both")
            }
            template = rules.fipsDualStack
        case (true, false):
            guard partition.supportsFIPS else { throw SendError(.endpoint, "FIPS is enabled but partition \(partition.id) does not support FIPS") }
            template = rules.fipsByPartition[partition.id] ?? rules.fips
        case (false, true):
            guard partition.supportsDualStack else { throw SendError(.endpoint, "DualStack is enabled but partition \(partition.id) does not support DualStack") }
            template = rules.dualStack
        case (false, false):
            template = rules.standard
            if let global = rules.globalRegions[region] {
                template = global.url
                signingRegion = global.signingRegion
            }
        }
        let text = template
            .replacingOccurrences(of: "{prefix}", with: endpointPrefix)
            .replacingOccurrences(of: "{region}", with: region)
            .replacingOccurrences(of: "{dnsSuffix}", with: partition.dnsSuffix)
            .replacingOccurrences(of: "{dualStackDnsSuffix}", with: partition.dualStackDnsSuffix)
        let url = try EndpointURL.parse(text)
        return ResolvedEndpoint(url: url, signingRegion: signingRegion, source: "the \(endpointPrefix) endpoint rules for \(region) (partition \(partition.id)\(useFIPS ? ", FIPS" : "")\(useDualStack ? ", dual-stack" : ""))")
    }
}

extension String {
    /// `replacingOccurrences(of:with:)` without Foundation.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

/// An endpoint URL: scheme, host, optional port and optional base path, checked.
///
/// Only `https` is accepted, except plain `http` to a loopback address (`127.0.0.0/8`,
/// `::1`, `localhost`), for local test servers. No user information, query or fragment.
public struct EndpointURL: Sendable, Equatable, CustomStringConvertible {
    public var scheme: String
    /// The host as written in the URL (an IPv6 address keeps its brackets), lower-cased.
    public var host: String
    public var port: Int?
    /// A path the requests' paths are appended to, without a trailing `/` (often empty).
    public var basePath: String

    /// The `Host` header: the host, and the port when it is not the scheme's default.
    public var hostHeader: String {
        guard let port, port != (scheme == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }

    /// `scheme://host[:port]basePath`.
    public var description: String { "\(scheme)://\(hostHeader)\(basePath)" }

    /// The full URL of a request path (wire form, starting with `/`) and query string.
    public func url(path: String, query: String = "") -> String {
        "\(scheme)://\(hostHeader)" + wirePath(path) + (query.isEmpty ? "" : "?" + query)
    }

    /// The request path on the wire: the base path, then the operation's path.
    public func wirePath(_ path: String) -> String {
        basePath.isEmpty ? path : basePath + (path == "/" ? "/" : path)
    }

    /// Whether the host is a loopback address or `localhost`.
    public var isLoopback: Bool { Self.isLoopbackHost(host) }

    public static func isLoopbackHost(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "[::1]" || host == "::1" || host == "[0:0:0:0:0:0:0:1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part), value <= 255 else { return false }
            numbers.append(value)
        }
        return numbers[0] == 127
    }

    /// Parses and checks an endpoint URL; `allowInsecureLoopback` permits `http` to loopback.
    public static func parse(_ text: String, allowInsecureLoopback: Bool = true) throws(SendError) -> EndpointURL {
        func fail(_ reason: String) -> SendError { SendError(.endpoint, "invalid endpoint URL \"\(SecretRedactor.maskingUserInfo(text))\": \(reason)") }
        guard let schemeEnd = text.firstRange(of: "://") else { throw fail("expected https://host[:port][/path]") }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else { throw fail("the scheme must be https (or http to a loopback address)") }
        var rest = text[schemeEnd.upperBound...]
        if rest.contains("?") || rest.contains("#") { throw fail("an endpoint URL has no query or fragment") }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        rest = ""
        if authority.contains("@") { throw fail("user information (user:password@) is not allowed in an endpoint URL") }
        let split: (host: Substring, port: Substring?)
        do {
            split = try Authority.split(authority)
        } catch {
            throw fail(error == .unterminatedIPv6 ? "unterminated IPv6 address" : "unexpected text after the IPv6 address")
        }
        var host = String(split.host)
        let portText = split.port
        if host.hasPrefix("[") {
            guard Authority.isIPv6Literal(host.dropFirst().dropLast()) else { throw fail("invalid IPv6 address") }
        } else {
            guard !host.isEmpty else { throw fail("no host") }
            guard Authority.isHostName(Substring(host)) else {
                throw fail("the host may contain only letters, digits, '-', '_' and '.'")
            }
        }
        host = host.lowercased()
        var port: Int?
        if let portText {
            guard let value = Authority.port(portText) else { throw fail("the port must be a number from 1 to 65535") }
            port = value
        }
        while path.hasSuffix("/") { path.removeLast() }
        if path.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) { throw fail("the path contains spaces or control characters") }
        let url = EndpointURL(scheme: scheme, host: host, port: port, basePath: path)
        if scheme == "http" {
            guard allowInsecureLoopback, url.isLoopback else {
                throw SendError(.endpoint, "refusing plain http to \(host): requests (signed, with their credentials' access key and token) go over https; http is allowed only to a loopback address (127.0.0.0/8, ::1, localhost)")
            }
        }
        return url
    }
}

/// The host and port of a URL's authority (`host`, `host:port`, `[v6]`, `[v6]:port`), split
/// the one way for endpoints, request URLs and proxies alike. An IPv6 host keeps its brackets.
enum Authority {
    enum Problem: Error, Equatable {
        case unterminatedIPv6
        case textAfterIPv6
    }

    static func split(_ authority: Substring) throws(Problem) -> (host: Substring, port: Substring?) {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .unterminatedIPv6 }
            let after = authority[authority.index(after: close)...]
            if after.isEmpty { return (authority[...close], nil) }
            guard after.hasPrefix(":") else { throw .textAfterIPv6 }
            return (authority[...close], after.dropFirst())
        }
        guard let colon = authority.firstIndex(of: ":") else { return (authority, nil) }
        return (authority[..<colon], authority[authority.index(after: colon)...])
    }

    /// A host name or IPv4 address: letters, digits, `-`, `_` and `.` only (no space, control
    /// or bidirectional character can reach a message through it).
    static func isHostName(_ host: Substring) -> Bool {
        host.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }
    }

    /// The inside of `[…]`: hex digits, `:` and `.`.
    static func isIPv6Literal(_ inner: Substring) -> Bool {
        !inner.isEmpty && inner.allSatisfy { $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") }
    }

    /// A port: 1 to 65535, in decimal digits only.
    static func port(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text), (1 ... 65535).contains(value) else { return nil }
        return value
    }
}
