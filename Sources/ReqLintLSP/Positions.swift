import ReqLintCore

/// An LSP position: 0-based line and 0-based character offset in UTF-16 code units.
public struct LSPPosition: Hashable, Sendable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (lhs: LSPPosition, rhs: LSPPosition) -> Bool { (lhs.line, lhs.character) < (rhs.line, rhs.character) }

    var json: JSONValue { .object([("line", .integer(Int64(line))), ("character", .integer(Int64(character)))]) }

    init?(json: JSONValue?) {
        guard let json, case let .integer(line)? = json["line"], case let .integer(character)? = json["character"],
              line >= 0, character >= 0 else { return nil }
        // LSP positions are `uinteger` (at most 2^31 - 1): a larger one is clamped, so no
        // arithmetic on it can overflow; it means "past the end" either way.
        let largest = Int64(Int32.max)
        self.init(line: Int(min(line, largest)), character: Int(min(character, largest)))
    }
}

/// An LSP range (end exclusive).
public struct LSPRange: Hashable, Sendable {
    public var start: LSPPosition
    public var end: LSPPosition

    public init(start: LSPPosition, end: LSPPosition) {
        self.start = start
        self.end = end
    }

    var json: JSONValue { .object([("start", start.json), ("end", end.json)]) }

    init?(json: JSONValue?) {
        guard let json, let start = LSPPosition(json: json["start"]), let end = LSPPosition(json: json["end"]) else { return nil }
        self.init(start: start, end: end)
    }
}

/// Converts between the core's byte offsets and LSP positions, through the core's
/// ``LineTable`` (1-based lines, 1-based UTF-16 columns): an LSP position is the table's
/// line - 1 and column - 1. Lines end at `\n`, `\r\n` or a lone `\r`, as LSP says.
public struct PositionConverter: Sendable {
    public let table: LineTable

    public init(_ bytes: [UInt8]) { table = LineTable(bytes) }

    /// The LSP position of byte `offset`.
    public func position(of offset: Int) -> LSPPosition {
        let p = table.position(of: offset)
        return LSPPosition(line: p.line - 1, character: p.column - 1)
    }

    /// The LSP range of a byte range.
    public func range(of range: SourceRange) -> LSPRange {
        LSPRange(start: position(of: range.start), end: position(of: range.end))
    }

    /// The byte offset of an LSP position. A character past the end of its line means the end
    /// of the line; a line past the end of the document means the end of the document.
    public func offset(of position: LSPPosition) -> Int {
        if position.line >= table.lineCount {
            return table.offset(of: LineTable.Position(line: table.lineCount, column: Int.max / 2))
        }
        return table.offset(of: LineTable.Position(line: position.line + 1, column: position.character + 1))
    }
}
