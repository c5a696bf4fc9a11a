import ReqLintCore

/// Reads AWS request documents written in YAML (`aws ... --cli-input-yaml`) into the JSON
/// document model that ``Linter`` checks, reporting what YAML can say that JSON cannot.
///
/// Values map to JSON as the AWS CLI's YAML loader (ruamel.yaml, YAML 1.2) reads them: mappings
/// become objects (member names must be strings), sequences arrays; `null`, `~` and empty
/// values null; `true`/`false` (also `True`, `TRUE`, ...) booleans; integers (decimal, `0x`,
/// `0o`, `0b`, with `_` separators) and floats numbers, written as JSON literals (`0x1F` is
/// `31`, `.5` is `0.5`); everything else, and every quoted or block scalar, a string. A document
/// that declares `%YAML 1.1` is read by the YAML 1.1 rules, as ruamel.yaml does.
///
/// Every node's range points into the YAML bytes: a scalar from its first byte (the opening
/// quote of a quoted scalar, the `|` or `>` of a block scalar) to just past its last (the
/// closing quote; the last non-blank character of a block scalar's last line); a flow
/// collection from its bracket to its closing bracket; a block mapping or sequence from its
/// first key or `-` to the end of its last value; an empty value is an empty range where it
/// would be. Duplicate member names are kept, in source order (``Linter`` reports them).
///
/// Findings, each at its node (see the `yaml/...` rule identifiers on ``RuleID``):
/// - `yaml/alias` (warning): each alias `*a`, whose value is copied into the tree (all the
///   copy's nodes take the alias's range); each anchor `&a` no alias uses.
/// - `yaml/tag`: core tags (`!!str`, `!!int`, ...) are applied, with a warning; other tags
///   (`!Ref`, `!!binary`, ...) are errors.
/// - `yaml/implicit-type` (warning): unquoted values that YAML 1.1 and 1.2 parsers read
///   differently (`yes`, `no`, `on`, `off`, `y`, `n`; `0123`; `1_000`; `1:30`; dates; `1e3`).
/// - `yaml/merge-key` (warning): merge keys `<<`, which are applied.
/// - `yaml/multiple-documents` (error): a second document; the first is still read.
/// - `syntax` (error): what libyaml rejects (one diagnostic, at the position libyaml reports,
///   with its message), bytes that are not UTF-8 or characters YAML forbids, an empty stream,
///   nesting deeper than 512 levels, an undefined or recursive alias, and values JSON cannot
///   hold (a member name that is not a string, `.inf`, `.nan`). The document is then `nil`.
public enum YAMLRequestDocument {
    /// Parses a YAML request document.
    ///
    /// - Returns: the document (`nil` when any diagnostic is a `syntax` error) and the
    ///   diagnostics, in source order. Never traps, whatever the bytes.
    public static func parse(_ bytes: [UInt8]) -> (document: JSONDocument?, diagnostics: [Diagnostic]) {
        guard bytes.count < Int(Int32.max) else {
            return (nil, [syntax("the document is larger than 2 GiB, which reqlint does not read; split it", at: .at(0))])
        }
        if let error = YAMLSource.firstDisallowedCharacter(bytes) {
            return (nil, [syntax(error.message, at: error.range)])
        }
        var composer = YAMLComposer(source: YAMLSource(bytes))
        composer.compose()
        if let fatal = composer.fatal { return (nil, [fatal]) }
        guard let root = composer.root, !isEmpty(composer.nodes[Int(root)]) else {
            let empty = syntax(emptyDocumentMessage, at: .at(bytes.count))
            return (nil, [empty] + (composer.extraDocument.map { [$0] } ?? []))
        }
        var builder = YAMLTreeBuilder(composer: composer)
        guard let jsonRoot = builder.build(root: root) else { return (nil, [builder.failure!]) }
        let document = JSONDocument(source: bytes, nodes: builder.nodes, children: builder.children, root: jsonRoot,
                                    scalars: builder.scalars)
        let parents = document.parents()
        // Slots: without them a pointer into a long list scans its siblings (quadratic over
        // 160,000 `- yes` warnings).
        let slots = composer.pending.isEmpty ? nil : document.childSlots()
        func pointer(_ raw: Int32) -> JSONPointer {
            builder.jsonNode(nearest: raw).map { document.pointer(to: $0, parents: parents, slots: slots) } ?? .root
        }
        var diagnostics = composer.pending.map { pending in
            Diagnostic(rule: pending.rule, severity: pending.severity, message: pending.message, pointer: pointer(pending.node),
                       range: pending.range,
                       related: pending.related.map { .init(message: $0.message, pointer: pointer($0.node), range: $0.range) })
        }
        if let extra = composer.extraDocument { diagnostics.append(extra) }
        diagnostics.sort(by: Diagnostic.sourceOrder)
        let usable = !diagnostics.contains { $0.rule == .syntax }
        return (usable ? document : nil, diagnostics)
    }

    /// The message of the `syntax` diagnostic for a stream without content (only blanks,
    /// comments or directives).
    public static let emptyDocumentMessage = "empty document: expected a mapping"

    /// Parses a UTF-8 string (a convenience for tests and embedded data).
    public static func parse(_ text: String) -> (document: JSONDocument?, diagnostics: [Diagnostic]) {
        parse(Array(text.utf8))
    }

    /// A document with no content: an empty plain scalar without properties.
    private static func isEmpty(_ node: RawNode) -> Bool {
        node.kind == .scalar && node.range.start == node.range.end && node.tag == nil && node.anchorName == nil
    }

    private static func syntax(_ message: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(rule: .syntax, message: message, pointer: .root, range: range)
    }
}

extension YAMLRequestDocument {
    /// The member names at the top level of a YAML document that may not parse: every line
    /// that starts at column 0 with `name:` (plain, or in single or double quotes). What a
    /// walk needs to tell a broken request document from some other broken YAML file.
    public static func topLevelNames(_ bytes: [UInt8]) -> [String] {
        var names: [String] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            guard let first = line.first else { continue }
            var name: ArraySlice<UInt8>
            var rest: ArraySlice<UInt8>
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                guard let close = line.dropFirst().firstIndex(of: first) else { continue }
                name = line[(line.startIndex + 1) ..< close]
                rest = line[(close + 1)...]
            } else {
                guard (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z") || first == UInt8(ascii: "_"),
                      let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
                name = line[line.startIndex ..< colon]
                rest = line[colon...]
                while name.last == UInt8(ascii: " ") { name = name.dropLast() }
            }
            while rest.first == UInt8(ascii: " ") { rest = rest.dropFirst() }
            guard rest.first == UInt8(ascii: ":") else { continue }
            let after = rest.dropFirst().first
            guard after == nil || after == UInt8(ascii: " ") || after == UInt8(ascii: "\r") || after == UInt8(ascii: "\t") else { continue }
            if let text = String(validating: name, as: UTF8.self), !text.isEmpty { names.append(text) }
        }
        return names
    }
}
