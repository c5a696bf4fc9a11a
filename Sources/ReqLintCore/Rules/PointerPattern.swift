/// A JSON pointer whose tokens may be `*`, matching every element of an array or every
/// member of an object: `/InputConfig/TrafficPattern/Phases/*/DurationInSeconds`.
public struct PointerPattern: Hashable, Sendable, CustomStringConvertible {
    public var tokens: [String] { didSet { cachedHash = Self.hash(tokens) } }
    /// The tokens' hash, computed once: patterns key the per-document match cache, where
    /// hashing every token at every lookup was a tenth of a lint.
    private var cachedHash: Int

    /// Parses the RFC 6901 form; `*` tokens are wildcards.
    public init?(_ text: String) {
        guard let pointer = JSONPointer(text) else { return nil }
        self.init(tokens: pointer.tokens)
    }

    public init(tokens: [String]) {
        self.tokens = tokens
        cachedHash = Self.hash(tokens)
    }

    private static func hash(_ tokens: [String]) -> Int {
        var hasher = Hasher()
        hasher.combine(tokens)
        return hasher.finalize()
    }

    public static func == (lhs: PointerPattern, rhs: PointerPattern) -> Bool {
        lhs.cachedHash == rhs.cachedHash && lhs.tokens == rhs.tokens
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(cachedHash) }

    public var description: String { JSONPointer(tokens: tokens).description }

    /// The number of wildcards.
    public var wildcardCount: Int { tokens.filter { $0 == "*" }.count }

    /// The pattern with its first wildcards replaced by `bindings`, in order.
    public func binding(_ bindings: [String]) -> PointerPattern {
        var remaining = bindings[...]
        return PointerPattern(tokens: tokens.map { token in
            if token == "*", let value = remaining.popFirst() { return value }
            return token
        })
    }

    /// A value the pattern matched.
    public struct Match: Sendable {
        /// The value's node.
        public var node: Int32
        /// The key node, when the value is an object member.
        public var key: Int32?
        /// The concrete pointer.
        public var pointer: JSONPointer
        /// What each wildcard matched, in order.
        public var bindings: [String]
    }

    /// Every value of `document` the pattern matches, in document order. Of a repeated member
    /// name only the last value counts, as in the shape checks.
    public func matches(in document: JSONDocument) -> [Match] {
        guard let root = document.root else { return [] }
        var current = [Match(node: root, key: nil, pointer: .root, bindings: [])]
        for token in tokens {
            var next: [Match] = []
            for match in current {
                let node = document[match.node]
                switch node.kind {
                case .object where token != "*":
                    // One name: the last member with it, found without a dictionary and, when
                    // the names are ASCII, without building a String per member.
                    var found: (key: Int32, value: Int32)?
                    for (key, value) in document.members(of: match.node) where document.name(key, equals: token) {
                        found = (key, value)
                    }
                    if let found {
                        next.append(Match(node: found.value, key: found.key, pointer: match.pointer.appending(document.string(found.key)),
                                          bindings: match.bindings))
                    }
                case .object:
                    var last: [String: (Int32, Int32)] = [:]
                    var order: [String] = []
                    for (key, value) in document.members(of: match.node) {
                        let name = document.string(key)
                        guard token == "*" || name == token else { continue }
                        if last[name] == nil { order.append(name) }
                        last[name] = (key, value)
                    }
                    for name in order {
                        let (key, value) = last[name]!
                        next.append(Match(node: value, key: key, pointer: match.pointer.appending(name),
                                          bindings: token == "*" ? match.bindings + [name] : match.bindings))
                    }
                case .array:
                    for (i, element) in document.elements(of: match.node).enumerated() where token == "*" || token == String(i) {
                        next.append(Match(node: element, key: nil, pointer: match.pointer.appending(i),
                                          bindings: token == "*" ? match.bindings + [String(i)] : match.bindings))
                    }
                default:
                    break
                }
            }
            current = next
        }
        return current
    }
}

extension JSONDocument {
    /// Whether key node `key` is named `name` as Swift compares strings (canonical
    /// equivalence), comparing bytes when both are ASCII (where that is the same thing).
    func name(_ key: Int32, equals name: String) -> Bool {
        let node = self[key]
        if scalars == nil, !node.flag, name.utf8.allSatisfy({ $0 < 0x80 }),
           !bytes[Int(node.start) + 1 ..< Int(node.end) - 1].contains(where: { $0 >= 0x80 }) {
            return string(key, equals: name)
        }
        return string(key) == name
    }
}
