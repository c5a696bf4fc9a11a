import Foundation
import ReqLintCore
import ReqLintYAML
import Testing

/// Helpers shared by the YAML tests.
enum Support {
    /// Parses YAML text and requires a document.
    static func document(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONDocument {
        let (document, diagnostics) = YAMLRequestDocument.parse(text)
        return try #require(document, "no document: \(diagnostics.map(\.message))", sourceLocation: sourceLocation)
    }

    /// The value node at an RFC 6901 pointer (the last member of a repeated name).
    static func node(_ document: JSONDocument, _ pointer: String) -> Int32? {
        guard let parsed = JSONPointer(pointer) else { return nil }
        var current = document.root!
        for token in parsed.tokens {
            switch document[current].kind {
            case .object:
                guard let member = document.members(of: current).last(where: { document.string($0.key) == token }) else { return nil }
                current = member.value
            case .array:
                guard let index = Int(token), index < document.count(of: current) else { return nil }
                current = document.elements(of: current)[document.elements(of: current).startIndex + index]
            default:
                return nil
            }
        }
        return current
    }

    /// The key node of the member at `pointer` (the last of a repeated name).
    static func key(_ document: JSONDocument, _ pointer: String) -> Int32? {
        guard let parsed = JSONPointer(pointer), let name = parsed.tokens.last else { return nil }
        let parent = JSONPointer(tokens: Array(parsed.tokens.dropLast())).description
        guard let object = node(document, parent), document[object].kind == .object else { return nil }
        return document.members(of: object).last { document.string($0.key) == name }?.key
    }

    /// The byte range of the `occurrence`-th (0-based) `needle` in `text`.
    static func range(of needle: String, in text: String, occurrence: Int = 0) -> SourceRange {
        let haystack = Array(text.utf8)
        let pattern = Array(needle.utf8)
        var found = -1
        var start = 0
        while start + pattern.count <= haystack.count {
            if Array(haystack[start ..< start + pattern.count]) == pattern {
                found += 1
                if found == occurrence { return SourceRange(start: start, end: start + pattern.count) }
            }
            start += 1
        }
        Issue.record("\(needle.debugDescription) (occurrence \(occurrence)) is not in \(text.debugDescription)")
        return SourceRange(start: 0, end: 0)
    }

    /// The source text a node's range covers.
    static func text(_ document: JSONDocument, _ node: Int32) -> String {
        String(decoding: document.bytes[Int(document[node].start) ..< Int(document[node].end)], as: UTF8.self)
    }

    /// The 1-based line and UTF-16 column of the start and end of a range.
    static func positions(_ document: JSONDocument, _ range: SourceRange) -> (start: LineTable.Position, end: LineTable.Position) {
        let lines = LineTable(document.bytes)
        return (lines.position(of: range.start), lines.position(of: range.end))
    }

    /// The diagnostics of a parse, without the document.
    static func diagnostics(_ text: String) -> [Diagnostic] { YAMLRequestDocument.parse(text).diagnostics }

    /// The repository root (for the corpus).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}

extension LineTable.Position {
    /// `line:column`, for readable expectations.
    var text: String { "\(line):\(column)" }
}
