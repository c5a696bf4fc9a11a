import ReqLintCore
import ReqLintYAML
import Testing

/// What cannot be read: one `syntax` diagnostic at the place, and no document.
struct SyntaxErrorTests {
    /// The single syntax diagnostic of `bytes`, requiring that there is no document.
    func syntaxError(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let (document, diagnostics) = YAMLRequestDocument.parse(bytes)
        #expect(document == nil, sourceLocation: sourceLocation)
        #expect(diagnostics.count == 1, "\(diagnostics.map(\.message))", sourceLocation: sourceLocation)
        let diagnostic = try #require(diagnostics.first, sourceLocation: sourceLocation)
        #expect(diagnostic.rule == .syntax, sourceLocation: sourceLocation)
        #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
        return diagnostic
    }

    func syntaxError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        try syntaxError(Array(text.utf8), sourceLocation: sourceLocation)
    }

    @Test func libyamlErrorsAtTheirPosition() throws {
        var d = try syntaxError("a: b: c\n")
        #expect(d.range == SourceRange(start: 4, end: 5))
        #expect(d.message.hasPrefix("mapping values are not allowed in this context"))

        d = try syntaxError("a: 1\n b: 2\n")
        #expect(d.range == SourceRange(start: 7, end: 8))
        #expect(d.message.hasPrefix("mapping values are not allowed in this context"))

        d = try syntaxError("a:\n\tb: 1\n")
        #expect(d.range == SourceRange(start: 3, end: 4))
        #expect(d.message.contains("indent with spaces, not tabs"))

        d = try syntaxError("a: \"unterminated\nb: 1\n")
        #expect(d.range == SourceRange(start: 22, end: 22))
        #expect(d.message.contains("found unexpected end of stream"))
        #expect(d.message.contains("while scanning a quoted scalar started at line 1, column 4"))

        d = try syntaxError("a: [1, 2\n")
        #expect(d.range.start == 9)
        d = try syntaxError("- a\nb: 1\n")
        #expect(d.range == SourceRange(start: 4, end: 5))

        // After multi-byte characters the position is a byte offset, not a character count.
        d = try syntaxError("é😀: x: y\n")
        #expect(d.range == SourceRange(start: 9, end: 10))
        d = try syntaxError("\u{FEFF}a: b: c\n")
        #expect(d.range == SourceRange(start: 7, end: 8))
        d = try syntaxError("k: 1\r\n😀: [\r\n")
        #expect(d.range.start == 15)
    }

    @Test func invalidBytes() throws {
        var d = try syntaxError([UInt8]("a: ".utf8) + [0xFF] + [UInt8]("\n".utf8))
        #expect(d.range == SourceRange(start: 3, end: 4))
        #expect(d.message == "invalid UTF-8 byte 0xFF: save the file as UTF-8")
        d = try syntaxError([UInt8]("a: 'x".utf8) + [0x00] + [UInt8]("'\n".utf8))
        #expect(d.range == SourceRange(start: 5, end: 6))
        #expect(d.message.contains("control character U+0000"))
        d = try syntaxError([UInt8]("a: é".utf8) + [0xE2, 0x82] + [UInt8]("\n".utf8))
        #expect(d.range == SourceRange(start: 5, end: 6))
        d = try syntaxError([UInt8]("a: \u{7F}\n".utf8))
        #expect(d.range == SourceRange(start: 3, end: 4))
        // UTF-16 with a byte order mark is not UTF-8.
        d = try syntaxError([0xFF, 0xFE, 0x61, 0x00])
        #expect(d.range == SourceRange(start: 0, end: 1))
        // A surrogate encoded in UTF-8 (CESU) is not UTF-8 either.
        d = try syntaxError([0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80])
        #expect(d.range == SourceRange(start: 3, end: 4))
    }

    @Test(arguments: ["", "\n", "   \n\n", "# just a comment\n", "---\n", "--- # c\n...\n", "\u{FEFF}"])
    func emptyStream(_ text: String) throws {
        let d = try syntaxError(text)
        #expect(d.message == "empty document: expected a mapping")
    }

    @Test(arguments: [
        ("1: a\n", "1", "member name 1 is a number to YAML, not a string: quote it (\"1\")"),
        ("true: a\n", "true", "member name true is a boolean to YAML"),
        ("null: a\n", "null", "member name null is null to YAML"),
        ("~: a\n", "~", "member name ~ is null to YAML"),
        ("1.5: a\n", "1.5", "is a number"),
        ("0x1F: a\n", "0x1F", "is a number"),
        ("? [a, b]\n: 1\n", "[a, b]", "a list cannot be a member name"),
        ("{{a: 1}: x}\n", "{a: 1}", "a mapping cannot be a member name"),
        ("a: .inf\n", ".inf", "unquoted .inf is infinity to YAML, which JSON cannot represent"),
        ("a: -.Inf\n", "-.Inf", "infinity"),
        ("a: .NaN\n", ".NaN", "not a number (NaN)"),
        ("a: 1e400\n", "1e400", "out of the range"),
        ("a: !!float .inf\n", ".inf", "not a finite number"),
    ])
    func valuesJSONCannotHold(_ text: String, _ at: String, _ message: String) throws {
        let d = try syntaxError(text)
        #expect(d.range == Support.range(of: at, in: text))
        #expect(d.message.contains(message), "\(d.message)")
    }

    @Test func emptyKey() throws {
        let d = try syntaxError("? \n: a\n")
        #expect(d.range == SourceRange(start: 1, end: 1))
        #expect(d.message == "empty member name: write a name before the ':'")
    }

    @Test func dataModelErrorsAreAllReported() {
        let (document, diagnostics) = YAMLRequestDocument.parse("1: a\nb: .nan\n2: c\n")
        #expect(document == nil)
        #expect(diagnostics.map(\.range.start) == [0, 8, 13])
        #expect(diagnostics.allSatisfy { $0.rule == .syntax })
    }

    @Test func aliasErrors() throws {
        var d = try syntaxError("a: *nowhere\n")
        #expect(d.range == SourceRange(start: 3, end: 11))
        #expect(d.message.contains("define &nowhere"))
        d = try syntaxError("a: &loop\n  b: *loop\n")
        #expect(d.range == Support.range(of: "*loop", in: "a: &loop\n  b: *loop\n"))
        #expect(d.message.contains("recursive"))
    }

    @Test func deepNestingIsRejectedNotCrashed() throws {
        // 512 levels are read; the 513th is reported where it starts.
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(YAMLRequestDocument.parse(ok).document != nil)
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        var d = try syntaxError(deep)
        #expect(d.range == SourceRange(start: 512, end: 513))
        #expect(d.message.contains("nested more than 512 levels"))
        // Far deeper input is stopped at the same place.
        d = try syntaxError(String(repeating: "[", count: 200_000))
        #expect(d.range == SourceRange(start: 512, end: 513))
        #expect(d.message.contains("nested more than 512 levels"))
        d = try syntaxError("a:\n  b: " + String(repeating: "['x', ", count: 2000))
        #expect(d.range.start == 8 + 510 * 6)
        d = try syntaxError(String(repeating: "{a: ", count: 100_000))
        #expect(d.range.start == 512 * 4)
        // Block nesting too.
        var block = ""
        for level in 0 ..< 600 { block += String(repeating: " ", count: level) + "k:\n" }
        d = try syntaxError(block)
        #expect(d.message.contains("nested more than 512 levels"))
        d = try syntaxError(String(repeating: "- ", count: 5000) + "x\n")
        #expect(d.range == SourceRange(start: 1024, end: 1025))
    }

    @Test func aliasExpansionIsBounded() throws {
        // "Billion laughs": nine levels of ten aliases each.
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1 ... 9 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let d = try syntaxError(text)
        #expect(d.message.contains("aliases expand this document"))
        // Aliases that nest a value too deeply.
        var nested = "l0: &l0 " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"
        nested += "l1: &l1 " + String(repeating: "[", count: 300) + "*l0" + String(repeating: "]", count: 300) + "\n"
        let e = try syntaxError(nested)
        #expect(e.message.contains("more than 512 levels"))
        #expect(e.range == Support.range(of: "*l0", in: nested))
    }

    @Test func arbitraryBytesNeverTrap() {
        var generator = SplitMix64(seed: 0x5EED)
        let fragments = ["a", ":", " ", "\n", "- ", "[", "]", "{", "}", ",", "'", "\"", "\\", "&x", "*x", "!!str", "!t", "|",
                         ">", "#", "? ", "---", "...", "%YAML 1.1", "\t", "\r\n", "é", "😀", "<<", "0x1F", ".inf", "yes", "\u{85}",
                         "\u{2028}", "\u{FEFF}", "1:30", "~", "%TAG ! tag:x,2000:", "&a [*a]", "\\u00e9"]
        for _ in 0 ..< 3000 {
            var text = ""
            for _ in 0 ..< Int(generator.next() % 40) { text += fragments[Int(generator.next() % UInt64(fragments.count))] }
            check(Array(text.utf8))
        }
        for _ in 0 ..< 500 {
            check((0 ..< Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
    }

    /// Parses `bytes` and checks the invariants every result keeps.
    func check(_ bytes: [UInt8]) {
        let (document, diagnostics) = YAMLRequestDocument.parse(bytes)
        for diagnostic in diagnostics {
            #expect(diagnostic.range.start >= 0 && diagnostic.range.end <= bytes.count, "\(bytes)")
        }
        if let document {
            #expect(!diagnostics.contains { $0.rule == .syntax })
            #expect(document.scalars?.count == document.nodes.count)
            for node in document.nodes {
                #expect(node.start >= 0 && node.start <= node.end && Int(node.end) <= bytes.count, "\(bytes)")
            }
            _ = document.parents()
            _ = document.duplicateKeys()
        } else {
            #expect(diagnostics.contains { $0.rule == .syntax }, "\(bytes)")
        }
    }
}

/// A small deterministic random number generator.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
