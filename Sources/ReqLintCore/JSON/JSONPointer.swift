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
    /// Works on UTF-8 bytes, not `Character`s: a combining mark after `/` or `~` (which
    /// Swift would fold into one `Character` with it) must not hide the separator or escape.
    /// (`/` and `~` are ASCII, so no multi-byte character is split; walking Unicode scalars
    /// and appending them one by one cost 12,000 instructions a pointer, and every start
    /// reads the pointers of the rules it checks.)
    public init?(_ text: String) {
        let utf8 = Array(text.utf8)
        if utf8.isEmpty {
            tokens = []
            return
        }
        guard utf8[0] == UInt8(ascii: "/") else { return nil }
        var result: [String] = []
        var token: [UInt8] = []
        var index = 1
        while index < utf8.count {
            let byte = utf8[index]
            index += 1
            switch byte {
            case UInt8(ascii: "/"):
                result.append(String(decoding: token, as: UTF8.self))
                token.removeAll(keepingCapacity: true)
            case UInt8(ascii: "~"):
                guard index < utf8.count else { return nil }
                switch utf8[index] {
                case UInt8(ascii: "0"): token.append(UInt8(ascii: "~"))
                case UInt8(ascii: "1"): token.append(UInt8(ascii: "/"))
                default: return nil
                }
                index += 1
            default:
                token.append(byte)
            }
        }
        result.append(String(decoding: token, as: UTF8.self))
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
