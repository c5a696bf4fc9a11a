import ReqLintCore
import ReqLintYAML
import Testing

/// YAML values map to the JSON data model as the AWS CLI's YAML loader (ruamel.yaml, YAML 1.2)
/// reads them.
struct ValueTests {
    /// The JSON value of `value` written after `v: `.
    func read(_ value: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (kind: JSONNode.Kind, flag: Bool, text: String) {
        let document = try Support.document("v: \(value)\n", sourceLocation: sourceLocation)
        let node = try #require(Support.node(document, "/v"), sourceLocation: sourceLocation)
        let kind = document[node].kind
        let text = kind == .string ? document.string(node) : kind == .number ? document.literal(node) : ""
        return (kind, document[node].flag, text)
    }

    @Test(arguments: ["null", "Null", "NULL", "~", "", "!!null x"])
    func nulls(_ value: String) throws {
        #expect(try read(value).kind == .null)
    }

    @Test(arguments: [("true", true), ("True", true), ("TRUE", true), ("false", false), ("False", false), ("FALSE", false),
                      ("!!bool yes", true), ("!!bool Off", false)])
    func booleans(_ value: String, _ expected: Bool) throws {
        #expect(try read(value).kind == (expected ? .true : .false))
    }

    @Test(arguments: [("42", "42"), ("-17", "-17"), ("+5", "5"), ("0", "0"), ("-0", "0"), ("0x1F", "31"), ("-0x10", "-16"),
                      ("0o17", "15"), ("0b101", "5"), ("1_000", "1000"), ("0123", "123"),
                      ("123456789012345678901234567890", "123456789012345678901234567890"),
                      ("0xFFFFFFFFFFFFFFFFFFFF", "1208925819614629174706175"), ("!!int '7'", "7"), ("!!int 0x_1f", "31")])
    func integers(_ value: String, _ literal: String) throws {
        let read = try read(value)
        #expect(read.kind == .number)
        #expect(!read.flag)
        #expect(read.text == literal)
    }

    @Test(arguments: [("2.5", "2.5"), (".5", "0.5"), ("-.5", "-0.5"), ("+.5", "0.5"), ("1.", "1.0"), ("1e3", "1e3"),
                      ("1.5E+3", "1.5E+3"), ("-2.0e-2", "-2.0e-2"), ("00.25", "0.25"), ("1_0.5", "10.5"), ("!!float 1", "1.0"),
                      ("!!float '.5e1'", "0.5e1")])
    func floats(_ value: String, _ literal: String) throws {
        let read = try read(value)
        #expect(read.kind == .number)
        #expect(read.flag)
        #expect(read.text == literal)
        #expect(Double(read.text) != nil, "\(read.text) is a JSON number")
    }

    @Test(arguments: [("hello world", "hello world"), ("'1'", "1"), ("\"true\"", "true"), ("'null'", "null"), ("yes", "yes"),
                      ("No", "No"), ("2026-12-01", "2026-12-01"), ("1:30", "1:30"), ("0x", "0x"), ("0o", "0o"),
                      ("_1", "_1"), ("1.2.3", "1.2.3"), ("!!str 12", "12"), ("! 'x'", "x"), ("tRUE", "tRUE"),
                      ("\"\\t\\u00e9\\U0001F600\"", "\té😀"), ("'\u{2028}'", "\u{2028}"), ("\"a\\0b\"", "a\u{0}b"),
                      ("arn:aws:iam::123456789012:role/x", "arn:aws:iam::123456789012:role/x")])
    func strings(_ value: String, _ expected: String) throws {
        let read = try read(value)
        #expect(read.kind == .string)
        #expect(read.text == expected)
    }

    @Test func stringNodesHaveTheirFlagSet() throws {
        let document = try Support.document("a: plain\n'b': [x, 'y', \"z\"]\n")
        for (index, node) in document.nodes.enumerated() where node.kind == .string {
            #expect(node.flag, "string node \(index)")
        }
        #expect(document.scalars?.count == document.nodes.count)
    }

    @Test func nonSpecificTagResolvesAsTheAWSCLIDoes() throws {
        let read = try read("! 12")
        #expect(read.kind == .number)
        #expect(read.text == "12")
    }

    @Test func yaml11DirectiveSwitchesToYAML11Rules() throws {
        let document = try Support.document("%YAML 1.1\n---\na: yes\nb: 0123\nc: 1:30\nd: 1e3\n")
        #expect(document[Support.node(document, "/a")!].kind == .true)
        #expect(document.literal(Support.node(document, "/b")!) == "83")
        #expect(document.literal(Support.node(document, "/c")!) == "90")
        #expect(document[Support.node(document, "/d")!].kind == .string)
    }

    @Test func duplicateKeysAreKeptInSourceOrder() throws {
        let document = try Support.document("a: 1\nb: 2\na: 3\n")
        let members = document.members(of: document.root!)
        #expect(members.map { document.string($0.key) } == ["a", "b", "a"])
        #expect(document.duplicateKeys().count == 1)
        #expect(document.value(at: document.root!)["a"] == .integer(3))
    }

    @Test func aliasesAreExpanded() throws {
        let document = try Support.document("base: &b\n  x: 1\n  y: [a, b]\ncopy: *b\nlist: [*b, *b]\n")
        #expect(document.value(at: Support.node(document, "/copy")!) == document.value(at: Support.node(document, "/base")!))
        #expect(document.count(of: Support.node(document, "/list")!) == 2)
        // Every node of a copy is a node of its own (pointers stay unique).
        let parents = document.parents()
        let y = try #require(Support.node(document, "/list/1/y/0"))
        #expect(document.pointer(to: y, parents: parents).description == "/list/1/y/0")
    }

    @Test func mergeKeys() throws {
        let text = """
        a: &a {x: 1, y: 1}
        b: &b {y: 2, z: 2}
        m:
          <<: [*a, *b]
          z: 3
          w: 4
        n:
          <<: {p: 1}
          q: 2

        """
        let document = try Support.document(text)
        let m = try #require(Support.node(document, "/m"))
        #expect(document.members(of: m).map { document.string($0.key) } == ["x", "y", "z", "w"])
        #expect(document.value(at: m) == .object([("x", .integer(1)), ("y", .integer(1)), ("z", .integer(3)), ("w", .integer(4))]))
        #expect(document.duplicateKeys().isEmpty)
        let n = try #require(Support.node(document, "/n"))
        #expect(document.value(at: n) == .object([("p", .integer(1)), ("q", .integer(2))]))
        // A quoted "<<" is an ordinary key.
        let quoted = try Support.document("\"<<\": {a: 1}\n")
        #expect(quoted.string(quoted.members(of: quoted.root!)[0].key) == "<<")
        #expect(!YAMLRequestDocument.parse("\"<<\": {a: 1}\n").diagnostics.contains { $0.rule == .yamlMergeKey })
    }

    @Test func nonObjectRootsAreDocuments() throws {
        let array = try Support.document("- a\n- b\n")
        #expect(array[array.root!].kind == .array)
        let scalar = try Support.document("just text\n")
        #expect(scalar[scalar.root!].kind == .string)
    }
}
