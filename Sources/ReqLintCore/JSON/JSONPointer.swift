/// An RFC 6901 JSON Pointer, such as `/InputConfig/EndpointConfigurations/0/InstanceType`.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The reference tokens, unescaped.
    public var tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    /// Creates a pointer from unescaped tokens.
    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses the RFC 6901 string form (`""` or `/a/b~1c`); `nil` when malformed.
    public init?(_ text: String) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { return nil }
        var result: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let c = iterator.next() {
                if c == "~" {
                    switch iterator.next() {
                    case "0": token.append("~")
                    case "1": token.append("/")
                    default: return nil
                    }
                } else {
                    token.append(c)
                }
            }
            result.append(token)
        }
        tokens = result
    }

    /// The pointer one level down.
    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens: tokens + [token]) }

    /// The pointer one level down, at an array index.
    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

    /// The RFC 6901 string form, with `~` written `~0` and `/` written `~1`.
    public var description: String {
        var text = ""
        for token in tokens {
            text.append("/")
            if token.contains("~") || token.contains("/") {
                text.append(token.replacingAll("~", with: "~0").replacingAll("/", with: "~1"))
            } else {
                text.append(token)
            }
        }
        return text
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
