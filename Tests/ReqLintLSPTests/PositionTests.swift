import ReqLintCore
@testable import ReqLintLSP
import Testing

/// LSP positions (0-based lines, UTF-16 characters) from the core's byte offsets and back.
struct PositionTests {
    /// The UTF-16 offset within its line of every byte offset that starts a scalar, computed
    /// independently with Swift's own UTF-16 view.
    static func expected(_ text: String) -> [(offset: Int, position: LSPPosition)] {
        var result: [(Int, LSPPosition)] = []
        var offset = 0
        var line = 0
        var character = 0
        var previousCR = false
        for scalar in text.unicodeScalars {
            // The \n of a \r\n is inside the line break: no position of its own.
            if !(previousCR && scalar == "\n") { result.append((offset, LSPPosition(line: line, character: character))) }
            offset += String(scalar).utf8.count
            if scalar == "\r" || (scalar == "\n" && !previousCR) {
                line += 1
                character = 0
            } else if scalar != "\n" {
                character += scalar.utf16.count
            }
            previousCR = scalar == "\r"
        }
        result.append((offset, LSPPosition(line: line, character: character)))
        return result
    }

    static let samples = [
        "{\"a\": \"😀x\"}",                              // emoji: two UTF-16 units
        "{\n  \"名前\": \"東京👍🏽\",\n  \"b\": 1\n}",      // CJK, emoji with skin tone modifier
        "{\"e\u{301}\": \"a\u{308}\u{323}\"}\r\n",         // combining marks: one unit each
        "{\r\n\"x\":\r\"🇫🇷\"\r\n}",                        // CRLF, lone CR, flag (two astral scalars)
        "\u{FEFF}{\"bom\": true}",                       // byte order mark: takes no column
    ]

    @Test(arguments: samples) func roundTripsEveryScalarBoundary(_ text: String) {
        let bytes = Array(text.utf8)
        let converter = PositionConverter(bytes)
        let bom = text.hasPrefix("\u{FEFF}")
        for (offset, position) in Self.expected(text) {
            if bom && offset == 0 { continue } // The BOM itself is before column 1.
            var want = position
            if bom && position.line == 0 { want.character -= 1 }
            #expect(converter.position(of: offset) == want, "offset \(offset) of \(text.debugDescription)")
            #expect(converter.offset(of: want) == offset, "position \(want) of \(text.debugDescription)")
        }
    }

    @Test func diagnosticRangeAfterEmojiAndCJK() throws {
        let registry = try BundledRules.registry()
        // A wrong enum value after an emoji and CJK text on the same line.
        let text = "{\"JobName\": \"a\", \"JobDescription\": \"😀東京\", \"JobType\": \"default\", \"RoleArn\": \"arn:aws:iam::123456789012:role/R\", \"InputConfig\": {}}"
        let analysis = DocumentAnalyzer(registry: registry).analyze(Array(text.utf8), syntax: .json)
        let diagnostic = try #require(analysis.diagnostics.first { $0.rule == .enum })
        let range = PositionConverter(analysis.bytes).range(of: diagnostic.range)
        let literal = try #require(text.firstRange(of: "\"default\""))
        #expect(range.start == LSPPosition(line: 0, character: text[..<literal.lowerBound].utf16.count))
        #expect(range.end.character - range.start.character == 9)
    }

    @Test func positionsPastTheEndClamp() {
        let converter = PositionConverter(Array("ab\ncd".utf8))
        #expect(converter.offset(of: LSPPosition(line: 0, character: 99)) == 2)
        #expect(converter.offset(of: LSPPosition(line: 9, character: 0)) == 5)
        #expect(converter.offset(of: LSPPosition(line: 1, character: 1)) == 4)
    }
}
