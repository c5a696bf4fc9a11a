/// A syntax problem in a JSON document: what is wrong, where, and what to write instead.
public struct JSONSyntaxError: Error, Hashable, Sendable {
    /// A lowercase sentence that says what is wrong and, where it can, what to write instead.
    public var message: String
    /// The bytes the problem is about (for an unexpected end of input, an empty range at the end).
    public var range: SourceRange

    /// Creates a syntax error.
    public init(message: String, range: SourceRange) {
        self.message = message
        self.range = range
    }
}
