import ReqLintCore
import ReqLintYAML
import Testing

/// Node ranges point into the YAML bytes: a value from its first byte (the opening quote of a
/// quoted scalar, the indicator of a block scalar) to just past its last, so that `LineTable`
/// gives lines and UTF-16 columns exactly as for JSON.
struct PositionTests {
    /// Checks that the value at `pointer` covers exactly `expected` (its `occurrence`-th
    /// appearance in the text) and starts and ends at the given line:column positions.
    func expectValue(_ document: JSONDocument, _ text: String, _ pointer: String, _ expected: String, occurrence: Int = 0,
                     start: String? = nil, end: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let node = Support.node(document, pointer) else {
            Issue.record("no value at \(pointer)", sourceLocation: sourceLocation)
            return
        }
        let range = Support.range(of: expected, in: text, occurrence: occurrence)
        #expect(document[node].range == range, "\(pointer) covers \(Support.text(document, node).debugDescription)",
                sourceLocation: sourceLocation)
        let positions = Support.positions(document, document[node].range)
        if let start { #expect(positions.start.text == start, "\(pointer) start", sourceLocation: sourceLocation) }
        if let end { #expect(positions.end.text == end, "\(pointer) end", sourceLocation: sourceLocation) }
    }

    @Test func everyScalarStyle() throws {
        let text = """
        plain: some plain text # a comment
        single: 'it''s'
        double: "a \\"quoted\\" \\u00e9 value"
        literal: |
          line one
          line two

        folded: >-
          folded
          text
        keep: |+
          kept

        strip: |-
          stripped
        indented: |2
           two spaces
        multiline plain: first
          second line
        multiline quoted: "first
          second"
        empty:
        empty literal: |
        last: x

        """
        let document = try Support.document(text)
        expectValue(document, text, "/plain", "some plain text", start: "1:8", end: "1:23")
        expectValue(document, text, "/single", "'it''s'", start: "2:9", end: "2:16")
        #expect(document.string(Support.node(document, "/single")!) == "it's")
        expectValue(document, text, "/double", "\"a \\\"quoted\\\" \\u00e9 value\"", start: "3:9", end: "3:36")
        #expect(document.string(Support.node(document, "/double")!) == "a \"quoted\" é value")
        expectValue(document, text, "/literal", "|\n  line one\n  line two", start: "4:10", end: "6:11")
        #expect(document.string(Support.node(document, "/literal")!) == "line one\nline two\n")
        expectValue(document, text, "/folded", ">-\n  folded\n  text", start: "8:9", end: "10:7")
        #expect(document.string(Support.node(document, "/folded")!) == "folded text")
        expectValue(document, text, "/keep", "|+\n  kept", start: "11:7", end: "12:7")
        #expect(document.string(Support.node(document, "/keep")!) == "kept\n\n")
        expectValue(document, text, "/strip", "|-\n  stripped")
        expectValue(document, text, "/indented", "|2\n   two spaces")
        #expect(document.string(Support.node(document, "/indented")!) == " two spaces\n")
        expectValue(document, text, "/multiline plain", "first\n  second line", start: "18:18", end: "19:14")
        #expect(document.string(Support.node(document, "/multiline plain")!) == "first second line")
        expectValue(document, text, "/multiline quoted", "\"first\n  second\"", start: "20:19", end: "21:10")
        // An empty value is an empty range just after the ':'.
        let empty = try #require(Support.node(document, "/empty"))
        #expect(document[empty].kind == .null)
        #expect(document[empty].range == SourceRange.at(Support.range(of: "empty:", in: text).end))
        // An empty block scalar is its indicator.
        expectValue(document, text, "/empty literal", "|", occurrence: 4)
        #expect(document.string(Support.node(document, "/empty literal")!) == "")
        // Keys are ranges too.
        let key = try #require(Support.key(document, "/multiline quoted"))
        #expect(document[key].range == Support.range(of: "multiline quoted", in: text))
    }

    @Test func collections() throws {
        let text = """
        root:
          mapping:
            a: 1
            b: [1, 2]
          sequence:
            - x
            - k: v
              l: w
            - - nested
          indentless:
          - p
          - q
          flow: {a: [1, {b: zz}], d: e}
          empty map: {}
          empty list: []

        """
        let document = try Support.document(text)
        #expect(document[document.root!].range == SourceRange(start: 0, end: Support.range(of: "empty list: []", in: text).end))
        expectValue(document, text, "/root", "mapping:\n    a: 1\n    b: [1, 2]\n  sequence:\n    - x\n    - k: v\n      l: w\n    - - nested\n  indentless:\n  - p\n  - q\n  flow: {a: [1, {b: zz}], d: e}\n  empty map: {}\n  empty list: []",
                    start: "2:3", end: "15:17")
        expectValue(document, text, "/root/mapping", "a: 1\n    b: [1, 2]", start: "3:5", end: "4:14")
        expectValue(document, text, "/root/mapping/b", "[1, 2]")
        expectValue(document, text, "/root/sequence", "- x\n    - k: v\n      l: w\n    - - nested", start: "6:5", end: "9:15")
        expectValue(document, text, "/root/sequence/1", "k: v\n      l: w")
        expectValue(document, text, "/root/sequence/2", "- nested")
        expectValue(document, text, "/root/sequence/2/0", "nested")
        expectValue(document, text, "/root/indentless", "- p\n  - q", start: "11:3", end: "12:6")
        expectValue(document, text, "/root/flow", "{a: [1, {b: zz}], d: e}")
        expectValue(document, text, "/root/flow/a", "[1, {b: zz}]")
        expectValue(document, text, "/root/flow/a/1", "{b: zz}")
        expectValue(document, text, "/root/flow/a/1/b", "zz")
        expectValue(document, text, "/root/empty map", "{}")
        expectValue(document, text, "/root/empty list", "[]")
    }

    @Test func afterMultiByteCharacters() throws {
        // é is 2 bytes and 1 UTF-16 unit; 中文 3 bytes and 1 unit each; 😀 4 bytes and 2 units.
        let text = "é😀中文: \"🎉 party\"\nnext: [😀, 中, 'é']\n😀: plain 😀 text\n"
        let document = try Support.document(text)
        let key = try #require(Support.key(document, "/é😀中文"))
        #expect(document[key].range == SourceRange(start: 0, end: 12))
        expectValue(document, text, "/é😀中文", "\"🎉 party\"", start: "1:8", end: "1:18")
        #expect(document.string(Support.node(document, "/é😀中文")!) == "🎉 party")
        expectValue(document, text, "/next/0", "😀", occurrence: 1, start: "2:8", end: "2:10")
        expectValue(document, text, "/next/1", "中", occurrence: 1, start: "2:12", end: "2:13")
        expectValue(document, text, "/next/2", "'é'", start: "2:15", end: "2:18")
        expectValue(document, text, "/😀", "plain 😀 text", start: "3:5", end: "3:18")
    }

    @Test func crlfLineEnds() throws {
        let text = "a: 1\r\nb: |\r\n  x\r\n  y\r\n\r\nc: 'q'\r\nd:\r\n  - \"é\"\r\n  - plain\r\n"
        let document = try Support.document(text)
        expectValue(document, text, "/a", "1", start: "1:4", end: "1:5")
        expectValue(document, text, "/b", "|\r\n  x\r\n  y", start: "2:4", end: "4:4")
        #expect(document.string(Support.node(document, "/b")!) == "x\ny\n")
        expectValue(document, text, "/c", "'q'", start: "6:4", end: "6:7")
        expectValue(document, text, "/d", "- \"é\"\r\n  - plain", start: "8:3", end: "9:10")
        expectValue(document, text, "/d/0", "\"é\"", start: "8:5", end: "8:8")
        expectValue(document, text, "/d/1", "plain", start: "9:5", end: "9:10")
    }

    @Test func unicodeLineBreaksKeepByteOffsets() throws {
        // libyaml breaks lines at U+0085, U+2028 and U+2029 too (LineTable does not): offsets
        // stay exact either way, because they come from libyaml's character index.
        let text = "a: \"x\u{2028}y\"\nb: [x\u{85} y]\nc: 'é\u{2029}'\nd: 😀\n"
        let document = try Support.document(text)
        expectValue(document, text, "/a", "\"x\u{2028}y\"")
        expectValue(document, text, "/b", "[x\u{85} y]")
        expectValue(document, text, "/b/0", "x\u{85} y")
        #expect(document.string(Support.node(document, "/b/0")!) == "x y")
        expectValue(document, text, "/c", "'é\u{2029}'")
        expectValue(document, text, "/d", "😀", start: "4:4", end: "4:6")
    }

    @Test func byteOrderMark() throws {
        let text = "\u{FEFF}a: 1\nb: 'x'\n"
        let document = try Support.document(text)
        expectValue(document, text, "/a", "1", start: "1:4", end: "1:5")
        expectValue(document, text, "/b", "'x'", start: "2:4", end: "2:7")
        #expect(document[document.root!].range.start == 3)
    }

    @Test func propertiesAreNotPartOfTheValue() throws {
        let text = "a: &anchor 'value'\nb: !!str 12\nc: &m\n  k: v\nd: !!seq\n- 1\ne: *anchor\n"
        let document = try Support.document(text)
        expectValue(document, text, "/a", "'value'")
        expectValue(document, text, "/b", "12")
        expectValue(document, text, "/c", "k: v")
        expectValue(document, text, "/d", "- 1")
        // An alias's copy takes the range of the alias.
        expectValue(document, text, "/e", "*anchor")
        // A value that is only properties is its properties.
        let only = try Support.document("a: !!str\nb: x\n")
        #expect(Support.text(only, Support.node(only, "/a")!) == "!!str")
        #expect(only.string(Support.node(only, "/a")!) == "")
    }

    @Test func explicitDocumentMarkers() throws {
        let text = "%YAML 1.2\n---\na: 1\n...\n"
        let document = try Support.document(text)
        expectValue(document, text, "/a", "1", occurrence: 1, start: "3:4", end: "3:5")
        #expect(document[document.root!].range == Support.range(of: "a: 1", in: text))
    }

    @Test func deepButAllowedNestingKeepsPositions() throws {
        let depth = 100
        let text = String(repeating: "[", count: depth) + "\"x\"" + String(repeating: "]", count: depth) + "\n"
        let (document, diagnostics) = YAMLRequestDocument.parse("a: " + text)
        #expect(diagnostics.isEmpty)
        let document_ = try #require(document)
        var node = Support.node(document_, "/a")!
        for level in 0 ..< depth {
            #expect(document_[node].range == SourceRange(start: 3 + level, end: 3 + 2 * depth + 3 - level))
            node = document_.elements(of: node).first!
        }
        #expect(document_[node].range == SourceRange(start: 3 + depth, end: 3 + depth + 3))
    }
}
