/// A fix that is certain: one replacement of a byte range of a document's source, for one
/// diagnostic, that can be applied without asking (`reqlint lint --fix`, SARIF `fixes`).
///
/// reqlint fixes only what has exactly one right answer:
/// - an `enum` value that equals exactly one of the valid values ignoring letter case
///   (`"default"` → `"Default"`);
/// - an `unknown-member` name that equals exactly one of the structure's member names ignoring
///   letter case (`jobName` → `JobName`), when no other member of that object has, or would
///   get, that name.
///
/// A fix replaces only the characters between the quotes of the string or name it fixes, so
/// everything else in the file, its layout and line ends included, stays byte for byte.
public struct Fix: Sendable, Hashable {
    /// The bytes replaced (the inside of a string literal).
    public var range: SourceRange
    /// The text written instead (JSON-escaped where needed).
    public var replacement: String
    /// What the fix does, for people: `change "default" to "Default"`.
    public var description: String
    /// The diagnostic the fix resolves.
    public var diagnostic: Diagnostic

    public init(range: SourceRange, replacement: String, description: String, diagnostic: Diagnostic) {
        self.range = range
        self.replacement = replacement
        self.description = description
        self.diagnostic = diagnostic
    }

    /// The certain fixes of a lint result's diagnostics, in source order, for a JSON document
    /// that was parsed and checked against an operation of `registry`. Documents with a syntax
    /// error, of an unknown operation, or read from YAML get none.
    public static func certainFixes(for result: LintResult, registry: OperationRegistry) -> [Fix] {
        certainFixes(for: result.diagnostics, in: result, registry: registry)
    }

    /// The certain fixes of `diagnostics` (a subset of `result.diagnostics`, such as those a
    /// configuration keeps), in source order.
    public static func certainFixes(for diagnostics: [Diagnostic], in result: LintResult, registry: OperationRegistry) -> [Fix] {
        let document = result.document
        guard result.status == .checked, document.syntaxError == nil, document.scalars == nil,
              let operation = result.operation, let model = registry.operations[operation] else { return [] }
        let relevant = diagnostics.filter { $0.rule == .enum || $0.rule == .unknownMember }
        guard !relevant.isEmpty else { return [] }
        let parents = document.parents()
        // String nodes by their exact range; the diagnostics of both rules cover one literal.
        var nodeAt: [SourceRange: Int32] = [:]
        for index in document.nodes.indices where document.nodes[index].kind == .string {
            nodeAt[document.nodes[index].range] = Int32(index)
        }
        var candidates: [(fix: Fix, object: Int32?, newKey: String?)] = []
        for diagnostic in relevant {
            guard let node = nodeAt[diagnostic.range] else { continue }
            let parent = parents[Int(node)]
            let isKey = parent >= 0 && document[parent].kind == .object && isKeyNode(node, of: parent, document)
            switch diagnostic.rule {
            case .enum:
                let values: [String]?
                if isKey {
                    // A map key checked against the map's key shape.
                    let mapPointer = JSONPointer(tokens: Array(diagnostic.pointer.tokens.dropLast()))
                    guard let map = model.shape(at: mapPointer), map.kind == .map, let key = map.mapKey else { continue }
                    values = model.pack.shapes[key]?.enumValues
                } else {
                    values = model.shape(at: diagnostic.pointer)?.enumValues
                }
                let value = document.string(node)
                guard let values, let target = uniqueCaseInsensitiveMatch(value, in: values), target != value else { continue }
                let fix = Fix(range: contentRange(node, document), replacement: escapedContent(target),
                              description: "change \"\(value)\" to \"\(target)\"", diagnostic: diagnostic)
                candidates.append((fix, isKey ? parent : nil, isKey ? target : nil))
            case .unknownMember:
                guard isKey else { continue }
                let objectPointer = JSONPointer(tokens: Array(diagnostic.pointer.tokens.dropLast()))
                guard let shape = model.shape(at: objectPointer), shape.kind == .structure else { continue }
                let name = document.string(node)
                guard let target = uniqueCaseInsensitiveMatch(name, in: shape.members.map(\.name)), target != name else { continue }
                let fix = Fix(range: contentRange(node, document), replacement: escapedContent(target),
                              description: "rename \"\(name)\" to \"\(target)\" (member names are case-sensitive)", diagnostic: diagnostic)
                candidates.append((fix, parent, target))
            default:
                continue
            }
        }
        // A renamed key must not collide with a name the object has, or that another fix gives.
        var fixes: [Fix] = []
        for candidate in candidates {
            guard let object = candidate.object, let newKey = candidate.newKey else {
                fixes.append(candidate.fix)
                continue
            }
            let existing = document.members(of: object).contains { document.string($0.key, equals: newKey) }
            let twice = candidates.filter { $0.object == object && $0.newKey == newKey }.count > 1
            if !existing && !twice { fixes.append(candidate.fix) }
        }
        fixes.sort { $0.range < $1.range }
        // Two fixes of the same bytes (two diagnostics of one literal) become one.
        var unique: [Fix] = []
        for fix in fixes where !unique.contains(where: { $0.range == fix.range }) { unique.append(fix) }
        return unique
    }

