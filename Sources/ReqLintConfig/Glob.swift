/// A path glob as `.reqlint.yaml` and `.gitignore` write them: `*` matches within one path
/// segment, `**` any number of segments, `?` one character, `[abc]` one of a set. A glob
/// without a slash matches the file name at any depth (`*.json`); with one, it matches the
/// path relative to the configuration's folder (`requests/**/*.json`). A trailing `/`
/// matches a folder and everything in it.
public struct Glob: Hashable, Sendable, CustomStringConvertible {
    /// The glob as written.
    public let pattern: String
    private let segments: [String]
    private let anyDepth: Bool
    private let directoryOnly: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var text = pattern
        directoryOnly = text.hasSuffix("/")
        while text.hasSuffix("/") { text.removeLast() }
        let anchored = text.hasPrefix("/")
        while text.hasPrefix("/") { text.removeFirst() }
        if text.hasPrefix("./") { text.removeFirst(2) }
        anyDepth = !anchored && !text.contains("/")
        segments = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    public var description: String { pattern }

    /// Whether `path` (relative, `/`-separated) matches. A folder glob (trailing `/`) matches
    /// only a path that `isDirectory`; see ``matchesAncestor(of:)`` for what lies inside.
    public func matches(_ path: String, isDirectory: Bool = false) -> Bool {
        if directoryOnly && !isDirectory { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let last = parts.last else { return false }
        if anyDepth { return Self.matchSegment(segments.first ?? "", last) }
        return Self.match(segments[...], parts[...])
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

    private static func match(_ pattern: ArraySlice<String>, _ parts: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var i = parts.startIndex
            while true {
                if match(rest, parts[i...]) { return true }
                if i == parts.endIndex { return false }
                i += 1
            }
        }
        guard let part = parts.first, matchSegment(first, part) else { return false }
        return match(pattern.dropFirst(), parts.dropFirst())
    }

    /// Matches one path segment against a segment pattern with `*`, `?` and `[...]`.
    static func matchSegment(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.unicodeScalars)
        let t = Array(text.unicodeScalars)
        var memo = [Int: Bool]()
        func go(_ i: Int, _ j: Int) -> Bool {
            let key = i * (t.count + 1) + j
            if let known = memo[key] { return known }
            var result: Bool
            if i == p.count {
                result = j == t.count
            } else if p[i] == "*" {
                result = go(i + 1, j) || (j < t.count && go(i, j + 1))
            } else if j == t.count {
                result = false
            } else if p[i] == "?" {
                result = go(i + 1, j + 1)
            } else if p[i] == "[", let close = p[(i + 1)...].firstIndex(of: "]") {
                var k = i + 1
                var negate = false
                if k < close, p[k] == "!" || p[k] == "^" { negate = true; k += 1 }
                var found = false
                while k < close {
                    if k + 2 < close, p[k + 1] == "-" {
                        if p[k].value <= t[j].value && t[j].value <= p[k + 2].value { found = true }
                        k += 3
                    } else {
                        if p[k] == t[j] { found = true }
                        k += 1
                    }
                }
                result = found != negate && go(close + 1, j + 1)
            } else if p[i] == "\\", i + 1 < p.count {
                result = p[i + 1] == t[j] && go(i + 2, j + 1)
            } else {
                result = p[i] == t[j] && go(i + 1, j + 1)
            }
            memo[key] = result
            return result
        }
        return go(0, 0)
    }
}
