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
        /// What each wildcard matched, in order: a member's key node, or an element index `i`
        /// as `-(i + 1)`. Names are decoded only when a message needs them.
        public var bindings: [Int32]

        /// The concrete pointer (``JSONDocument/parents()`` of the matched document).
        public func pointer(in document: JSONDocument, parents: [Int32]) -> JSONPointer {
            document.pointer(to: node, parents: parents)
        }
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
        var current = [Match(node: root, key: nil, bindings: [])]
        var wildcard = 0
        for step in steps {
            var bound: Int32?
            if step.isWildcard {
                if wildcard < bindings.count { bound = bindings[wildcard] }
                wildcard += 1
            }
            var next: [Match] = []
            for match in current {
                let node = document[match.node]
                switch node.kind {
                case .object:
                    document.appendMembers(of: match.node, step: step, bound: bound, to: match, into: &next)
                case .array:
                    let elements = document.elements(of: match.node)
                    if let bound, bound < 0 {
                        let i = Int(-(bound + 1))
                        if i < elements.count { next.append(Match(node: elements[elements.startIndex + i], key: nil, bindings: match.bindings)) }
                    } else if bound == nil, step.isWildcard {
                        for (i, element) in elements.enumerated() {
                            next.append(Match(node: element, key: nil, bindings: match.bindings + [Int32(-(i + 1))]))
                        }
                    } else if bound == nil, let i = step.index, i < elements.count {
                        next.append(Match(node: elements[elements.startIndex + i], key: nil, bindings: match.bindings))
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
    /// The members of object `object` that `step` names (or, for a wildcard bound to a key
    /// node, the member named like that key), each name once with its last value, appended to
    /// `matches` in source order.
    fileprivate func appendMembers(of object: Int32, step: PointerPattern.Step, bound: Int32?, to match: PointerPattern.Match,
                                   into matches: inout [PointerPattern.Match]) {
        let node = self[object]
        let first = Int(node.firstChild)
        let end = first + Int(node.childCount)
        if step.isWildcard, bound == nil {
            for entry in distinctMembers(of: object) {
                matches.append(PointerPattern.Match(node: entry.value, key: entry.key, bindings: match.bindings + [entry.key]))
            }
            return
        }
        if let bound, bound < 0 { return }  // an element index does not name a member
        var found: (key: Int32, value: Int32)?
        var position = first
        while position < end {
            let key = children[position]
            let same = if let bound { sameName(key, bound) } else { step.name.withUnsafeBufferPointer { name in withStringBytes(key) { $0.elementsEqual(name) } } }
            if same { found = (key, children[position + 1]) }
            position += 2
        }
        if let found { matches.append(PointerPattern.Match(node: found.value, key: found.key, bindings: match.bindings)) }
    }

    /// Whether two key nodes have the same decoded name, code point by code point.
    func sameName(_ a: Int32, _ b: Int32) -> Bool {
        withStringBytes(a) { x in withStringBytes(b) { y in x.elementsEqual(y) } }
    }
}