    /// `bytes` with `fixes` applied. Fixes whose ranges overlap one applied before (in source
    /// order) or lie outside `bytes` are left out.
    public static func apply(_ fixes: [Fix], to bytes: [UInt8]) -> [UInt8] {
        apply(fixes.map { (range: $0.range, replacement: $0.replacement) }, to: bytes)
    }

    /// `bytes` with each range replaced: the one way reqlint edits a document (`--fix`, and the
    /// editor's quick fixes). Replacements whose ranges overlap one applied before (in source
    /// order) or lie outside `bytes` are left out.
    public static func apply(_ edits: [(range: SourceRange, replacement: String)], to bytes: [UInt8]) -> [UInt8] {
        var accepted: [(range: SourceRange, replacement: String)] = []
        var end = 0
        for edit in edits.sorted(by: { $0.range < $1.range }) {
            guard edit.range.start >= end, edit.range.end <= bytes.count else { continue }
            accepted.append(edit)
            end = max(edit.range.end, edit.range.start + 1)
        }
        var result = bytes
        for edit in accepted.reversed() {
            result.replaceSubrange(edit.range.start ..< edit.range.end, with: Array(edit.replacement.utf8))
        }
        return result
    }

    /// The outcome of fixing a document until no certain fix is left.
    public struct Outcome: Sendable {
        /// The fixed bytes (the input when nothing was fixed).
        public var bytes: [UInt8]
        /// Every fix applied, round by round (each round's ranges refer to that round's bytes).
        public var applied: [Fix]
        /// The lint result of the fixed bytes.
        public var result: LintResult
    }

    /// Lints `bytes`, applies the certain fixes, and repeats until none is left: fixing a
    /// member name can reveal a value to fix, which the unknown member's value hid. `keep`
    /// chooses the diagnostics that may be fixed (those a configuration reports). A document
    /// with a syntax error is returned unchanged.
    public static func fixAll(_ bytes: [UInt8], linter: Linter, operation: OperationID? = nil,
                              keep: ([Diagnostic]) -> [Diagnostic] = { $0 }) -> Outcome {
        var current = bytes
        var applied: [Fix] = []
        var result = linter.lint(current, operation: operation)
        // The model's nesting bounds the rounds; the limit only guards against a surprise.
        for _ in 0 ..< 32 {
            let fixes = certainFixes(for: keep(result.diagnostics), in: result, registry: linter.registry)
            guard !fixes.isEmpty else { break }
            let next = apply(fixes, to: current)
            guard next != current else { break }
            let relinted = linter.lint(next, operation: operation ?? result.operation)
            // A fix never breaks the document; if one did, keep what was there.
            guard relinted.status == .checked else { break }
            applied += fixes
            current = next
            result = relinted
        }
        return Outcome(bytes: current, applied: applied, result: result)
    }

    // MARK: Helpers

    static func uniqueCaseInsensitiveMatch(_ value: String, in candidates: [String]) -> String? {
        let lowered = value.lowercased()
        let matches = Set(candidates.filter { $0.lowercased() == lowered })
        return matches.count == 1 ? matches.first : nil
    }

    static func isKeyNode(_ node: Int32, of object: Int32, _ document: JSONDocument) -> Bool {
        document.members(of: object).contains { $0.key == node }
    }

    /// The inside of a string literal (between its quotes): what a fix of a value replaces.
    public static func contentRange(_ node: Int32, _ document: JSONDocument) -> SourceRange {
        SourceRange(start: Int(document[node].start) + 1, end: Int(document[node].end) - 1)
    }

    /// `text` escaped for the inside of a JSON string literal.
    public static func escapedContent(_ text: String) -> String {
        String(JSONValue.string(text).serialized().dropFirst().dropLast())
    }
}
