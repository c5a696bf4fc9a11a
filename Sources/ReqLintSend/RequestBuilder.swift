import ReqLintCore
import ReqLintSigV4

/// An HTTP request built from a request document, before it has an endpoint and a signature.
public struct BuiltRequest: Sendable, Equatable {
    /// `POST`, ... from the pack.
    public var method: String
    /// The path in wire form (percent-encoded), relative to the endpoint: starts with `/`.
    public var path: String
    /// Query parameters (plain, not encoded) from the URI template and `querystring` members.
    public var queryItems: [SigV4QueryItem]
    /// Headers the protocol needs (`Content-Type`, `X-Amz-Target`, `header` members), without
    /// `Host`, which comes with the endpoint.
    public var headers: [SigV4Header]
    /// The payload.
    public var body: [UInt8]

    public init(method: String, path: String, queryItems: [SigV4QueryItem] = [], headers: [SigV4Header], body: [UInt8]) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
    }

    /// The body as text (it is always JSON, so UTF-8).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Builds the HTTP request of an operation from its pack (protocol, target prefix, HTTP
/// method and URI, member locations) and a request document, as botocore serializes it:
///
/// - `json` (awsJson1_0/1_1): `POST /`, `X-Amz-Target: <targetPrefix>.<Operation>`,
///   `Content-Type: application/x-amz-json-<jsonVersion>`, the whole document as the body.
/// - `rest-json` (restJson1): the pack's method and URI; `uri` members are taken out of the
///   body and percent-encoded into the path (RFC 3986 unreserved characters kept; a greedy
///   `{name+}` label keeps its `/`), `querystring` members go to the query, `header` members
///   to headers, and the rest is the JSON body (`{}` when the shape has body members but the
///   document sets none; no body when it has none), `Content-Type: application/json`.
///
/// The body is the document re-serialized compactly and deterministically: members in the
/// document's order, strings re-escaped from their decoded value, numbers exactly as written
/// (YAML numbers as their JSON literal), timestamps as integer epoch seconds (an ISO 8601
/// string is converted, a fraction dropped, as botocore does for JSON protocols). The same
/// document gives the same bytes whether it was written as JSON or YAML, pretty or minified.
public enum RequestBuilder {
    public static func build(pack: OperationPack, document: JSONDocument) throws(SendError) -> BuiltRequest {
        guard let root = document.root, document[root].kind == .object else {
            throw SendError(.request, "the request document is not a JSON object")
        }
        guard let input = pack.shapes[pack.input] else {
            throw SendError(.request, "\(pack.id): the pack has no input shape \(pack.input)")
        }
        let writer = BodyWriter(document: document, pack: pack)
        switch pack.service.protocol {
        case "json":
            guard let prefix = pack.service.targetPrefix, !prefix.isEmpty else {
                throw SendError(.request, "\(pack.id): the pack's service has no targetPrefix (needed for X-Amz-Target)")
            }
            let version = pack.service.jsonVersion ?? "1.0"
            var body = ""
            try writer.write(root, shape: input, skipLocated: false, to: &body)
            return BuiltRequest(
                method: pack.httpMethod.isEmpty ? "POST" : pack.httpMethod,
                path: "/",
                headers: [
                    SigV4Header("Content-Type", "application/x-amz-json-\(version)"),
                    SigV4Header("X-Amz-Target", "\(prefix).\(pack.id.name)"),
                ],
                body: Array(body.utf8))
        case "rest-json":
            return try buildRestJSON(pack: pack, document: document, root: root, input: input, writer: writer)
        default:
            throw SendError(.request, "\(pack.id): protocol \"\(pack.service.protocol)\" is not supported by reqlint send (json and rest-json are)")
        }
    }

