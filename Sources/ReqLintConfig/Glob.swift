/// A path glob as `.reqlint.yaml` and `.gitignore` write them: `*` matches within one path
/// segment, `**` any number of segments, `?` one character, `[abc]` one of a set. A glob
/// without a slash matches the file name at any depth (`*.json`); with one, it matches the
/// path relative to the configuration's folder (`requests/**/*.json`). A trailing `/`
/// matches a folder and everything in it.
public struct Glob: Hashable, Sendable, CustomStringConvertible {
    /// The glob as written.
    public let pattern: String
    private let segments: [Segment]
    private let anyDepth: Bool
    private let directoryOnly: Bool

    /// One `/`-separated part of the glob: `**`, or a name pattern.
    private enum Segment: Hashable, Sendable {
        case anyFolders
        case name([Token])
    }

    /// One element of a name pattern.
    private enum Token: Hashable, Sendable {
        /// `*`: any run of characters within the name.
        case star
        /// `?`: one character.
        case one
        /// `[...]`: one character of a set of characters and ranges (`!` or `^` negates).
        case set(negated: Bool, ranges: [ClosedRange<UInt32>])
        /// A character that must be itself (after `\`, any character).
        case literal(Unicode.Scalar)
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        var text = pattern
        directoryOnly = text.hasSuffix("/")
        while text.hasSuffix("/") { text.removeLast() }
        let anchored = text.hasPrefix("/")
        while text.hasPrefix("/") { text.removeFirst() }
        if text.hasPrefix("./") { text.removeFirst(2) }
        anyDepth = !anchored && !text.contains("/")
        segments = text.split(separator: "/", omittingEmptySubsequences: true).map { part in
            part == "**" ? .anyFolders : .name(Self.tokens(part))
        }
    }

    public var description: String { pattern }

    /// Whether `path` (relative, `/`-separated) matches. A folder glob (trailing `/`) matches
    /// only a path that `isDirectory`; see ``matchesAncestor(of:)`` for what lies inside.
    public func matches(_ path: String, isDirectory: Bool = false) -> Bool {
        if directoryOnly && !isDirectory { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.unicodeScalars) }
        guard let last = parts.last else { return false }
        if anyDepth {
            guard case let .name(tokens)? = segments.first else { return segments.first == .anyFolders }
            return Self.match(tokens, last)
        }
        return match(parts)
    }

    /// Whether `path` or a folder that contains it matches (how excludes and .gitignore apply).
    public func covers(_ path: String) -> Bool { matches(path) || matchesAncestor(of: path) }

    /// Whether a file inside folder `path` is matched because the folder is (for excludes).
    public func matchesAncestor(of path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for length in stride(from: parts.count - 1, through: 1, by: -1) {
            if matches(parts[0 ..< length].joined(separator: "/"), isDirectory: true) { return true }
        }
        return false
    }

    // Matching is written here, not taken from fnmatch(3) or a regex: fnmatch backtracks
    // exponentially on patterns like `*a*a*a*a*b` and has no `**`. Both levels use the
    // wildcard algorithm git's wildmatch and most shells use, which remembers only the last
    // star: a star never needs to be revisited once a later star matched, so the work is at
    // most (pattern length × text length) steps, with no recursion, whatever the pattern.

    /// The path's names against the glob's segments, `**` matching any number of names.
    private func match(_ parts: [[Unicode.Scalar]]) -> Bool {
        Self.wildcard(segments, parts, isStar: { $0 == .anyFolders }) { segment, part in
            if case let .name(tokens) = segment { return Self.match(tokens, part) }
            return false
        }
    }

    /// One name against a name pattern.
    private static func match(_ tokens: [Token], _ text: [Unicode.Scalar]) -> Bool {
        wildcard(tokens, text, isStar: { $0 == .star }, accepts: accepts)
    }

    /// Whether `items` match `pattern`, where a star element matches any run of items and any
    /// other element one item it `accepts`: the last-star algorithm, used at both levels.
    private static func wildcard<P, T>(_ pattern: [P], _ items: [T], isStar: (P) -> Bool, accepts: (P, T) -> Bool) -> Bool {
        var p = 0, i = 0
        var star = -1, resume = 0
        while i < items.count {
            if p < pattern.count, isStar(pattern[p]) {
                star = p
                resume = i
                p += 1
            } else if p < pattern.count, accepts(pattern[p], items[i]) {
                p += 1
                i += 1
            } else if star >= 0 {
                p = star + 1
                resume += 1
                i = resume
            } else {
                return false
            }
        }
        while p < pattern.count, isStar(pattern[p]) { p += 1 }
        return p == pattern.count
    }

    private static func accepts(_ token: Token, _ character: Unicode.Scalar) -> Bool {
        switch token {
        case .star: return false
        case .one: return true
        case let .literal(expected): return expected == character
        case let .set(negated, ranges): return ranges.contains { $0.contains(character.value) } != negated
        }
    }

    /// Matches one path segment against a segment pattern with `*`, `?` and `[...]`.
    static func matchSegment(_ pattern: String, _ text: String) -> Bool {
        match(tokens(Substring(pattern)), Array(text.unicodeScalars))
    }

    private static func tokens(_ pattern: Substring) -> [Token] {
        let p = Array(pattern.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        while i < p.count {
            switch p[i] {
            case "*":
                if tokens.last != .star { tokens.append(.star) }
                i += 1
            case "?":
                tokens.append(.one)
                i += 1
            case "[":
                // A set closes at the first `]` after it opens; without one, `[` is itself.
                guard let close = p[(i + 1)...].firstIndex(of: "]") else {
                    tokens.append(.literal("["))
                    i += 1
                    continue
                }
                var k = i + 1
                var negated = false
                if k < close, p[k] == "!" || p[k] == "^" { negated = true; k += 1 }
                var ranges: [ClosedRange<UInt32>] = []
                while k < close {
                    if k + 2 < close, p[k + 1] == "-" {
                        if p[k].value <= p[k + 2].value { ranges.append(p[k].value ... p[k + 2].value) }
                        k += 3
                    } else {
                        ranges.append(p[k].value ... p[k].value)
                        k += 1
                    }
                }
                tokens.append(.set(negated: negated, ranges: ranges))
                i = close + 1
            case "\\" where i + 1 < p.count:
                tokens.append(.literal(p[i + 1]))
                i += 2
            default:
                tokens.append(.literal(p[i]))
                i += 1
            }
        }
        return tokens
    }
}
