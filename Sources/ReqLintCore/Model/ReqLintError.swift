/// A failure of reqlint itself or of its inputs other than the request documents: unreadable
/// rule data, a malformed overlay, a pattern that does not compile. Problems in a request
/// document are never thrown: they are ``Diagnostic`` values.
public struct ReqLintError: Error, Sendable, CustomStringConvertible {
    /// A lowercase sentence saying what went wrong.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
