/// A JSON pointer whose tokens may be `*`, matching every element of an array or every
/// member of an object: `/InputConfig/TrafficPattern/Phases/*/DurationInSeconds`.
public struct PointerPattern: Hashable, Sendable, CustomStringConvertible {
    public var tokens: [String] {
        didSet {
            cachedHash = Self.hash(tokens)
            steps = Self.steps(tokens)
        }
    }
    /// The tokens' hash, computed once: patterns key the per-document match cache, where
    /// hashing every token at every lookup was a tenth of a lint.
    private var cachedHash: Int
    /// The tokens ready for matching: UTF-8 bytes, wildcard, array index.
    private(set) var steps: [Step]

    /// One token ready for matching.
    struct Step: Sendable {
        /// The token's UTF-8 bytes (a member name is compared with them code point by code point).
        var name: [UInt8]
        var isWildcard: Bool
        /// The element index the token names, when it is one as written (`"2"`, not `"02"`).
        var index: Int?
    }

    /// Parses the RFC 6901 form; `*` tokens are wildcards.
    public init?(_ text: String) {
        guard let pointer = JSONPointer(text) else { return nil }
        self.init(tokens: pointer.tokens)
    }

    public init(tokens: [String]) {
        self.tokens = tokens
        cachedHash = Self.hash(tokens)
        steps = Self.steps(tokens)
    }

    private static func steps(_ tokens: [String]) -> [Step] {
        tokens.map { token in
            Step(name: Array(token.utf8), isWildcard: token == "*", index: Int(token).flatMap { String($0) == token && $0 >= 0 ? $0 : nil })
        }
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

    /// A value the pattern matched.
    public struct Match: Sendable {
        /// The value's node.
        public var node: Int32
        /// The key node, when the value is an object member.
        public var key: Int32?
        /// What each wildcard matched, in order: a member's key node, or an element index `i`
        /// as `-(i + 1)`. Names are decoded only when a message needs them.
        public var bindings: [Int32]
    }

    /// Every value of `document` the pattern matches, in document order. Of a repeated member
    /// name only the last value counts, as in the shape checks.
    public func matches(in document: JSONDocument) -> [Match] {
        matches(in: document, bindings: [])
    }

    /// The values the pattern matches once its first wildcards take the values `bindings`
    /// (from a ``Match`` of another pattern of the same document) instead of matching every
    /// member or element.
    public func matches(in document: JSONDocument, bindings: [Int32]) -> [Match] {
        guard let root = document.root else { return [] }
        var found: [Match] = []
        collect(document, node: root, key: nil, step: 0, wildcard: 0, given: bindings, bindings: [], into: &found)
        return found
    }

    /// Matches `steps[step...]` from `node`, appending each match to `found`. Recursion is as
    /// deep as the pattern is long, whatever the document.
    private func collect(_ document: JSONDocument, node: Int32, key: Int32?, step index: Int, wildcard: Int, given: [Int32],
                         bindings: [Int32], into found: inout [Match]) {
        guard index < steps.count else {
            found.append(Match(node: node, key: key, bindings: bindings))
            return
        }
        let step = steps[index]
        let bound: Int32? = step.isWildcard && wildcard < given.count ? given[wildcard] : nil
        let nextWildcard = step.isWildcard ? wildcard + 1 : wildcard
        switch document[node].kind {
        case .object:
            if step.isWildcard, bound == nil {
                for entry in document.distinctMembers(of: node) {
                    collect(document, node: entry.value, key: entry.key, step: index + 1, wildcard: nextWildcard, given: given,
                            bindings: bindings + [entry.key], into: &found)
                }
                return
            }
            if let bound, bound < 0 { return }  // an element index does not name a member
            guard let member = document.lastMember(of: node, named: step.name, orLike: bound) else { return }
            collect(document, node: member.value, key: member.key, step: index + 1, wildcard: nextWildcard, given: given,
                    bindings: bindings, into: &found)
        case .array:
            let elements = document.elements(of: node)
            if step.isWildcard, bound == nil {
                for (i, element) in elements.enumerated() {
                    collect(document, node: element, key: nil, step: index + 1, wildcard: nextWildcard, given: given,
                            bindings: bindings + [Int32(-(i + 1))], into: &found)
                }
                return
            }
            let i: Int
            if let bound {
                guard bound < 0 else { return }  // a member name does not name an element
                i = Int(-(bound + 1))
            } else {
                guard let index = step.index else { return }
                i = index
            }
            guard i < elements.count else { return }
            collect(document, node: elements[elements.startIndex + i], key: nil, step: index + 1, wildcard: nextWildcard,
                    given: given, bindings: bindings, into: &found)
        default:
            return
        }
    }
}
