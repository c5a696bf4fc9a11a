import ReqLintCore

/// JSON-RPC 2.0 messages, read and written with reqlint's own JSON parser and writer.
///
/// Why not Foundation's JSONSerialization: nothing else in reqlint uses Foundation (the core
/// is deliberately free of it), and the own parser is the better tool here anyway. It is
/// strict RFC 8259 with a precise message for a ParseError; it keeps integers apart from
/// doubles (request ids come back exactly as sent, `1` not `1.0`), where JSONSerialization on
/// Linux hands back NSNumbers whose Bool/Int/Double identity is guesswork; and it decodes the
/// document text inside `didOpen`/`didChange` with the same code that later lints it.
public enum JSONRPC {
    /// The error codes the server answers with.
    public enum ErrorCode: Int64, Sendable {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case internalError = -32603
        case serverNotInitialized = -32002
        case requestFailed = -32803
    }

    /// A message from the client.
    public enum Message: Sendable, Equatable {
        case request(id: JSONValue, method: String, params: JSONValue?)
        case notification(method: String, params: JSONValue?)
        /// A response to a request of the server's (the server sends none, so these are ignored).
        case response(id: JSONValue)
        /// Not a JSON-RPC message: answered with `code`, and with `id` when one could be read.
        case invalid(id: JSONValue?, code: ErrorCode, message: String)
    }

    /// Containers nested deeper than this are refused: ``JSONValue`` is recursive, and a
    /// message is untrusted input. LSP messages nest a handful of levels.
    public static let maximumDepth = 256

    /// Decodes one message body.
    public static func decode(_ body: [UInt8]) -> Message {
        let document = JSONParser.parse(body)
        guard let root = document.root else {
            return .invalid(id: nil, code: .parseError, message: "invalid JSON: \(document.syntaxError?.message ?? "empty message")")
        }
        if depth(document) > maximumDepth {
            return .invalid(id: nil, code: .invalidRequest, message: "message nested deeper than \(maximumDepth) levels")
        }
        let value = document.value(at: root)
        guard case let .object(members) = value else {
            return .invalid(id: nil, code: .invalidRequest, message: "a message must be a JSON object (batches are not used by LSP)")
        }
        let id = value["id"]
        var validID: JSONValue?
        switch id {
        case .integer?, .string?: validID = id
        case .double(let d)? where d == d.rounded() && abs(d) < 9e15: validID = .integer(Int64(d))
        case nil, .null?: validID = nil
        default:
            return .invalid(id: nil, code: .invalidRequest, message: "\"id\" must be a number or a string")
        }
        guard value["jsonrpc"] == .string("2.0") else {
            return .invalid(id: validID, code: .invalidRequest, message: "\"jsonrpc\" must be \"2.0\"")
        }
        // `"params": null` is read as absent (some clients send it with shutdown and exit).
        let params = value["params"] == .null ? nil : value["params"]
        if let params {
            switch params {
            case .object, .array: break
            default: return .invalid(id: validID, code: .invalidRequest, message: "\"params\" must be an object or an array")
            }
        }
        guard let methodValue = value["method"] else {
            if let validID, members.contains(where: { $0.0 == "result" || $0.0 == "error" }) { return .response(id: validID) }
            return .invalid(id: validID, code: .invalidRequest, message: "a request needs a \"method\"")
        }
        guard case let .string(method) = methodValue else {
            return .invalid(id: validID, code: .invalidRequest, message: "\"method\" must be a string")
        }
        if let validID { return .request(id: validID, method: method, params: params) }
        if id == .null { return .invalid(id: nil, code: .invalidRequest, message: "a request id must not be null") }
        return .notification(method: method, params: params)
    }

    /// The deepest nesting of containers in `document`, without recursion (a parent node
    /// always comes before its children).
    static func depth(_ document: JSONDocument) -> Int {
        var depths = [Int](repeating: 0, count: document.nodes.count)
        var deepest = 0
        for index in document.nodes.indices {
            let node = document.nodes[index]
            guard node.kind == .object || node.kind == .array else { continue }
            let d = depths[index] + 1
            deepest = max(deepest, d)
            for child in document.elements(of: Int32(index)) { depths[Int(child)] = d }
        }
        return deepest
    }

    /// A response with a result.
    public static func response(id: JSONValue, result: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)])
    }

    /// A response with an error (`id` is `null` when the request's id could not be read).
    public static func error(id: JSONValue?, code: ErrorCode, message: String) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id ?? .null),
                 ("error", .object([("code", .integer(code.rawValue)), ("message", .string(message))]))])
    }

    /// A notification.
    public static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
    }

    /// The framed bytes of a message.
    public static func encode(_ message: JSONValue) -> [UInt8] {
        MessageFramer.frame(Array(message.serialized().utf8))
    }
}
