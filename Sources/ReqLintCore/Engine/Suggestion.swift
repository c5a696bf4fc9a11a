/// Finds the valid value a mistyped one most likely meant.
enum Suggestion {
    /// The candidate closest to `value`: an exact case-insensitive match first, then the
    /// nearest by edit distance (with transpositions), if it is close enough to be a typo.
    static func closest(to value: String, in candidates: [String]) -> String? {
        let lowered = value.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == lowered }) { return exact }
        guard !value.isEmpty else { return nil }
        var best: (String, Int)?
        let a = Array(lowered.unicodeScalars)
        for candidate in candidates {
            let b = Array(candidate.lowercased().unicodeScalars)
            guard abs(a.count - b.count) <= 3 else { continue }
            let d = distance(a, b)
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (candidate, d) = best else { return nil }
        let allowed = max(1, min(3, (candidate.count + 2) / 4))
        return d <= allowed ? candidate : nil
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent
    /// transpositions each cost 1.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0 ... b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1 ... a.count {
            current[0] = i
            for j in 1 ... b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
