import ReqLintCore
import ReqLintYAML
import Testing

/// YAML-only hazards: each is reported at the exact node with a message that says what to
/// write instead.
struct HazardTests {
    /// The one diagnostic of `rule` for `text`.
    func only(_ rule: RuleID, in text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let found = Support.diagnostics(text).filter { $0.rule == rule }
        #expect(found.count == 1, "\(found.map(\.message))", sourceLocation: sourceLocation)
        return try #require(found.first, sourceLocation: sourceLocation)
    }

    @Test(arguments: ["yes", "no", "on", "off", "y", "n", "YES", "No", "oN", "OFF", "Y", "N"])
    func yaml11Booleans(_ word: String) throws {
        let text = "Name: \(word)\n"
        let diagnostic = try only(.yamlImplicitType, in: text)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.pointer.description == "/Name")
        #expect(diagnostic.range == SourceRange(start: 6, end: 6 + word.utf8.count))
        let value = ["yes", "on", "y"].contains(word.lowercased()) ? "true" : "false"
        #expect(diagnostic.message == "unquoted \(word) is a boolean to YAML 1.1 parsers and a string to others: quote it (\"\(word)\") or write \(value)")
        // It stays a string, as the AWS CLI reads it.
        let document = try Support.document(text)
        #expect(document.string(Support.node(document, "/Name")!) == word)
    }

    @Test(arguments: [
        ("0123", "octal number 0123 (83)", "write 123"),
        ("012345678901", "a string to YAML 1.1 parsers and the number 12345678901", "quote it (\"012345678901\") if the leading zero matters"),
        ("-0755", "the octal number -0755 (-493)", "write -755"),
        ("089", "a string to YAML 1.1 parsers and the number 89", "write 89"),
        ("1_000", "the number 1000 to the AWS CLI and YAML 1.1 parsers but a string to strict YAML 1.2 parsers", "write 1000"),
        ("1_0.5", "the number 10.5", "write 10.5"),
        ("1:30", "the base-60 number 90 to YAML 1.1 parsers and a string", "quote it (\"1:30\")"),
        ("2026-12-01", "a date to the AWS CLI's YAML loader", "quote it (\"2026-12-01\")"),
        ("2026-12-01T10:00:00Z", "a date", "quote it (\"2026-12-01T10:00:00Z\")"),
        ("2026-12-01 10:00:00.5 +01:00", "a date", "quote it"),
        ("1e3", "a string to YAML 1.1 parsers and the number 1e3 to YAML 1.2 parsers", "write 1.0e+3"),
        ("1.5e3", "the number 1.5e3", "write 1.5e+3"),
        ("0o17", "a string to YAML 1.1 parsers and the number 15", "write 15"),
    ])
    func numbersAndDates(_ value: String, _ says: String, _ fix: String) throws {
        let text = "Value: \(value)\n"
        let diagnostic = try only(.yamlImplicitType, in: text)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.range == Support.range(of: value, in: text))
        #expect(diagnostic.pointer.description == "/Value")
        #expect(diagnostic.message.hasPrefix("unquoted \(value) is "), "\(diagnostic.message)")
        #expect(diagnostic.message.contains(says), "\(diagnostic.message)")
        #expect(diagnostic.message.contains(fix), "\(diagnostic.message)")
    }

    @Test(arguments: ["true", "false", "null", "~", "42", "-1.5", "0.5", "0x1F", "plain words", "'yes'", "\"0123\"", "'2026-12-01'",
                      "|\n  yes", "ARN", "Yesterday", "1.0e+3", "version 1:30"])
    func noHazard(_ value: String) {
        #expect(Support.diagnostics("Value: \(value)\n").isEmpty, "\(Support.diagnostics("Value: \(value)\n").map(\.message))")
    }

    @Test func hazardousKeys() throws {
        let diagnostic = try only(.yamlImplicitType, in: "on: push\n")
        #expect(diagnostic.range == SourceRange(start: 0, end: 2))
        #expect(diagnostic.message == "unquoted on is a boolean to YAML 1.1 parsers and a string to others: quote it (\"on\")")
    }

    @Test func valueKey() throws {
        let diagnostic = try only(.yamlImplicitType, in: "a: =\n")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range == SourceRange(start: 3, end: 4))
    }

    // MARK: Anchors and aliases

    @Test func aliases() throws {
        let text = "Tags: &tags\n  - Key: team\n    Value: ml\nMore: *tags\n"
        let (document, diagnostics) = YAMLRequestDocument.parse(text)
        let alias = try #require(diagnostics.first { $0.rule == .yamlAlias })
        #expect(diagnostics.count == 1)
        #expect(alias.severity == .warning)
        #expect(alias.range == Support.range(of: "*tags", in: text))
        #expect(alias.pointer.description == "/More")
        #expect(alias.message.contains("anchored as &tags at line 1, column 7"), "\(alias.message)")
        #expect(alias.message.contains("write the value out here"))
        #expect(alias.related.map(\.range) == [Support.range(of: "&tags", in: text)])
        #expect(alias.related.map(\.pointer.description) == ["/Tags"])
        // The value is expanded, every copied node at the alias.
        let document_ = try #require(document)
        let copied = try #require(Support.node(document_, "/More/0/Value"))
        #expect(document_.string(copied) == "ml")
        #expect(document_[copied].range == Support.range(of: "*tags", in: text))
    }

    @Test func unusedAnchor() throws {
        let text = "a: &unused 1\n"
        let diagnostic = try only(.yamlAlias, in: text)
        #expect(diagnostic.range == Support.range(of: "&unused", in: text))
        #expect(diagnostic.pointer.description == "/a")
        #expect(diagnostic.message.contains("remove it"))
    }

    @Test func aliasInsideAnchorIsReportedOnce() throws {
        let text = "a: &a x\nb: &b [*a, *a]\nc: [*b, *b]\n"
        let aliases = Support.diagnostics(text).filter { $0.rule == .yamlAlias }
        #expect(aliases.count == 4)
        #expect(aliases.map(\.pointer.description) == ["/b/0", "/b/1", "/c/0", "/c/1"])
    }

    // MARK: Tags

    @Test func coreTagsAreAppliedWithAWarning() throws {
        let text = "a: !!str 12\nb: !!int \"7\"\nc: !!float 1\nd: !!bool yes\ne: !!null x\nf: !!map {k: v}\ng: !!seq [1]\n"
        let (document, diagnostics) = YAMLRequestDocument.parse(text)
        let tags = diagnostics.filter { $0.rule == .yamlTag }
        #expect(tags.count == 7)
        #expect(tags.allSatisfy { $0.severity == .warning })
        #expect(tags[0].range == Support.range(of: "!!str 12", in: text))
        #expect(tags[0].pointer.description == "/a")
        #expect(tags[0].message == "explicit tag !!str: write the value in quotes instead (\"12\"), which every YAML parser reads as a string")
        #expect(tags[1].range == Support.range(of: "!!int \"7\"", in: text))
        #expect(tags[1].message.contains("write the number 7 without the tag"))
        let document_ = try #require(document)
        #expect(document_[Support.node(document_, "/a")!].kind == .string)
        #expect(document_[Support.node(document_, "/b")!].kind == .number)
        #expect(document_.literal(Support.node(document_, "/c")!) == "1.0")
        #expect(document_[Support.node(document_, "/d")!].kind == .true)
        #expect(document_[Support.node(document_, "/e")!].kind == .null)
    }

    @Test(arguments: [
        ("!Ref MyBucket", "!Ref is a CloudFormation intrinsic function"),
        ("!GetAtt Role.Arn", "!GetAtt is a CloudFormation intrinsic function"),
        ("!!binary aGk=", "unsupported YAML tag !!binary"),
        ("!custom x", "unsupported YAML tag !custom"),
        ("!<tag:example.com,2000:x> y", "unsupported YAML tag !<tag:example.com,2000:x>"),
        ("!!int abc", "!!int \"abc\" is not an integer"),
        ("!!float x1", "!!float \"x1\" is not a number"),
        ("!!bool maybe", "!!bool \"maybe\" is not a boolean"),
        ("!!map x", "tag !!map cannot be applied to a scalar"),
        ("!!str [1]", "tag !!str cannot be applied to a list"),
        ("!!seq {a: 1}", "tag !!seq cannot be applied to a mapping"),
        ("!Sub [a, b]", "!Sub is a CloudFormation intrinsic function"),
    ])
    func unknownOrMisappliedTagsAreErrors(_ value: String, _ message: String) throws {
        let text = "Key: \(value)\n"
        let diagnostic = try only(.yamlTag, in: text)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range == SourceRange(start: 5, end: 5 + value.utf8.count))
        #expect(diagnostic.pointer.description == "/Key")
        #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
        // The document is still read (the value as if it had no tag).
        #expect(YAMLRequestDocument.parse(text).document != nil)
    }

    // MARK: Documents and merge keys

    @Test func multipleDocuments() throws {
        let text = "a: 1\n---\nb: 2\n---\nc: 3\n"
        let (document, diagnostics) = YAMLRequestDocument.parse(text)
        #expect(diagnostics.count == 1)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.rule == .yamlMultipleDocuments)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range == Support.range(of: "---", in: text))
        #expect(diagnostic.message.contains("reads exactly one document"))
        // The first document is still read.
        let document_ = try #require(document)
        #expect(document_.count(of: document_.root!) == 1)
        // A leading '---' starts the only document.
        #expect(Support.diagnostics("---\na: 1\n").isEmpty)
        #expect(Support.diagnostics("---\na: 1\n...\n").isEmpty)
    }

    @Test func mergeKey() throws {
        let text = "base: &base {a: 1}\nm:\n  <<: *base\n  b: 2\n"
        let diagnostics = Support.diagnostics(text)
        let merge = try #require(diagnostics.first { $0.rule == .yamlMergeKey })
        #expect(merge.severity == .warning)
        #expect(merge.range == Support.range(of: "<<", in: text))
        #expect(merge.pointer.description == "/m")
        #expect(merge.message.contains("write the members out here"))
        // The alias it uses is reported too.
        #expect(diagnostics.contains { $0.rule == .yamlAlias && $0.range == Support.range(of: "*base", in: text) })
    }

    @Test func badMergeValue() throws {
        let text = "m:\n  <<: [1, 2]\n"
        let diagnostic = try only(.yamlMergeKey, in: text)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range == Support.range(of: "[1, 2]", in: text))
    }
}
