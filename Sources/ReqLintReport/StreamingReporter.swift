import ReqLintCore

/// A reporter that writes a report a chunk of files at a time, so that a run over any number
/// of files holds none of their reports: ``part(_:)`` for each chunk, in order, and around the
/// parts ``frame()``, which may depend on what the parts held (JUnit's totals). Its
/// ``Reporter/report(_:)`` is the head, one part of every file and the tail, so the whole
/// report and the streamed one are the same text.
public protocol StreamingReporter: Reporter {
    /// The text of the next chunk of files.
    mutating func part(_ files: [FileReport]) -> String
    /// What goes before the first part and after the last, given the parts written so far.
    func frame() -> (head: String, tail: String)
    /// Whether the head is the same whatever the parts hold: then it can be written before
    /// the first part, and the parts go out as they come.
    static var headComesFirst: Bool { get }
}

extension StreamingReporter {
    public func report(_ files: [FileReport]) -> String {
        var stream = self
        let body = stream.part(files)
        let frame = stream.frame()
        return frame.head + body + frame.tail
    }
}

/// Items of a pretty-printed JSON array written one at a time, as ``JSONValue/serialized(pretty:)``
/// writes them: the opening bracket with the first item, a comma before each further one, and
/// `[]` when there was none.
struct JSONArrayStream {
    /// The array's own indentation level (its items are one deeper).
    let indent: Int
    private(set) var count = 0

    init(indent: Int) { self.indent = indent }

    mutating func append(_ value: JSONValue, to out: inout String) {
        out.append(count == 0 ? "[" : ",")
        out.append("\n" + String(repeating: "  ", count: indent + 1))
        value.write(to: &out, pretty: true, indent: indent + 1)
        count += 1
    }

    /// The end of the array.
    var close: String { count == 0 ? "[]" : "\n" + String(repeating: "  ", count: indent) + "]" }
}

extension TextReporter: StreamingReporter {
    public static let headComesFirst = true
    public mutating func part(_ files: [FileReport]) -> String { report(files) }
    public func frame() -> (head: String, tail: String) { ("", "") }
}

extension GitHubReporter: StreamingReporter {
    public static let headComesFirst = true
    public mutating func part(_ files: [FileReport]) -> String { report(files) }
    public func frame() -> (head: String, tail: String) { ("", "") }
}
