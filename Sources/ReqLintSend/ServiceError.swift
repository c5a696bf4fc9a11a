import ReqLintCore

/// An error answer of an AWS service: its type (code), message and request id.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    /// The error type, such as `ValidationException` (namespace and `:…` suffix removed).
    public var code: String
    public var message: String
    public var requestID: String?

    public init(status: Int, code: String, message: String, requestID: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.requestID = requestID
    }

    /// botocore's throttling error codes (`botocore/retries/standard.py`), and HTTP 429.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    /// botocore's transient error codes.
    public static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"]
    /// botocore's transient status codes.
    public static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    public var isThrottling: Bool { Self.throttlingCodes.contains(code) || status == 429 }
    public var isTransient: Bool { Self.transientCodes.contains(code) || Self.transientStatuses.contains(status) }

    /// `ValidationException: message (HTTP 400, request id …)`.
    public var description: String {
        var text = "\(code): \(message.isEmpty ? "(no message)" : message) (HTTP \(status)"
        if let requestID { text += ", request id \(requestID)" }
        return text + ")"
    }
}

/// Reads an error response as botocore's parsers do for JSON protocols, with XML (query
/// protocol, STS, and some gateways) and plain text as fallbacks.
public enum ServiceErrorParser {
    public static func parse(_ response: HTTPResponse) -> ServiceError {
        var code: String?
        var message: String?
        var requestID = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")

        if let header = response.header("x-amzn-ErrorType"), !header.isEmpty { code = header }
        if let header = response.header("x-amzn-ErrorMessage"), !header.isEmpty { message = header }

        let text = response.bodyText
        let trimmed = text.trimmingASCIIWhitespace()
        if trimmed.hasPrefix("{") {
            let fields = JSONFields(response.body)
            if code == nil { code = fields["__type"] ?? fields["code"] ?? fields["Code"] }
            if message == nil { message = fields["message"] ?? fields["Message"] ?? fields["errorMessage"] }
        } else if trimmed.hasPrefix("<") {
            let xml = XMLText(text)
            if code == nil { code = xml.first("Code") }
            if message == nil { message = xml.first("Message") }
            if requestID == nil { requestID = xml.first("RequestId") ?? xml.first("RequestID") }
        }
        let cleanCode = code.map(Self.cleanCode).flatMap { $0.isEmpty ? nil : $0 }
        let fallback: String
        if trimmed.hasPrefix("<") {
            // An HTML page (a proxy's or a test server's): its title says what happened.
            fallback = XMLText(text).first("title") ?? XMLText(text).first("TITLE") ?? ""
        } else if trimmed.isEmpty || trimmed.hasPrefix("{") {
            fallback = ""
        } else {
            fallback = String(trimmed.prefix(500))
        }
        return ServiceError(status: response.status, code: cleanCode ?? "HTTP \(response.status)",
                            message: message ?? fallback, requestID: requestID)
    }

    /// `aws.protocoltests#ValidationException:http://internal...` → `ValidationException`.
    static func cleanCode(_ code: String) -> String {
        var code = Substring(code)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return String(code).trimmingASCIIWhitespace()
    }
}

/// The top-level string members of a JSON object, read with reqlint's own parser.
struct JSONFields {
    private var values: [String: String] = [:]
    private var numbers: [String: String] = [:]

    init(_ bytes: [UInt8]) {
        let document = JSONParser.parse(bytes)
        guard let root = document.root, document[root].kind == .object else { return }
        for (key, value) in document.members(of: root) {
            switch document[value].kind {
            case .string: values[document.string(key)] = document.string(value)
            case .number: numbers[document.string(key)] = document.literal(value)
            default: break
            }
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    func number(_ name: String) -> String? { numbers[name] }

    var isEmpty: Bool { values.isEmpty && numbers.isEmpty }
}

/// A small, tolerant reader of the text of XML elements (STS and query-protocol answers):
/// no DTDs, no namespaces beyond ignoring prefixes, entities `&lt; &gt; &amp; &quot; &apos;`
/// and numeric references decoded, CDATA kept.
struct XMLText {
    let text: String

    init(_ text: String) { self.text = text }

    /// The text of the first element named `name` (`<name>` or `<prefix:name>`, attributes
    /// allowed) that holds no child elements, or nil.
    func first(_ name: String) -> String? {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: ">") else { return nil }
            var tag = rest[afterOpen ..< close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("/") || tag.hasPrefix("?") || tag.hasPrefix("!") || tag.hasSuffix("/") { continue }
            if let space = tag.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) { tag = tag[..<space] }
            let local = tag.split(separator: ":").last.map(String.init) ?? String(tag)
            guard local == name else { continue }
            // The content up to the matching close tag.
            guard let end = rest.firstRange(of: "</\(tag)>") else { return nil }
            let content = rest[..<end.lowerBound]
            if content.contains("<") && !content.contains("<![CDATA[") { continue }
            return Self.decode(String(content)).trimmingASCIIWhitespace()
        }
        return nil
    }

    static func decode(_ raw: String) -> String {
        var out = ""
        var rest = Substring(raw)
        while let amp = rest.firstIndex(where: { $0 == "&" || $0 == "<" }) {
            out += rest[..<amp]
            if rest[amp] == "<" {
                let cdata = rest[amp...]
                if cdata.hasPrefix("<![CDATA["), let end = cdata.firstRange(of: "]]>") {
                    out += cdata[cdata.index(amp, offsetBy: 9) ..< end.lowerBound]
                    rest = cdata[end.upperBound...]
                } else {
                    out.append("<")
                    rest = rest[rest.index(after: amp)...]
                }
                continue
            }
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out.append("&")
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp) ..< semi]
            var replacement: String?
            switch entity {
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "amp": replacement = "&"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let value = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
                    replacement = String(Character(scalar))
                } else if entity.hasPrefix("#"), let value = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(value) {
                    replacement = String(Character(scalar))
                }
            }
            if let replacement {
                out += replacement
                rest = rest[rest.index(after: semi)...]
            } else {
                out.append("&")
                rest = rest[rest.index(after: amp)...]
            }
        }
        return out + rest
    }
}
