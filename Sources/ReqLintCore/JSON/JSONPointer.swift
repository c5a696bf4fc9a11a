/// An RFC 6901 JSON Pointer, such as `/InputConfig/EndpointConfigurations/0/InstanceType`.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The reference tokens, unescaped.
    public var tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    /// Creates a pointer from unescaped tokens.
    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses the RFC 6901 string form (`""` or `/a/b~1c`); `nil` when malformed.
    ///
    /// Works on Unicode scalars, not `Character`s: a combining mark after `/` or `~` (which
    /// Swift would fold into one `Character` with it) must not hide the separator or escape.
    public init?(_ text: String) {
        if text.isEmpty {
            tokens = []
            return
        }
        var scalars = text.unicodeScalars.makeIterator()
        guard scalars.next() == "/" else { return nil }
        var result: [String] = []
        var token = String.UnicodeScalarView()
        while let c = scalars.next() {
            switch c {
            case "/":
                result.append(String(token))
                token = String.UnicodeScalarView()
            case "~":
                switch scalars.next() {
                case "0"?: token.append("~")
                case "1"?: token.append("/")
                default: return nil
                }
            default:
                token.append(c)
            }
        }
        result.append(String(token))
        tokens = result
    }

    /// The pointer one level down.
    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens: tokens + [token]) }

    /// The pointer one level down, at an array index.
    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

    /// The RFC 6901 string form, with `~` written `~0` and `/` written `~1` (scalar by scalar,
    /// so a `~` or `/` followed by a combining mark is escaped too).
    public var description: String {
        // Most tokens need no escape: join them (scalar appends cost ~8,000 instructions a pointer).
        if !tokens.contains(where: { $0.utf8.contains { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") } }) {
            return tokens.isEmpty ? "" : "/" + tokens.joined(separator: "/")
        }
        var text = String.UnicodeScalarView()
        for token in tokens {
            text.append("/")
            for scalar in token.unicodeScalars {
                switch scalar {
                case "~": text.append(contentsOf: "~0".unicodeScalars)
                case "/": text.append(contentsOf: "~1".unicodeScalars)
                default: text.append(scalar)
                }
            }
        }
        return String(text)
    }

    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool { lhs.description < rhs.description }
}

extension String {
    /// `self` with every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(count)
        for c in self {
            if c == target { result.append(replacement) } else { result.append(c) }
        }
        return result
    }
}
