/// The public face of reqlint's "did you mean" logic, for front ends that offer fixes (the
/// language server's quick fixes): the same choice the `enum` and `unknown-member` messages
/// suggest, so a fix never disagrees with the message it fixes.
public enum Suggestions {
    /// The candidate closest to `value`: an exact case-insensitive match first, then the
    /// nearest by edit distance (with transpositions), if close enough to be a typo; else `nil`.
    public static func closest(to value: String, in candidates: [String]) -> String? {
        Suggestion.closest(to: value, in: candidates)
    }
}
