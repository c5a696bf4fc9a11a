/// One value of a parsed JSON document, stored flat in ``JSONDocument/nodes``.
///
/// Nodes are plain values that refer to their children by index, so a document of any nesting
/// depth is built, walked and freed without recursion.
public struct JSONNode: Sendable {
    /// What kind of JSON value a node is.
    public enum Kind: UInt8, Sendable {
        case object, array, string, number, `true`, `false`, null
    }

    /// The kind of value.
    public var kind: Kind
    /// For strings: the literal has at least one escape sequence. For numbers: the literal
    /// has a fraction or an exponent.
    public var flag: Bool
    /// Byte offset of the first byte of the literal (the quote of a string, the brace of an object).
    public var start: Int32
    /// Byte offset one past the last byte of the literal.
    public var end: Int32
    /// Index into ``JSONDocument/children`` of the first child.
    public var firstChild: Int32
    /// Number of entries in ``JSONDocument/children``: elements of an array, and twice the
    /// number of members of an object (key node, value node, key node, ...).
    public var childCount: Int32

    /// The node's source range.
    public var range: SourceRange { SourceRange(start: Int(start), end: Int(end)) }
}
