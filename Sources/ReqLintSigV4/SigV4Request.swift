/// One HTTP header field as it is (or will be) sent.
///
/// `name` keeps its spelling (`X-Amz-Target`); names are compared case-insensitively.
/// `value` is kept exactly as given, including surrounding whitespace and folded
/// continuation lines (`"value1\n  value2"`); only the canonical request trims it.
public struct SigV4Header: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public init(name: String, value: String) {
        self.init(name, value)
    }
}

/// One query parameter, *not* percent-encoded: `name` and `value` are the plain text
/// (`"a b"`, `"ሴ"`), and the signer encodes them with the SigV4 rules (RFC 3986 unreserved
/// characters `A-Z a-z 0-9 - . _ ~` stay, every other UTF-8 byte becomes `%XX`, upper-case
/// hex). A parameter written without `=` has the empty value.
public struct SigV4QueryItem: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String = "") {
        self.name = name
        self.value = value
    }

    public init(name: String, value: String) {
        self.init(name, value)
    }
}

/// An HTTP request to sign, as plain values: no URL type, no Foundation.
///
/// ### The path
/// `path` is the path **exactly as it goes on the request line** (the wire form), so a
/// space in an object key is written `%20` here. The signer never encodes it to build the
/// request; it only derives the canonical URI from it:
/// - non-S3 services (``SigV4Options/doubleEncode`` on) encode every byte of this wire path
///   except unreserved characters and `/` once more, so `%20` becomes `%2520` in the
///   canonical request (what AWS calls double encoding: the path was encoded once to be
///   sent, and is encoded again for signing);
/// - S3 (`doubleEncode` off) keeps valid `%XX` escapes (hex made upper-case) and encodes only
///   bytes that could not be sent as they are.
///
/// Characters that are not valid on the wire (a raw space, non-ASCII letters) are accepted
/// and treated as the bytes they are, which is what the AWS test suite expects; callers that
/// start from plain path segments should encode them with ``SigV4Request/encodePathSegment(_:)``.
///
/// ### The query
/// `queryItems` are plain (decoded) names and values, in the order they will be sent;
/// ``target`` encodes them. ``init(method:target:headers:body:)`` decodes a raw query string.
///
/// ### Headers and body
/// `headers` keep order and duplicates (a repeated name is signed as one line with the
/// values joined by commas, in order). The `Host` header is required for signing. `body` is
/// the exact payload bytes; its SHA-256 is the payload hash.
public struct SigV4Request: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The HTTP method, as sent (`GET`, `POST`). Not upper-cased by the signer.
    public var method: String
    /// The path in wire form (see the type's documentation). Empty means `/`.
    public var path: String
    /// Plain (not percent-encoded) query parameters, in sending order.
    public var queryItems: [SigV4QueryItem]
    /// Header fields in sending order; duplicates allowed.
    public var headers: [SigV4Header]
    /// The payload.
    public var body: [UInt8]

    public init(
        method: String,
        path: String,
        queryItems: [SigV4QueryItem] = [],
        headers: [SigV4Header] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
    }

    /// Creates a request from a request target as written on a request line
    /// (`/path?name=value&…`).
    ///
    /// Everything before the first `?` is the wire path. The rest is split on `&` (empty
    /// pieces are skipped) and each piece at its first `=`; names and values are
    /// percent-decoded (`%XX` escapes become bytes; a `%` that does not start a valid escape
    /// stays literal; `+` stays `+`, it is not a space). Decoded bytes that are not valid
    /// UTF-8 are replaced with U+FFFD.
    public init(method: String, target: String, headers: [SigV4Header] = [], body: [UInt8] = []) {
        let path: Substring
        var items: [SigV4QueryItem] = []
        if let question = target.firstIndex(of: "?") {
            path = target[..<question]
            let query = target[target.index(after: question)...]
            for piece in query.split(separator: "&", omittingEmptySubsequences: true) {
                if let equals = piece.firstIndex(of: "=") {
                    items.append(SigV4QueryItem(
                        percentDecode(piece[..<equals]),
                        percentDecode(piece[piece.index(after: equals)...])
                    ))
                } else {
                    items.append(SigV4QueryItem(percentDecode(piece), ""))
                }
            }
        } else {
            path = target[...]
        }
        self.init(method: method, path: String(path), queryItems: items, headers: headers, body: body)
    }

    /// The request target for the request line: ``path`` (or `/` when empty), then, when
    /// there are query items, `?` and the items in their order, each name and value
    /// percent-encoded with the SigV4 rules and joined as `name=value` with `&`.
    public var target: String {
        let base = path.isEmpty ? "/" : path
        guard !queryItems.isEmpty else { return base }
        let query = queryItems
            .map { percentEncode(Array($0.name.utf8), keepSlash: false) + "=" + percentEncode(Array($0.value.utf8), keepSlash: false) }
            .joined(separator: "&")
        return base + "?" + query
    }

    /// The values of every header named `name` (compared case-insensitively), in order.
    public func values(forHeader name: String) -> [String] {
        let wanted = asciiLowercased(name)
        return headers.filter { asciiLowercased($0.name) == wanted }.map(\.value)
    }

    /// Percent-encodes one plain path segment for use in ``path``: every UTF-8 byte except
    /// the unreserved characters `A-Z a-z 0-9 - . _ ~` becomes `%XX` (a `/` too, so the
    /// result is a single segment).
    public static func encodePathSegment(_ segment: String) -> String {
        percentEncode(Array(segment.utf8), keepSlash: false)
    }

    /// `METHOD target (N headers, M body bytes)` followed by the headers, one per line, with
    /// the value of `X-Amz-Security-Token` replaced by `<redacted>`.
    public var description: String {
        var text = "\(method) \(target) (\(headers.count) headers, \(body.count) body bytes)"
        for header in headers {
            text += "\n\(header.name):\(redactedValue(of: header))"
        }
        return text
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror whose headers have the session token masked.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "method": method,
            "path": path,
            "queryItems": queryItems,
            "headers": headers.map { SigV4Header($0.name, redactedValue(of: $0)) },
            "body": "\(body.count) bytes",
        ], displayStyle: .struct)
    }

    private func redactedValue(of header: SigV4Header) -> String {
        asciiLowercased(header.name) == "x-amz-security-token" ? redactedPlaceholder : header.value
    }
}
