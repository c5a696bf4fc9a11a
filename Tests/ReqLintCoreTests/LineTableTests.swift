@testable import ReqLintCore
import Testing

// Byte offset <-> 1-based line and UTF-16 column conversion (LineTable), as used by every
// diagnostic position. Columns count UTF-16 code units: an emoji is 2, a CJK character 1, a
// combining mark 1 of its own; a UTF-8 byte order mark at the start takes no column.

@Suite struct LineTableTests {
    /// A text, a byte offset into it, and the position LineTable must give for it.
    struct PositionCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var offset: Int
        var line: Int
        var column: Int
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ offset: Int, _ line: Int, _ column: Int) {
            self.init(name, bytes: Array(text.utf8), offset, line, column)
        }

        init(_ name: String, bytes: [UInt8], _ offset: Int, _ line: Int, _ column: Int) {
            self.name = name
            self.bytes = bytes
            self.offset = offset
            self.line = line
            self.column = column
        }
    }

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static let positionCases: [PositionCase] = [
        PositionCase("start of an empty file", "", 0, 1, 1),
        PositionCase("after an emoji (2 columns)", #"{"😀":1}"#, 7, 1, 6),
        PositionCase("after a CJK character (1 column)", #"{"中":1}"#, 6, 1, 5),
        PositionCase("after e + combining acute (2 columns)", "{\"e\u{301}\":1}", 6, 1, 6),
        PositionCase("after a precomposed é (1 column)", "{\"\u{E9}\":1}", 5, 1, 5),
        PositionCase("after an emoji with a skin tone (4 columns)", "{\"👍🏽\":1}", 11, 1, 8),
        PositionCase("after a ZWJ family (8 columns)", "\"👨‍👩‍👧\"x", 20, 1, 11),
        PositionCase("inside a CRLF file: line 2", "{\r\n  \"a\": 1\r\n}", 5, 2, 3),
        PositionCase("inside a CRLF file: value on line 2", "{\r\n  \"a\": 1\r\n}", 10, 2, 8),
        PositionCase("inside a CRLF file: line 3", "{\r\n  \"a\": 1\r\n}", 13, 3, 1),
        PositionCase("the CR of a CRLF", "{\r\n}", 1, 1, 2),
        PositionCase("the LF of a CRLF", "{\r\n}", 2, 1, 3),
        PositionCase("lone CR: line 2", "{\r\"a\":\r1\r}", 2, 2, 1),
        PositionCase("lone CR: line 3", "{\r\"a\":\r1\r}", 7, 3, 1),
        PositionCase("lone CR: line 4", "{\r\"a\":\r1\r}", 9, 4, 1),
        PositionCase("CR CR is two line breaks", "a\r\rb", 3, 3, 1),
        PositionCase("LF CR is two line breaks", "a\n\rb", 3, 3, 1),
        PositionCase("mixed line endings", "a\nb\r\nc\rd", 7, 4, 1),
        PositionCase("emoji on a CRLF line", "[\r\n\"😀\",1]", 10, 2, 6),
        PositionCase("CJK on a lone-CR line", "[\r\"中文\",1]", 11, 2, 6),
        PositionCase("value on line 3 after an emoji", "{\n\"x\": 1,\n\"😀\": 2}", 18, 3, 7),
        PositionCase("end of the file", "ab", 2, 1, 3),
        PositionCase("beyond the end of the file is clamped", "ab", 100, 1, 3),
        PositionCase("after a trailing newline", "a\n", 2, 2, 1),
        PositionCase("BOM: first character is column 1", bytes: bom + Array(#"{"a":1}"#.utf8), 3, 1, 1),
        PositionCase("BOM: second character is column 2", bytes: bom + Array(#"{"a":1}"#.utf8), 4, 1, 2),
        PositionCase("BOM: an offset inside the BOM is the start", bytes: bom + Array("{}".utf8), 1, 1, 1),
        PositionCase("BOM then a newline", bytes: bom + Array("\n{".utf8), 4, 2, 1),
        PositionCase("BOM then an emoji", bytes: bom + Array("😀x".utf8), 7, 1, 3),
        PositionCase("BOM alone", bytes: bom, 3, 1, 1),
    ]

    @Test(arguments: positionCases)
    func position(_ c: PositionCase) {
        let table = LineTable(c.bytes)
        #expect(table.position(of: c.offset) == LineTable.Position(line: c.line, column: c.column))
    }

    @Test func lineCountsAndLineStarts() {
        let crlf = LineTable(Array("{\r\n  \"a\": 1\r\n}".utf8))
        #expect(crlf.lineCount == 3)
        #expect((1 ... 3).map { crlf.offset(ofLine: $0) } == [0, 3, 13])
        let cr = LineTable(Array("{\r\"a\":\r1\r}".utf8))
        #expect(cr.lineCount == 4)
        #expect((1 ... 4).map { cr.offset(ofLine: $0) } == [0, 2, 7, 9])
        let mixed = LineTable(Array("a\nb\r\nc\rd\n".utf8))
        #expect(mixed.lineCount == 5)
        #expect((1 ... 5).map { mixed.offset(ofLine: $0) } == [0, 2, 5, 7, 9])
        let withBOM = LineTable(Self.bom + Array("{\n}".utf8))
        #expect(withBOM.lineCount == 2)
        #expect(withBOM.offset(ofLine: 1) == 3)
        #expect(LineTable([]).lineCount == 1)
        // Lines out of range are clamped.
        #expect(crlf.offset(ofLine: 0) == 0)
        #expect(crlf.offset(ofLine: 99) == 13)
    }

    @Test func positionOfAParsedValueAfterAnEmoji() throws {
        let text = "{\n\"x\": 1,\n\"😀\": 2, \"中\": [3]}"
        let doc = JSONParser.parse(text)
        let root = try #require(doc.root)
        let table = LineTable(doc.bytes)
        let members = doc.members(of: root)
        #expect(table.position(of: Int(doc[members[0].value].start)) == .init(line: 2, column: 6))
        #expect(table.position(of: Int(doc[members[1].key].start)) == .init(line: 3, column: 1))
        #expect(table.position(of: Int(doc[members[1].value].start)) == .init(line: 3, column: 7))
        #expect(table.position(of: Int(doc[members[2].key].start)) == .init(line: 3, column: 10))
        #expect(table.position(of: Int(doc[members[2].value].start)) == .init(line: 3, column: 15))
        #expect(table.position(of: Int(doc[members[2].value].end)) == .init(line: 3, column: 18))
    }

    static let roundTripTexts: [[UInt8]] = [
        Array("{\"a\": [1, \"😀\", \"中文\", \"e\u{301}\"]}".utf8),
        Array("{\r\n  \"😀\": 1,\r\n  \"b\": \"👨‍👩‍👧\"\r\n}\r\n".utf8),
        Array("{\r\"a\":\r\"\u{E9}\"\r}".utf8),
        Array("a\n\nb\r\n\r\nc\r\rd".utf8),
        bom + Array("{\"😀\":\n\"x\"}".utf8),
        [],
        bom,
    ]

    @Test(arguments: roundTripTexts)
    func offsetRoundTrip(bytes: [UInt8]) {
        let table = LineTable(bytes)
        let bomLength = JSONParser.byteOrderMarkLength(bytes)
        var checked = 0
        for offset in bomLength ... bytes.count {
            if offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { continue }  // inside a character
            if offset < bytes.count && offset > 0 && bytes[offset] == 0x0A && bytes[offset - 1] == 0x0D { continue }  // inside a CRLF
            let position = table.position(of: offset)
            #expect(table.offset(of: position) == offset, "offset \(offset) -> \(position.line):\(position.column)")
            checked += 1
        }
        #expect(checked > 0)
    }

    @Test func offsetOfClampsToTheLine() {
        let table = LineTable(Array("ab\r\ncd\ref".utf8))
        #expect(table.offset(of: .init(line: 1, column: 99)) == 2)
        #expect(table.offset(of: .init(line: 2, column: 99)) == 6)
        #expect(table.offset(of: .init(line: 3, column: 99)) == 9)
        #expect(table.offset(of: .init(line: 99, column: 1)) == 7)
        #expect(table.offset(of: .init(line: 2, column: 2)) == 5)
        // A column in the middle of a surrogate pair never lands inside the UTF-8 sequence.
        let emoji = LineTable(Array("\"😀x\"".utf8))
        #expect([1, 5].contains(emoji.offset(of: .init(line: 1, column: 3))))
        #expect(emoji.offset(of: .init(line: 1, column: 4)) == 5)
        // With a BOM, column 1 is the first byte after it.
        let withBOM = LineTable(Self.bom + Array("{}".utf8))
        #expect(withBOM.offset(of: .init(line: 1, column: 1)) == 3)
        #expect(withBOM.offset(of: .init(line: 1, column: 2)) == 4)
    }

    @Test func positionsAreOrdered() {
        let a = LineTable.Position(line: 1, column: 9)
        let b = LineTable.Position(line: 2, column: 1)
        let c = LineTable.Position(line: 2, column: 3)
        #expect(a < b && b < c && !(c < a))
    }
}
