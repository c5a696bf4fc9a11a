@testable import ReqLintCore
import Testing

// Tests of the hand-written JSON parser (Sources/ReqLintCore/JSON): valid documents, every
// class of syntax error with its exact byte range and line/column, deep nesting, duplicate
// keys, JSON pointers and the string writer. Line/column conversion has its own suite in
// LineTableTests.swift.

/// The bytes of `text` as UTF-8.
private func u(_ text: String) -> [UInt8] { Array(text.utf8) }

/// A UTF-8 byte order mark.
private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

/// Parses `text`, expecting no syntax error; returns the document and its root.
private func parsed(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> (JSONDocument, Int32) {
    let doc = JSONParser.parse(bytes)
    #expect(doc.syntaxError == nil, "unexpected syntax error: \(String(describing: doc.syntaxError))", sourceLocation: sourceLocation)
    let root = try #require(doc.root, sourceLocation: sourceLocation)
    return (doc, root)
}

private func parsed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (JSONDocument, Int32) {
    try parsed(u(text), sourceLocation: sourceLocation)
}

private func range(_ r: Range<Int>) -> SourceRange { SourceRange(start: r.lowerBound, end: r.upperBound) }

/// The time `body` takes.
private func timed(_ body: () -> Void) -> Duration { ContinuousClock().measure(body) }

@Suite struct JSONParserTests {
    // MARK: - Valid documents

    @Test func everyValueKindWithRanges() throws {
        let text = #"{"s": "x", "n": -1.5e3, "i": 42, "t": true, "f": false, "z": null, "a": [], "o": {}}"#
        let (doc, root) = try parsed(text)
        #expect(doc[root].kind == .object)
        #expect(doc[root].range == range(0 ..< 84))
        #expect(doc.count(of: root) == 8)
        let members = doc.members(of: root)
        #expect(members.map { doc.string($0.key) } == ["s", "n", "i", "t", "f", "z", "a", "o"])
        #expect(members.map { doc[$0.value].kind } == [.string, .number, .number, .true, .false, .null, .array, .object])
        #expect(members.map { doc.literal($0.value) } == [#""x""#, "-1.5e3", "42", "true", "false", "null", "[]", "{}"])
        // Key ranges include the quotes.
        #expect(members.map { doc[$0.key].range } == [
            range(1 ..< 4), range(11 ..< 14), range(24 ..< 27), range(33 ..< 36),
            range(44 ..< 47), range(56 ..< 59), range(67 ..< 70), range(76 ..< 79),
        ])
        #expect(members.map { doc[$0.value].range } == [
            range(6 ..< 9), range(16 ..< 22), range(29 ..< 31), range(38 ..< 42),
            range(49 ..< 54), range(61 ..< 65), range(72 ..< 74), range(81 ..< 83),
        ])
        // The number flag: fraction or exponent.
        #expect(doc[members[1].value].flag == true)
        #expect(doc[members[2].value].flag == false)
        #expect(doc.string(members[0].value) == "x")
        #expect(doc.count(of: members[6].value) == 0)
        #expect(doc.count(of: members[7].value) == 0)
        #expect(doc.value(at: root) == .object([
            ("s", .string("x")), ("n", .double(-1500)), ("i", .integer(42)), ("t", .bool(true)),
            ("f", .bool(false)), ("z", .null), ("a", .array([])), ("o", .object([])),
        ]))
    }

    @Test(arguments: [
        (" \"abc\" ", JSONNode.Kind.string, 1 ..< 6),
        ("0", .number, 0 ..< 1),
        ("-0", .number, 0 ..< 2),
        ("\t1.5\n", .number, 1 ..< 4),
        ("true", .true, 0 ..< 4),
        ("false", .false, 0 ..< 5),
        (" null ", .null, 1 ..< 5),
        ("\n[ ]\n", .array, 1 ..< 4),
        ("{ }", .object, 0 ..< 3),
        ("\r\n{}\r\n", .object, 2 ..< 4),
    ])
    func topLevelValues(text: String, kind: JSONNode.Kind, expected: Range<Int>) throws {
        let (doc, root) = try parsed(text)
        #expect(doc[root].kind == kind)
        #expect(doc[root].range == range(expected))
        #expect(doc.nodes.count == 1)
    }

    @Test func nestedContainers() throws {
        let text = #"{"a":[1,{"b":[]}],"c":{"d":"e"}}"#
        let (doc, root) = try parsed(text)
        #expect(doc.nodes.count == 11)
        #expect(doc[root].range == range(0 ..< 32))
        let top = doc.members(of: root)
        #expect(top.count == 2)
        let array = top[0].value
        #expect(doc[array].kind == .array)
        #expect(doc[array].range == range(5 ..< 17))
        let elements = Array(doc.elements(of: array))
        #expect(elements.count == 2)
        #expect(doc[elements[0]].range == range(6 ..< 7))
        #expect(doc[elements[1]].kind == .object)
        #expect(doc[elements[1]].range == range(8 ..< 16))
        let inner = doc.members(of: elements[1])
        #expect(doc[inner[0].key].range == range(9 ..< 12))
        #expect(doc[inner[0].value].kind == .array)
        #expect(doc[inner[0].value].range == range(13 ..< 15))
        let c = top[1].value
        #expect(doc[top[1].key].range == range(18 ..< 21))
        #expect(doc[c].range == range(22 ..< 31))
        let d = doc.members(of: c)[0]
        #expect(doc[d.key].range == range(23 ..< 26))
        #expect(doc[d.value].range == range(27 ..< 30))
        #expect(doc.string(d.value) == "e")
        #expect(doc.literal(c) == #"{"d":"e"}"#)
    }

    @Test(arguments: [
        ("0", false), ("-0", false), ("-0.0", true), ("1e308", true),
        ("1.7976931348623157e308", true), ("-1.7976931348623157e308", true),
        ("1e-400", true), ("-1e-400", true), ("5e-324", true), ("1E+2", true), ("1e-0", true),
        ("123.456e-7", true), ("9223372036854775808", false), ("-9223372036854775809", false),
        (String(repeating: "1234567890", count: 10), false),  // 100 digits
        ("1" + String(repeating: "0", count: 300), false),  // 1e300 as an integer: in range
        ("-" + String(repeating: "9", count: 300), false),
        ("0." + String(repeating: "0", count: 500) + "1", true),
    ])
    func acceptedNumbers(text: String, hasFraction: Bool) throws {
        let (doc, root) = try parsed("[" + text + "]")
        let number = try #require(doc.elements(of: root).first)
        #expect(doc[number].kind == .number)
        #expect(doc.literal(number) == text)
        #expect(doc[number].flag == hasFraction)
        #expect(doc[number].range == range(1 ..< 1 + text.utf8.count))
    }

    @Test func hundredDigitIntegerIsKeptAsWritten() throws {
        let digits = "1" + String(repeating: "0", count: 99)
        let (doc, root) = try parsed(#"{"n": "# + digits + "}")
        let value = doc.members(of: root)[0].value
        #expect(doc.literal(value) == digits)
        #expect(doc[value].range == range(6 ..< 106))
        #expect(doc.value(at: value) == .double(1e99))
    }

    // MARK: - Strings

    @Test(arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t", 8),
        (#""\u00e9\u00E9""#, "\u{E9}\u{E9}", 2),
        (#""\ud83d\ude00""#, "😀", 1),
        (#""\uD83D\uDE00x""#, "😀x", 2),
        (#""\u0000""#, "\u{0}", 1),
        (#""a\u0000b""#, "a\u{0}b", 3),
        (#""\u0041\u005a\u007E""#, "AZ~", 3),
        (#""\u2028\u2029""#, "\u{2028}\u{2029}", 2),
        (#""\uFFFF\uDBFF\uDFFF""#, "\u{FFFF}\u{10FFFF}", 2),
        ("\"👨‍👩‍👧\"", "👨‍👩‍👧", 5),
        (#""\ud83d\udc68\u200d\ud83d\udc69\u200D\uD83D\uDC67""#, "👨‍👩‍👧", 5),
        ("\"e\u{301}\"", "e\u{301}", 2),
        (#""e\u0301""#, "e\u{301}", 2),
        ("\"🇫🇷\"", "🇫🇷", 2),
        ("\"中文\"", "中文", 2),
        ("\"\"", "", 0),
        (#""tab\tand \"quotes\" and \\ and /""#, "tab\tand \"quotes\" and \\ and /", 28),
    ])
    func decodedStrings(json: String, expected: String, codePoints: Int) throws {
        let (doc, root) = try parsed(json)
        #expect(doc[root].kind == .string)
        #expect(doc[root].range == range(0 ..< json.utf8.count))
        let decoded = doc.string(root)
        #expect(Array(decoded.unicodeScalars) == Array(expected.unicodeScalars))
        #expect(doc.codePointCount(root) == codePoints)
        #expect(doc.codePointCount(root) == expected.unicodeScalars.count)
        #expect(doc[root].flag == json.contains("\\"))
        #expect(doc.string(root, equals: expected))
    }

    @Test func stringRangeIncludesQuotesAndEveryEscapeDecodes() throws {
        let text = #"["\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\u0000", "plain"]"#
        let (doc, root) = try parsed(text)
        let elements = Array(doc.elements(of: root))
        #expect(doc[elements[0]].range == range(1 ..< 43))
        #expect(doc[elements[1]].range == range(45 ..< 52))
        let decoded = doc.string(elements[0])
        #expect(Array(decoded.unicodeScalars) == Array("\"\\/\u{8}\u{C}\n\r\t\u{E9}\u{1F600}\u{0}".unicodeScalars))
        #expect(doc.codePointCount(elements[0]) == 11)
        #expect(decoded.utf16.count == 12)  // the emoji is a surrogate pair in UTF-16
        #expect(doc.string(elements[1]) == "plain")
    }

    @Test func codePointCountDiffersFromCharacterCount() throws {
        // A ZWJ family is 1 Character but 5 code points; e + combining acute is 1 Character, 2 code points.
        let (doc, root) = try parsed("[\"👨‍👩‍👧\", \"e\u{301}\", \"\u{E9}\", \"🇫🇷\", \"a\u{300}\u{301}\u{302}\"]")
        let values = doc.elements(of: root).map { ($0, doc.string($0)) }
        #expect(values.map { $0.1.count } == [1, 1, 1, 1, 1])
        #expect(values.map { doc.codePointCount($0.0) } == [5, 2, 1, 2, 4])
    }

    @Test func stringEqualsComparesCodePoints() throws {
        let (doc, root) = try parsed(#"["\u00e9", "é", "e\u0301", "a\u0062"]"#)
        let e = Array(doc.elements(of: root))
        #expect(doc.string(e[0], equals: "\u{E9}"))
        #expect(doc.string(e[1], equals: "\u{E9}"))
        // Canonically equivalent but different code points: not equal, with or without escapes.
        #expect(!doc.string(e[0], equals: "e\u{301}"))
        #expect(!doc.string(e[1], equals: "e\u{301}"))
        #expect(doc.string(e[2], equals: "e\u{301}"))
        #expect(!doc.string(e[2], equals: "\u{E9}"))
        #expect(doc.string(e[3], equals: "ab"))
        #expect(!doc.string(e[3], equals: "abc"))
    }

    // MARK: - Syntax errors

    /// One malformed input and the error the parser must report for it.
    struct SyntaxCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var message: String
        var range: Range<Int>
        var line: Int
        var column: Int
        var testDescription: String { name }

        /// `column` defaults to `range.lowerBound + 1`, which is right for one line of ASCII.
        init(_ name: String, _ text: String, _ message: String, _ range: Range<Int>, line: Int = 1, column: Int? = nil) {
            self.init(name, bytes: Array(text.utf8), message, range, line: line, column: column)
        }

        init(_ name: String, bytes: [UInt8], _ message: String, _ range: Range<Int>, line: Int = 1, column: Int? = nil) {
            self.name = name
            self.bytes = bytes
            self.message = message
            self.range = range
            self.line = line
            self.column = column ?? range.lowerBound + 1
        }
    }

    static let emptyCases: [SyntaxCase] = [
        SyntaxCase("empty file", bytes: [], "empty document", 0 ..< 0),
        SyntaxCase("whitespace only", " \n\t ", "empty document", 4 ..< 4, line: 2, column: 3),
        SyntaxCase("BOM followed by nothing", bytes: bom, "empty document", 3 ..< 3, column: 1),
        SyntaxCase("BOM followed by a newline", bytes: bom + [0x0A], "empty document", 4 ..< 4, line: 2, column: 1),
        SyntaxCase("error right after a BOM", bytes: bom + u("{a:1}"), #"member names must be strings in double quotes: write "a""#, 4 ..< 5, column: 2),
        SyntaxCase("garbage after a document that has a BOM", bytes: bom + u("{}x"), "unexpected content after the end of the JSON document", 5 ..< 6, column: 3),
        SyntaxCase("truncated BOM", bytes: [0xEF, 0xBB], "invalid UTF-8 byte 0xEF: expected a value", 0 ..< 1),
        SyntaxCase("BOM inside the document", bytes: u("[") + bom + u("]"), "unexpected character '\u{FEFF}': expected a value", 1 ..< 4),
    ]

    static let utf8Cases: [SyntaxCase] = [
        // Inside strings.
        SyntaxCase("0xFF in a string", bytes: u(#"{"a":"x"#) + [0xFF] + u(#"y"}"#), "invalid UTF-8 byte 0xFF in a string: save the file as UTF-8", 7 ..< 8),
        SyntaxCase("overlong C0 AF in a string", bytes: u(#"[""#) + [0xC0, 0xAF] + u(#""]"#), "invalid UTF-8 byte 0xC0 in a string", 2 ..< 3),
        SyntaxCase("overlong E0 80 AF in a string", bytes: u(#"[""#) + [0xE0, 0x80, 0xAF] + u(#""]"#), "invalid UTF-8 byte 0xE0 in a string", 2 ..< 3),
        SyntaxCase("encoded surrogate ED A0 80 in a string", bytes: u(#"[""#) + [0xED, 0xA0, 0x80] + u(#""]"#), "invalid UTF-8 byte 0xED in a string", 2 ..< 3),
        SyntaxCase("F5 in a string", bytes: u(#"[""#) + [0xF5, 0x80, 0x80, 0x80] + u(#""]"#), "invalid UTF-8 byte 0xF5 in a string", 2 ..< 3),
        SyntaxCase("above U+10FFFF (F4 90) in a string", bytes: u(#"[""#) + [0xF4, 0x90, 0x80, 0x80] + u(#""]"#), "invalid UTF-8 byte 0xF4 in a string", 2 ..< 3),
        SyntaxCase("truncated 3-byte sequence in a string", bytes: u(#"[""#) + [0xE4, 0xB8] + u(#""]"#), "invalid UTF-8 byte 0xE4 in a string", 2 ..< 3),
        SyntaxCase("truncated 4-byte sequence in a string", bytes: u(#"[""#) + [0xF0, 0x9F, 0x98] + u(#""]"#), "invalid UTF-8 byte 0xF0 in a string", 2 ..< 3),
        SyntaxCase("truncated sequence at the end of the file", bytes: u(#"[""#) + [0xE4], "invalid UTF-8 byte 0xE4 in a string", 2 ..< 3),
        SyntaxCase("lone continuation byte in a string", bytes: u(#"["a"#) + [0x80] + u(#""]"#), "invalid UTF-8 byte 0x80 in a string", 3 ..< 4),
        SyntaxCase("invalid byte after an accented letter", bytes: u(#"["é"#) + [0xFF] + u(#""]"#), "invalid UTF-8 byte 0xFF in a string", 4 ..< 5, column: 4),
        // Outside strings.
        SyntaxCase("0xFF outside strings", bytes: u("[") + [0xFF] + u("]"), "invalid UTF-8 byte 0xFF: expected a value", 1 ..< 2),
        SyntaxCase("overlong C0 AF where ':' is expected", bytes: u(#"{"a""#) + [0xC0, 0xAF] + u("}"), "invalid UTF-8 byte 0xC0: expected ':' after the member name", 4 ..< 5),
        SyntaxCase("encoded surrogate at the start", bytes: [0xED, 0xA0, 0x80], "invalid UTF-8 byte 0xED: expected a value", 0 ..< 1),
        SyntaxCase("F5 after a comma", bytes: u("[1,") + [0xF5] + u("]"), "invalid UTF-8 byte 0xF5: expected a value", 3 ..< 4),
        SyntaxCase("truncated sequence after a member", bytes: u(#"{"a":1"#) + [0xF0, 0x9F] + u("}"), "invalid UTF-8 byte 0xF0: expected ',' or '}' after a member", 6 ..< 7),
        SyntaxCase("valid non-ASCII outside strings", "[é]", "unexpected character 'é': expected a value", 1 ..< 3),
        SyntaxCase("no-break space as whitespace", "[\u{A0}1]", "unexpected character '\u{A0}'", 1 ..< 3),
        SyntaxCase("form feed as whitespace", "[\u{0C}1]", "unexpected U+000C: expected a value", 1 ..< 2),
        SyntaxCase("NUL outside strings", bytes: u("[") + [0x00] + u("]"), "unexpected U+0000: expected a value", 1 ..< 2),
        SyntaxCase("NUL before the document", bytes: [0x00] + u("{}"), "unexpected U+0000: expected a value", 0 ..< 1),
        SyntaxCase("NUL after the document", bytes: u("{}") + [0x00], "unexpected content after the end of the JSON document", 2 ..< 3),
        SyntaxCase("NUL where a name is expected", bytes: u("{") + [0x00] + u("}"), "unexpected U+0000: expected a member name in double quotes", 1 ..< 2),
    ]

    static let escapeCases: [SyntaxCase] = [
        SyntaxCase("lone high surrogate escape", #"["\ud800"]"#, #"lone surrogate escape \uD800: a high surrogate must be followed by a low surrogate escape"#, 2 ..< 8),
        SyntaxCase("high surrogate followed by a non-low escape", #"["\ud800\u0041"]"#, #"lone surrogate escape \uD800: a high surrogate"#, 2 ..< 8),
        SyntaxCase("two high surrogates", #"["\uD800\uDBFF"]"#, #"lone surrogate escape \uD800"#, 2 ..< 8),
        SyntaxCase("high surrogate followed by a character", #"["\ud800x"]"#, #"lone surrogate escape \uD800"#, 2 ..< 8),
        SyntaxCase("high surrogate followed by a short escape", #"["\ud800\udc"]"#, #"lone surrogate escape \uD800"#, 2 ..< 8),
        SyntaxCase("high surrogate at the end of the string", #"["ab\uDBFF"]"#, #"lone surrogate escape \uDBFF"#, 4 ..< 10),
        SyntaxCase("lone low surrogate escape", #"["\udc00"]"#, #"lone surrogate escape \uDC00: a low surrogate must follow a high surrogate"#, 2 ..< 8),
        SyntaxCase("low surrogate before a high one", #"["\udc00\ud800"]"#, #"lone surrogate escape \uDC00"#, 2 ..< 8),
        SyntaxCase("lone low surrogate in a member value", #"{"k":"ab\uDFFF"}"#, #"lone surrogate escape \uDFFF"#, 8 ..< 14),
        SyntaxCase("invalid escape \\x", #"["\x41"]"#, #"invalid escape '\x': JSON allows"#, 2 ..< 4),
        SyntaxCase("invalid escape \\'", #"["it\'s"]"#, #"invalid escape '\''"#, 4 ..< 6),
        SyntaxCase("invalid escape \\U", #"["\U00e9"]"#, #"invalid escape '\U'"#, 2 ..< 4),
        SyntaxCase("invalid escape \\0", #"["\0"]"#, #"invalid escape '\0'"#, 2 ..< 4),
        SyntaxCase("invalid escape \\a in a key", #"{"\a":1}"#, #"invalid escape '\a'"#, 2 ..< 4),
        SyntaxCase("escaped non-ASCII letter", #"["\é"]"#, #"invalid escape '\é'"#, 2 ..< 5),
        SyntaxCase("short \\u escape", #"["\u12"]"#, #"\u must be followed by four hexadecimal digits"#, 2 ..< 7),
        SyntaxCase("non-hex \\u escape", #"["\uZZZZ"]"#, "four hexadecimal digits", 2 ..< 5),
        SyntaxCase("\\u escape with a non-hex third digit", #"["\u00g0"]"#, "four hexadecimal digits", 2 ..< 7),
        SyntaxCase("\\u escape cut by the end of the file", #""\u12"#, "four hexadecimal digits", 1 ..< 5),
        SyntaxCase("backslash at the end of the file", #""abc\"#, #"unterminated string: add the closing '"'"#, 0 ..< 5),
    ]

    static let structureCases: [SyntaxCase] = [
        // Trailing commas: the position is the comma.
        SyntaxCase("trailing comma in an array", "[1,2,]", "trailing comma before ']': remove the ','", 4 ..< 5),
        SyntaxCase("trailing comma in an array, bracket on the next line", "[\n  1,\n]", "trailing comma before ']'", 5 ..< 6, line: 2, column: 4),
        SyntaxCase("trailing comma in an object", "{\n  \"a\": 1,\n}", "trailing comma before '}': remove the ','", 10 ..< 11, line: 2, column: 9),
        SyntaxCase("trailing comma in a nested object", #"{"a":{"b":1,},"c":2}"#, "trailing comma before '}'", 11 ..< 12),
        SyntaxCase("trailing comma in a CRLF file", "{\r\n\"a\": 1,\r\n}", "trailing comma before '}'", 9 ..< 10, line: 2, column: 7),
        // Comments.
        SyntaxCase("line comment before the document", "// c\n{}", "comments are not allowed in JSON: remove the comment", 0 ..< 4),
        SyntaxCase("block comment inside an object", #"{"a": 1 /* c */}"#, "comments are not allowed in JSON", 8 ..< 15),
        SyntaxCase("unterminated block comment", "[/* x", "comments are not allowed in JSON", 1 ..< 5),
        SyntaxCase("line comment after the document", "{} // done", "comments are not allowed in JSON", 3 ..< 10),
        SyntaxCase("line comment on line 2 of a CRLF file", "{\r\n// c\r\n}", "comments are not allowed in JSON", 3 ..< 7, line: 2, column: 1),
        SyntaxCase("lone slash", "[/]", "unexpected '/': expected a value", 1 ..< 2),
        SyntaxCase("slash where a name is expected", "{/}", "unexpected '/': expected a member name in double quotes (comments are not allowed in JSON)", 1 ..< 2),
        // Unterminated strings and raw control characters.
        SyntaxCase("unterminated string value", #"{"a": "abc"#, #"unterminated string: add the closing '"'"#, 6 ..< 10),
        SyntaxCase("unterminated member name", #"{"abc"#, "unterminated string", 1 ..< 5),
        SyntaxCase("lone quote", "\"", "unterminated string", 0 ..< 1),
        SyntaxCase("raw line break in a string", "{\"a\": \"x\ny\"}", "a line break inside a string must be escaped: write \\n", 8 ..< 9),
        SyntaxCase("raw tab in a string", "[\"\t\"]", "a tab inside a string must be escaped: write \\t", 2 ..< 3),
        SyntaxCase("raw carriage return in a string", "[\"a\rb\"]", "a carriage return inside a string must be escaped", 3 ..< 4),
        SyntaxCase("raw U+0001 in a string", bytes: u(#"[""#) + [0x01] + u(#""]"#), "control character U+0001 inside a string must be escaped: escape it as \\u0001", 2 ..< 3),
        SyntaxCase("raw NUL in a string", bytes: u(#"["a"#) + [0x00] + u(#""]"#), "control character U+0000 inside a string must be escaped", 3 ..< 4),
        SyntaxCase("raw U+001F in a key", bytes: u(#"{""#) + [0x1F] + u(#"":1}"#), "control character U+001F", 2 ..< 3),
        // Numbers.
        SyntaxCase("leading zero", "[01]", "numbers must not have leading zeros", 1 ..< 3),
        SyntaxCase("negative number with a leading zero", "-012", "numbers must not have leading zeros", 0 ..< 4),
        SyntaxCase("double zero", "00", "leading zeros", 0 ..< 2),
        SyntaxCase("leading zero before a fraction", "[0123.5]", "leading zeros", 1 ..< 5),
        SyntaxCase("number starting with '.'", ".5", "a JSON number starts with '-' or a digit: write 0.5, not .5", 0 ..< 1),
        SyntaxCase("number starting with '.' in an array", "[.5]", "write 0.5, not .5", 1 ..< 2),
        SyntaxCase("number starting with '+'", "+1", "and 5, not +5", 0 ..< 1),
        SyntaxCase("number starting with '+' as a member value", #"{"a": +1}"#, "a JSON number starts with '-' or a digit", 6 ..< 7),
        SyntaxCase("number ending with '.'", "1.", "expected a digit after the decimal point", 0 ..< 2),
        SyntaxCase("'.' before an exponent", "[1.e5]", "expected a digit after the decimal point", 1 ..< 3),
        SyntaxCase("empty exponent", "1e", "expected a digit in the exponent", 0 ..< 2),
        SyntaxCase("exponent with only a sign", "1e+", "expected a digit in the exponent", 0 ..< 3),
        SyntaxCase("exponent with only a sign in an array", "[1E-]", "expected a digit in the exponent", 1 ..< 4),
        SyntaxCase("lone minus", "-", "expected a digit after '-'", 0 ..< 1),
        SyntaxCase("lone minus in an array", "[-]", "expected a digit after '-'", 1 ..< 3),  // the '-' and what follows it
        SyntaxCase("minus before '.'", "-.5", "expected a digit after '-'", 0 ..< 2),
        SyntaxCase("hexadecimal number", "0x10", "unexpected content after the end of the JSON document", 1 ..< 4),
        SyntaxCase("NaN", "NaN", "unexpected 'NaN': expected a value; JSON has no NaN: write a finite number", 0 ..< 3),
        SyntaxCase("NaN in an array", "[1, NaN]", "unexpected 'NaN'", 4 ..< 7),
        SyntaxCase("Infinity", "Infinity", "JSON has no Infinity: write a finite number", 0 ..< 8),
        SyntaxCase("-Infinity", #"{"a": -Infinity}"#, "unexpected '-Infinity': expected a value; JSON has no -Infinity", 6 ..< 15),
        SyntaxCase("-NaN", "-NaN", "unexpected '-NaN'", 0 ..< 4),
        SyntaxCase("1e999999", "1e999999", "number 1e999999 is out of the range of any numeric type (the largest is about 1.8e308)", 0 ..< 8),
        SyntaxCase("-1e400", "[-1e400]", "number -1e400 is out of the range", 1 ..< 7),
        SyntaxCase("2e308 as a member value", #"{"n": 2e308}"#, "number 2e308 is out of the range", 6 ..< 11),
        SyntaxCase("1.8e308", "1.8e308", "out of the range", 0 ..< 7),
        SyntaxCase("400-digit integer", "1" + String(repeating: "0", count: 400), "is out of the range", 0 ..< 401),
        // Literals.
        SyntaxCase("True", "True", "unexpected 'True': expected a value; write true", 0 ..< 4),
        SyntaxCase("False as a member value", #"{"a":False}"#, "unexpected 'False': expected a value; write false", 5 ..< 10),
        SyntaxCase("None", "[None]", "unexpected 'None': expected a value; write null", 1 ..< 5),
        SyntaxCase("NULL", "NULL", "write null", 0 ..< 4),
        SyntaxCase("undefined", "undefined", "write null", 0 ..< 9),
        SyntaxCase("truncated literal", "[tru]", "unexpected 'tru': expected a value", 1 ..< 4),
        SyntaxCase("literal with extra letters", "nulls", "unexpected 'nulls': expected a value", 0 ..< 5),
        SyntaxCase("bare word", "[abc]", "unexpected 'abc': expected a value", 1 ..< 4),
        SyntaxCase("bare word as a member value", #"{"a": yes}"#, "unexpected 'yes': expected a value", 6 ..< 9),
        // Quotes and member names.
        SyntaxCase("single-quoted value", "['a']", "strings must be in double quotes, not single quotes", 1 ..< 2),
        SyntaxCase("single-quoted name", "{'a': 1}", "strings must be in double quotes, not single quotes", 1 ..< 2),
        SyntaxCase("unquoted name", "{a: 1}", #"member names must be strings in double quotes: write "a""#, 1 ..< 2),
        SyntaxCase("unquoted name after a member", #"{"x":1, Name_2: 2}"#, #"write "Name_2""#, 8 ..< 14),
        SyntaxCase("number as a name", "{1:2}", #"member names must be strings in double quotes: write "1""#, 1 ..< 2),
        SyntaxCase("missing colon", #"{"a" 1}"#, "unexpected '1': expected ':' after the member name", 5 ..< 6),
        SyntaxCase("comma instead of a colon", #"{"a", "b"}"#, "unexpected ',': expected ':' after the member name", 4 ..< 5),
        SyntaxCase("missing comma in an array", "[1 2]", "unexpected '2': expected ',' or ']' after an element", 3 ..< 4),
        SyntaxCase("missing comma in an object", #"{"a":1 "b":2}"#, #"unexpected '"': expected ',' or '}' after a member"#, 7 ..< 8),
        SyntaxCase("missing comma in a lone-CR file", "[\r1\r2]", "expected ',' or ']' after an element", 4 ..< 5, line: 3, column: 1),
        // Brackets and commas.
        SyntaxCase("']' closing an object", "{]", "unexpected ']': expected a member name in double quotes", 1 ..< 2),
        SyntaxCase("'}' closing an array", "[}", "unexpected '}': expected a value", 1 ..< 2),
        SyntaxCase("'}' after an element", "[1}", "unexpected '}': expected ',' or ']' after an element", 2 ..< 3),
        SyntaxCase("']' after a member", #"{"a":1]"#, "unexpected ']': expected ',' or '}' after a member", 6 ..< 7),
        SyntaxCase("leading comma", "[,1]", "unexpected ',': expected a value", 1 ..< 2),
        SyntaxCase("double comma", "[1,,2]", "unexpected ',': expected a value", 3 ..< 4),
        SyntaxCase("comma in an empty object", "{,}", "unexpected ',': expected a member name", 1 ..< 2),
        SyntaxCase("colon in an array", "[1:2]", "unexpected ':': expected ',' or ']'", 2 ..< 3),
        SyntaxCase("lone closing bracket", "]", "unexpected ']': expected a value", 0 ..< 1),
        // Content after the document.
        SyntaxCase("two objects", "{} {}", "unexpected content after the end of the JSON document: remove it, or wrap several values in an array", 3 ..< 5),
        SyntaxCase("letter after the object", "{}x", "unexpected content after the end of the JSON document", 2 ..< 3),
        SyntaxCase("two numbers", "1 2", "unexpected content after the end of the JSON document", 2 ..< 3),
        SyntaxCase("extra bracket on the next line", "{}\n]", "unexpected content after the end of the JSON document", 3 ..< 4, line: 2, column: 1),
        // Unexpected end of input.
        SyntaxCase("object cut after a name", #"{"a""#, "unexpected end of input: expected ':'; close the object opened at line 1, column 1 with '}'", 4 ..< 4),
        SyntaxCase("object cut after a colon", #"{"a":"#, "unexpected end of input: expected a value; close the object opened at line 1, column 1 with '}'", 5 ..< 5),
        SyntaxCase("object cut after a value", #"{"a":1"#, "unexpected end of input: expected ',' or '}'", 6 ..< 6),
        SyntaxCase("object cut after its brace", "{", "unexpected end of input: expected a member name in double quotes; close the object opened at line 1, column 1 with '}'", 1 ..< 1),
        SyntaxCase("object cut after a comma", #"{"a":1,"#, "; close the object opened at line 1, column 1 with '}'", 7 ..< 7),
        SyntaxCase("array cut after its bracket", "[", "unexpected end of input: expected a value; close the array opened at line 1, column 1 with ']'", 1 ..< 1),
        SyntaxCase("array cut after a comma", "[1,", "unexpected end of input: expected a value; close the array opened at line 1, column 1 with ']'", 3 ..< 3),
        SyntaxCase("array cut after an element", "[1", "unexpected end of input: expected ',' or ']'; close the array", 2 ..< 2),
        SyntaxCase("nested array cut on line 2", "{\n  \"a\": [", "close the array opened at line 2, column 8 with ']'", 10 ..< 10, line: 2, column: 9),
        SyntaxCase("array opened after an emoji", #"{"😀": ["#, "close the array opened at line 1, column 8 with ']'", 10 ..< 10, column: 9),
    ]

    static let positionCases: [SyntaxCase] = [
        SyntaxCase("error on line 3 after an emoji on line 2", "{\n\"😀\": 1,\n\"b\" 2}", "expected ':' after the member name", 17 ..< 18, line: 3, column: 5),
        SyntaxCase("error after an emoji on the same line", #"{"😀": 1 2}"#, "expected ',' or '}' after a member", 11 ..< 12, column: 10),
        SyntaxCase("error after CJK on the same line", #"{"中文": 1 2}"#, "expected ',' or '}' after a member", 13 ..< 14, column: 10),
        SyntaxCase("error after a combining mark", "{\"e\u{301}\": 1 2}", "expected ',' or '}' after a member", 10 ..< 11, column: 10),
        SyntaxCase("error after a BOM and an emoji", bytes: bom + u(#"{"😀" 1}"#), "expected ':' after the member name", 11 ..< 12, column: 7),
        SyntaxCase("error on line 3 of a CRLF file after an emoji", "[\r\n1,\r\n\"😀\" 2]", "unexpected '2': expected ',' or ']' after an element", 14 ..< 15, line: 3, column: 6),
        SyntaxCase("error on line 3 of a lone-CR file", "[\r1,\r\"中\",x]", "unexpected 'x': expected a value", 11 ..< 12, line: 3, column: 5),
    ]

    @Test(arguments: emptyCases + utf8Cases + escapeCases + structureCases + positionCases)
    func syntaxError(_ c: SyntaxCase) throws {
        let doc = JSONParser.parse(c.bytes)
        #expect(doc.root == nil)
        let error = try #require(doc.syntaxError)
        #expect(error.message.contains(c.message), "message was: \(error.message)")
        #expect(error.range == range(c.range), "range was \(error.range.start)..<\(error.range.end)")
        let position = LineTable(c.bytes).position(of: error.range.start)
        #expect(position == LineTable.Position(line: c.line, column: c.column))
    }

    @Test func parserStopsAtTheFirstError() throws {
        let doc = JSONParser.parse("[1, 02, 'x', // c\n]")
        let error = try #require(doc.syntaxError)
        #expect(error.message.contains("leading zeros"))
        #expect(error.range == range(4 ..< 6))
        #expect(doc.root == nil)
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let (doc, root) = try parsed(bom + u(#"{"a": [1]}"#))
        #expect(JSONParser.byteOrderMarkLength(doc.bytes) == 3)
        #expect(JSONParser.byteOrderMarkLength(u("{}")) == 0)
        #expect(doc[root].range == range(3 ..< 13))
        let table = LineTable(doc.bytes)
        #expect(table.position(of: Int(doc[root].start)) == .init(line: 1, column: 1))
        let member = doc.members(of: root)[0]
        #expect(table.position(of: Int(doc[member.key].start)) == .init(line: 1, column: 2))
        #expect(table.position(of: Int(doc[member.value].start)) == .init(line: 1, column: 7))
        // A BOM before a scalar root, and before whitespace.
        let (scalar, scalarRoot) = try parsed(bom + u(" 42 "))
        #expect(scalar[scalarRoot].range == range(4 ..< 6))
        #expect(LineTable(scalar.bytes).position(of: 4) == .init(line: 1, column: 2))
    }

    @Test func escapedControlCharactersAndRawDeleteAreAccepted() throws {
        let (doc, root) = try parsed(#"["\u0001\u001f\u007f", "\u0000", ""# + "\u{7F}\"]")
        let values = doc.elements(of: root).map { Array(doc.string($0).unicodeScalars) }
        #expect(values == [["\u{1}", "\u{1F}", "\u{7F}"], ["\u{0}"], ["\u{7F}"]])
    }

    // MARK: - Deep nesting

    @Test func millionOpenBracketsIsASyntaxError() throws {
        let n = 1_000_000
        let doc = JSONParser.parse([UInt8](repeating: UInt8(ascii: "["), count: n))
        #expect(doc.root == nil)
        let error = try #require(doc.syntaxError)
        #expect(error.range == .at(n))
        #expect(error.message.hasPrefix("unexpected end of input"))
        #expect(error.message.contains("close the array opened at line 1, column 1000000 with ']'"), "\(error.message)")
        #expect(doc.duplicateKeys().isEmpty)
    }

    @Test func millionNestedArraysParse() throws {
        let n = 1_000_000
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: n) + [UInt8](repeating: UInt8(ascii: "]"), count: n)
        var parsedDoc: JSONDocument?
        let parseTime = timed { parsedDoc = JSONParser.parse(bytes) }
        let doc = try #require(parsedDoc)
        #expect(doc.syntaxError == nil)
        let root = try #require(doc.root)
        #expect(doc.nodes.count == n)
        #expect(doc[root].range == range(0 ..< 2 * n))
        let deepest = Int32(n - 1)
        #expect(doc[deepest].range == range(n - 1 ..< n + 1))
        #expect(doc.count(of: deepest) == 0)

        var duplicates: [JSONDocument.DuplicateKey] = [.init(key: 0, first: 0)]
        var parents: [Int32] = []
        var pointer = JSONPointer.root
        let walkTime = timed {
            duplicates = doc.duplicateKeys()
            parents = doc.parents()
            pointer = doc.pointer(to: deepest, parents: parents)
        }
        #expect(duplicates.isEmpty)
        #expect(parents[0] == -1)
        #expect(parents[n - 1] == Int32(n - 2))
        #expect(pointer.tokens.count == n - 1)
        #expect(pointer.tokens.allSatisfy { $0 == "0" })
        #expect(pointer.description == String(repeating: "/0", count: n - 1))
        #expect(parseTime < .seconds(30), "parse took \(parseTime)")
        #expect(walkTime < .seconds(30), "duplicateKeys/parents/pointer took \(walkTime)")
    }

    @Test func millionNestedArraysWithGarbageAfterThem() throws {
        let n = 1_000_000
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: n) + [UInt8](repeating: UInt8(ascii: "]"), count: n) + u(" x")
        let doc = JSONParser.parse(bytes)
        let error = try #require(doc.syntaxError)
        #expect(error.message.contains("unexpected content after the end of the JSON document"))
        #expect(error.range == range(2 * n + 1 ..< 2 * n + 2))
    }

    @Test func unterminatedDeepObjectsAreASyntaxError() throws {
        let n = 300_000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(5 * n)
        for _ in 0 ..< n { bytes += u(#"{"a":"#) }
        let doc = JSONParser.parse(bytes)
        #expect(doc.root == nil)
        let error = try #require(doc.syntaxError)
        #expect(error.range == .at(5 * n))
        #expect(error.message.contains("unexpected end of input: expected a value; close the object opened at line 1, column \(5 * n - 4) with '}'"), "\(error.message)")
    }

    @Test func deepObjectsParseAndWalkWithoutRecursion() throws {
        let n = 300_000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(6 * n + 16)
        for _ in 0 ..< n - 1 { bytes += u(#"{"a":"#) }
        bytes += u(#"{"a":1,"\u0061":2}"#)  // the innermost object repeats its key
        bytes += [UInt8](repeating: UInt8(ascii: "}"), count: n - 1)
        let doc = JSONParser.parse(bytes)
        #expect(doc.syntaxError == nil)
        let root = try #require(doc.root)
        #expect(doc[root].range == range(0 ..< bytes.count))
        #expect(doc.nodes.count == 2 * n + 3)

        var duplicates: [JSONDocument.DuplicateKey] = []
        var parents: [Int32] = []
        var valuePointer = JSONPointer.root
        var keyPointer = JSONPointer.root
        let innermostValue = Int32(doc.nodes.count - 1)
        let elapsed = timed {
            duplicates = doc.duplicateKeys()
            parents = doc.parents()
            valuePointer = doc.pointer(to: innermostValue, parents: parents)
            keyPointer = doc.pointer(to: innermostValue - 1, parents: parents)
        }
        #expect(duplicates.count == 1)
        if let duplicate = duplicates.first {
            #expect(doc.literal(duplicate.key) == #""\u0061""#)
            #expect(doc.literal(duplicate.first) == #""a""#)
            #expect(doc.pointer(to: duplicate.key, parents: parents).tokens.count == n)
        }
        #expect(doc.literal(innermostValue) == "2")
        #expect(valuePointer.tokens.count == n)
        #expect(valuePointer.description == String(repeating: "/a", count: n))
        #expect(keyPointer == valuePointer)
        #expect(elapsed < .seconds(30), "duplicateKeys/parents/pointer took \(elapsed)")
    }

    // MARK: - Duplicate keys

    @Test func duplicateKeySameName() throws {
        let (doc, root) = try parsed(#"{"a":1,"a":2}"#)
        let duplicates = doc.duplicateKeys()
        #expect(duplicates.count == 1)
        let d = try #require(duplicates.first)
        #expect(doc[d.key].range == range(7 ..< 10))
        #expect(doc[d.first].range == range(1 ..< 4))
        #expect(doc.value(at: root) == .object([("a", .integer(2))]))
    }

    @Test func duplicateKeyWrittenWithAnEscape() throws {
        let (doc, _) = try parsed(#"{"a":1,"\u0061":2}"#)
        let duplicates = doc.duplicateKeys()
        #expect(duplicates.count == 1)
        #expect(duplicates.first.map { doc[$0.key].range } == range(7 ..< 15))
        #expect(duplicates.first.map { doc[$0.first].range } == range(1 ..< 4))
    }

    @Test func repeatedKeyPointsAtItsFirstOccurrence() throws {
        let (doc, _) = try parsed(#"{"a":1,"b":2,"a":3,"\u0061":4,"":5,"":6}"#)
        let duplicates = doc.duplicateKeys()
        #expect(duplicates.map { doc[$0.key].range } == [range(13 ..< 16), range(19 ..< 27), range(35 ..< 37)])
        #expect(duplicates.map { doc[$0.first].range } == [range(1 ..< 4), range(1 ..< 4), range(30 ..< 32)])
    }

    @Test func duplicateKeysInNestedObjects() throws {
        let (doc, _) = try parsed(#"{"o":{"b":1,"b":2},"p":[{"c":1,"\u0063":2}],"b":3,"q":[{"x":1},{"x":2}]}"#)
        let duplicates = doc.duplicateKeys()
        let parents = doc.parents()
        #expect(duplicates.map { doc.pointer(to: $0.key, parents: parents).description } == ["/o/b", "/p/0/c"])
        #expect(duplicates.map { doc.string($0.first) } == ["b", "c"])
    }

    @Test(arguments: [
        #"{"a":1,"A":2,"ab":3,"aB":4}"#,
        #"{"\u00e9":1,"e\u0301":2}"#,  // canonically equivalent, different code points
        "{\"\u{E9}\":1,\"e\u{301}\":2}",
        #"{"\u00e9":1,"e\u0301":2,"x":3}"#,
        #"[{"a":1},{"a":2}]"#,
        #"{"a":{"a":{"a":1}}}"#,
        #"{"a b":1,"ab":2,"a\u0000":3,"a":4}"#,
    ])
    func noDuplicateKeys(text: String) throws {
        let (doc, _) = try parsed(text)
        #expect(doc.duplicateKeys().isEmpty)
    }

    @Test func duplicateKeysInALargeObject() throws {
        // More than 16 members takes the hashed path.
        var members = (0 ..< 40).map { #""k\#($0)":\#($0)"# }
        members += [#""k\u0035":40"#, #""K7":41"#, #""k7":42"#, #""\u00e9":43"#, #""e\u0301":44"#, "\"e\u{301}\":45"]
        let (doc, root) = try parsed("{" + members.joined(separator: ",") + "}")
        let keys = doc.members(of: root).map(\.key)
        #expect(keys.count == 46)
        let duplicates = doc.duplicateKeys()
        #expect(duplicates.map(\.key) == [keys[40], keys[42], keys[45]])
        #expect(duplicates.map(\.first) == [keys[5], keys[7], keys[44]])
    }

    @Test(arguments: [2, 15, 16, 17, 18, 40])
    func duplicateKeyAtTheEndOfAnObject(memberCount: Int) throws {
        var members = (0 ..< memberCount - 1).map { #""m\#($0)":\#($0)"# }
        members.append(#""\u006d0":"last""#)
        let (doc, root) = try parsed("{" + members.joined(separator: ",") + "}")
        let keys = doc.members(of: root).map(\.key)
        let duplicates = doc.duplicateKeys()
        #expect(duplicates.count == 1)
        #expect(duplicates.first?.key == keys.last)
        #expect(duplicates.first?.first == keys.first)
    }

    // MARK: - Parents and pointers

    @Test func parentsAndPointersOfEveryNode() throws {
        let (doc, _) = try parsed(#"{"a":[10,{"b/c":true,"m~n":null}],"":1}"#)
        let parents = doc.parents()
        #expect(parents == [-1, 0, 0, 2, 2, 4, 4, 4, 4, 0, 0])
        let pointers = doc.nodes.indices.map { doc.pointer(to: Int32($0), parents: parents).description }
        #expect(pointers == ["", "/a", "/a", "/a/0", "/a/1", "/a/1/b~1c", "/a/1/b~1c", "/a/1/m~0n", "/a/1/m~0n", "/", "/"])
        #expect(doc.pointer(to: 5, parents: parents).tokens == ["a", "1", "b/c"])
        for index in doc.nodes.indices {
            let pointer = doc.pointer(to: Int32(index), parents: parents)
            #expect(JSONPointer(pointer.description) == pointer)
        }
    }

    @Test func pointersUseDecodedKeys() throws {
        let (doc, root) = try parsed(#"{"x\u002Fy":{"~1":[0,{"\u00e9":"v"}]}}"#)
        let parents = doc.parents()
        let inner = doc.members(of: root)[0].value
        let array = doc.members(of: inner)[0].value
        let object = doc.elements(of: array).last!
        let value = doc.members(of: object)[0].value
        let pointer = doc.pointer(to: value, parents: parents)
        #expect(pointer.tokens == ["x/y", "~1", "1", "\u{E9}"])
        #expect(pointer.description == "/x~1y/~01/1/\u{E9}")
        #expect(doc.pointer(to: root, parents: parents) == .root)
    }

    // MARK: - JSONPointer

    @Test func pointerRoot() {
        #expect(JSONPointer("") == JSONPointer.root)
        #expect(JSONPointer.root.description == "")
        #expect(JSONPointer.root.tokens.isEmpty)
        #expect(JSONPointer.root.appending("a").appending(0).description == "/a/0")
    }

    @Test(arguments: [
        ("/", [""]),
        ("//", ["", ""]),
        ("/a", ["a"]),
        ("/a~1b/c~0d", ["a/b", "c~d"]),
        ("/~01", ["~1"]),
        ("/~10", ["/0"]),
        ("/~0~1", ["~/"]),
        ("/0/-/ /x", ["0", "-", " ", "x"]),
        ("/a\\b/c\"d/%25", ["a\\b", "c\"d", "%25"]),
        ("/\u{E9}/😀", ["\u{E9}", "😀"]),
        ("/a/\u{301}", ["a", "\u{301}"]),  // a combining mark right after '/'
        ("/\u{301}", ["\u{301}"]),
        ("/~0\u{301}/~1\u{301}", ["~\u{301}", "/\u{301}"]),
    ])
    func pointerParsing(text: String, tokens: [String]) throws {
        let pointer = try #require(JSONPointer(text))
        #expect(pointer.tokens.map { Array($0.unicodeScalars) } == tokens.map { Array($0.unicodeScalars) })
        #expect(Array(pointer.description.unicodeScalars) == Array(text.unicodeScalars))
    }

    @Test(arguments: ["a", "#/a", "/~", "/~2", "/a~", "/~a", "/a/~/b"])
    func malformedPointers(text: String) {
        #expect(JSONPointer(text) == nil)
    }

    @Test(arguments: [
        ["a/b", "c~d", "", "~1", "0"],
        ["~", "/", "~~//"],
        ["~\u{301}", "/\u{301}", "\u{301}", "e\u{301}"],
        ["😀/👨‍👩‍👧", "\u{0}"],
    ])
    func pointerRoundTrip(tokens: [String]) throws {
        let pointer = JSONPointer(tokens: tokens)
        let text = pointer.description
        // Every '~' in the string form is an escape, and there is one '/' per token.
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() where scalar == "~" {
            #expect(i + 1 < scalars.count && (scalars[i + 1] == "0" || scalars[i + 1] == "1"), "bad escape in \(text.debugDescription)")
        }
        #expect(scalars.filter { $0 == "/" }.count == tokens.count)
        let back = try #require(JSONPointer(text))
        #expect(back.tokens.map { Array($0.unicodeScalars) } == tokens.map { Array($0.unicodeScalars) })
    }

    @Test func pointerDescriptionEscapesTildeBeforeSlash() {
        #expect(JSONPointer(tokens: ["a/b"]).description == "/a~1b")
        #expect(JSONPointer(tokens: ["m~n"]).description == "/m~0n")
        #expect(JSONPointer(tokens: ["~1"]).description == "/~01")
        #expect(JSONPointer(tokens: ["/0"]).description == "/~10")
        #expect(JSONPointer(tokens: [""]).description == "/")
    }

    // MARK: - Writer round trip

    @Test(arguments: [
        "plain",
        "quote \" here",
        "back\\slash",
        "line\nfeed\r\ttab\u{8}\u{C}",
        "\u{0}\u{1}\u{1F}\u{7F}",
        "sep\u{2028}par\u{2029}",
        "😀 👨‍👩‍👧 🇫🇷",
        "e\u{301} and \u{E9}",
        "slash / tilde ~",
        "中文",
        "\\u0041 is not an escape here",
        "",
    ])
    func writeStringRoundTrip(_ s: String) throws {
        var out = ""
        JSONValue.writeString(s, to: &out)
        // Nothing a strict reader could trip on: no raw control characters, no raw U+2028/U+2029.
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}" })
        let (doc, root) = try parsed(out)
        #expect(doc[root].kind == .string)
        #expect(doc[root].range == range(0 ..< out.utf8.count))
        #expect(Array(doc.string(root).unicodeScalars) == Array(s.unicodeScalars))
        #expect(doc.codePointCount(root) == s.unicodeScalars.count)
    }

    @Test func writeStringEscapes() {
        var out = ""
        JSONValue.writeString("a\"b\\c\n\u{1}\u{7F}\u{2028}😀/", to: &out)
        #expect(out == #""a\"b\\c\n\u0001\u007F\u2028😀/""#)
    }

    @Test(arguments: [false, true])
    func serializedValueRoundTrip(pretty: Bool) throws {
        let value: JSONValue = .object([
            ("name", .string("a\"b\u{2028}😀")),
            ("list", .array([.integer(1), .integer(-9_223_372_036_854_775_808), .double(2.5), .bool(true), .bool(false), .null, .object([]), .array([])])),
            ("nested", .object([("x/y~z", .array([.object([("", .string(""))])]))])),
        ])
        let (doc, root) = try parsed(value.serialized(pretty: pretty))
        #expect(doc.value(at: root) == value)
        #expect(doc.duplicateKeys().isEmpty)
    }
}
