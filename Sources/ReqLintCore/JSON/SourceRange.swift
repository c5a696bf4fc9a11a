/// A half-open range of UTF-8 byte offsets into a document's source bytes.
///
/// reqlint stores byte offsets everywhere and converts them to lines and columns only at the
/// edge (a reporter, the language server) with a ``LineTable``.
public struct SourceRange: Hashable, Sendable, Comparable {
    /// The offset of the first byte.
    public var start: Int
    /// The offset one past the last byte.
    public var end: Int

    /// Creates a range from `start` up to, not including, `end`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// An empty range at `offset`.
    public static func at(_ offset: Int) -> SourceRange { SourceRange(start: offset, end: offset) }

    public static func < (lhs: SourceRange, rhs: SourceRange) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}