    static func buildRestJSON(pack: OperationPack, document: JSONDocument, root: Int32, input: Shape,
                              writer: BodyWriter) throws(SendError) -> BuiltRequest {
        var values: [String: Int32] = [:]  // member name → value node
        for (key, value) in document.members(of: root) { values[document.string(key)] = value }

        // Split the template into the path and a literal query (`/path?flag` or `?a=b`).
        var template = pack.requestURI.isEmpty ? "/" : pack.requestURI
        var queryItems: [SigV4QueryItem] = []
        if let question = template.firstIndex(of: "?") {
            let literal = template[template.index(after: question)...]
            template = String(template[..<question])
            for piece in literal.split(separator: "&") where !piece.isEmpty {
                let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                queryItems.append(SigV4QueryItem(String(parts[0]), parts.count > 1 ? String(parts[1]) : ""))
            }
        }

        // Labels: {name} and {name+}.
        var path = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            path += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw SendError(.request, "\(pack.id): malformed request URI \(pack.requestURI)")
            }
            var label = String(rest[rest.index(after: open) ..< close])
            let greedy = label.hasSuffix("+")
            if greedy { label.removeLast() }
            guard let member = input.members.first(where: { $0.location == "uri" && ($0.locationName ?? $0.name) == label }) else {
                throw SendError(.request, "\(pack.id): the request URI label {\(label)} has no uri member in the pack")
            }
            guard let node = values[member.name] else {
                throw SendError(.request, "\(member.name) is required: it is the {\(label)} part of the request URI \(pack.requestURI)")
            }
            let text = try writer.scalarText(node, shapeName: member.shape, member: member.name)
            guard !text.isEmpty else {
                throw SendError(.request, "\(member.name) must not be empty: it is the {\(label)} part of the request URI \(pack.requestURI)")
            }
            if greedy {
                path += text.split(separator: "/", omittingEmptySubsequences: false)
                    .map { SigV4Request.encodePathSegment(String($0)) }.joined(separator: "/")
            } else {
                path += SigV4Request.encodePathSegment(text)
            }
            rest = rest[rest.index(after: close)...]
        }
        path += rest
        if !path.hasPrefix("/") { path = "/" + path }

        var headers: [SigV4Header] = []
        for member in input.members {
            guard let location = member.location, let node = values[member.name] else { continue }
            let name = member.locationName ?? member.name
            switch location {
            case "uri":
                continue
            case "querystring":
                let shape = pack.shapes[member.shape]
                switch document[node].kind {
                case .array:
                    for element in document.elements(of: node) {
                        queryItems.append(SigV4QueryItem(name, try writer.scalarText(element, shapeName: shape?.listMember, member: member.name)))
                    }
                case .object:
                    for (key, value) in document.members(of: node) {
                        queryItems.append(SigV4QueryItem(document.string(key), try writer.scalarText(value, shapeName: shape?.mapValue, member: member.name)))
                    }
                default:
                    queryItems.append(SigV4QueryItem(name, try writer.scalarText(node, shapeName: member.shape, member: member.name)))
                }
            case "header":
                let shape = pack.shapes[member.shape]
                if document[node].kind == .array {
                    let items = try document.elements(of: node).map { (element: Int32) throws(SendError) -> String in
                        try writer.scalarText(element, shapeName: shape?.listMember, member: member.name)
                    }
                    headers.append(SigV4Header(name, items.joined(separator: ",")))
                } else {
                    headers.append(SigV4Header(name, try writer.scalarText(node, shapeName: member.shape, member: member.name, header: true)))
                }
            case "headers":
                guard document[node].kind == .object else { continue }
                for (key, value) in document.members(of: node) {
                    headers.append(SigV4Header(name + document.string(key), try writer.scalarText(value, shapeName: pack.shapes[member.shape]?.mapValue, member: member.name)))
                }
            default:
                continue
            }
        }

        let bodyMembers = input.members.filter { $0.location == nil }
        var body = ""
        let setMembers = document.members(of: root).filter { entry in
            let name = document.string(entry.key)
            return !input.members.contains(where: { $0.name == name && $0.location != nil })
        }
        if !setMembers.isEmpty {
            try writer.write(root, shape: input, skipLocated: true, to: &body)
        } else if !bodyMembers.isEmpty {
            body = "{}"
        }
        if !body.isEmpty { headers.insert(SigV4Header("Content-Type", "application/json"), at: 0) }
        return BuiltRequest(method: pack.httpMethod.isEmpty ? "POST" : pack.httpMethod, path: path,
                            queryItems: queryItems, headers: headers, body: Array(body.utf8))
    }
}

/// Writes a document's values as compact JSON following the operation's shapes.
struct BodyWriter {
    let document: JSONDocument
    let pack: OperationPack

    /// Writes `node`, whose shape is `shape` (nil: not in the model; written as it is).
    func write(_ node: Int32, shape: Shape?, skipLocated: Bool = false, to out: inout String) throws(SendError) {
        let value = document[node]
        switch value.kind {
        case .object:
            out.append("{")
            var first = true
            for (key, child) in document.members(of: node) {
                let name = document.string(key)
                var childShape: Shape?
                if let shape {
                    if shape.kind == .structure {
                        let member = shape.members.first(where: { $0.name == name })
                        if skipLocated, member?.location != nil { continue }
                        childShape = member.flatMap { pack.shapes[$0.shape] }
                    } else if shape.kind == .map {
                        childShape = shape.mapValue.flatMap { pack.shapes[$0] }
                    }
                }
                if !first { out.append(",") }
                first = false
                JSONValue.writeString(name, to: &out)
                out.append(":")
                try write(child, shape: childShape, to: &out)
            }
            out.append("}")
        case .array:
            out.append("[")
            let elementShape = shape?.kind == .list ? shape?.listMember.flatMap { pack.shapes[$0] } : nil
            for (index, element) in document.elements(of: node).enumerated() {
                if index > 0 { out.append(",") }
                try write(element, shape: elementShape, to: &out)
            }
            out.append("]")
        case .string:
            let text = document.string(node)
            if shape?.kind == .timestamp {
                guard let seconds = ISOTimestamp.epochSeconds(text) else {
                    throw SendError(.request, "\"\(text)\" is not an ISO 8601 date-time (\(shape!.name))")
                }
                out.append(String(seconds))
            } else {
                JSONValue.writeString(text, to: &out)
            }
        case .number:
            let literal = document.literal(node)
            if shape?.kind == .timestamp {
                out.append(String(ISOTimestamp.truncatedSeconds(literal)))
            } else {
                out.append(literal)
            }
        case .true: out.append("true")
        case .false: out.append("false")
        case .null: out.append("null")
        }
    }

    /// The text of a scalar for a URI label, query parameter or header: strings as they are,
    /// numbers as written, booleans `true`/`false`, timestamps ISO 8601 in URIs and queries
    /// and an HTTP date in headers (restJson1's defaults).
    func scalarText(_ node: Int32, shapeName: String?, member: String, header: Bool = false) throws(SendError) -> String {
        let shape = shapeName.flatMap { pack.shapes[$0] }
        switch document[node].kind {
        case .string:
            let text = document.string(node)
            if shape?.kind == .timestamp, let seconds = ISOTimestamp.epochSeconds(text) {
                return header ? ISOTimestamp.httpDate(seconds) : ISOTimestamp.iso8601(seconds)
            }
            return text
        case .number:
            let literal = document.literal(node)
            if shape?.kind == .timestamp {
                let seconds = ISOTimestamp.truncatedSeconds(literal)
                return header ? ISOTimestamp.httpDate(seconds) : ISOTimestamp.iso8601(seconds)
            }
            return literal
        case .true: return "true"
        case .false: return "false"
        default:
            throw SendError(.request, "\(member) must be a string, number or boolean to go into the URI, query or a header")
        }
    }
}

/// Timestamp conversions for the wire, from the ISO 8601 forms the linter accepts.
enum ISOTimestamp {
    /// Whole seconds since 1970 (the fraction dropped), or nil when `text` is not such a
    /// date-time: the linter's own reading (``Timestamp``), so the linter and the sender can
    /// never disagree about a timestamp.
    static func epochSeconds(_ text: String) -> Int64? {
        Timestamp.epochSeconds(text).map { Int64($0.rounded(.down)) }
    }

    /// A JSON number literal as whole epoch seconds, rounded down (`1780000000.75` → 1780000000).
    static func truncatedSeconds(_ literal: String) -> Int64 {
        if let whole = Int64(literal) { return whole }
        guard let value = Double(literal), value.isFinite else { return 0 }
        return Int64(value.rounded(.down))
    }

    /// `2026-12-01T10:00:00Z`.
    static func iso8601(_ seconds: Int64) -> String {
        guard (SigV4Timestamp.minimumSeconds ... SigV4Timestamp.maximumSeconds).contains(seconds) else { return String(seconds) }
        let c = SigV4Timestamp(secondsSince1970: seconds).components
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))Z"
    }

    /// `Tue, 01 Dec 2026 10:00:00 GMT` (RFC 7231 IMF-fixdate).
    static func httpDate(_ seconds: Int64) -> String {
        guard (SigV4Timestamp.minimumSeconds ... SigV4Timestamp.maximumSeconds).contains(seconds) else { return String(seconds) }
        let c = SigV4Timestamp(secondsSince1970: seconds).components
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((days % 7) + 7) % 7)]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][c.month - 1]
        return "\(weekday), \(pad(c.day)) \(month) \(pad(c.year, 4)) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second)) GMT"
    }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
