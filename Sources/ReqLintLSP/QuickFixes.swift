import ReqLintCore

/// A replacement of a byte range.
public struct TextEdit: Sendable, Equatable {
    public var range: SourceRange
    public var newText: String

    public init(range: SourceRange, newText: String) {
        self.range = range
        self.newText = newText
    }

    /// `bytes` with the edits applied by the one edit function, `Fix.apply` (an edit that
    /// overlaps an earlier one is left out).
    public static func apply(_ edits: [TextEdit], to bytes: [UInt8]) -> [UInt8] {
        Fix.apply(edits.map { (range: $0.range, replacement: $0.newText) }, to: bytes)
    }
}

/// A quick fix for one diagnostic.
public struct QuickFix: Sendable, Equatable {
    public var title: String
    public var diagnostic: Diagnostic
    public var edits: [TextEdit]
    public var isPreferred: Bool
}

/// Quick fixes for the diagnostics of well-formed JSON documents. Every edit is minimal: it
/// covers only the bytes that change (the inside of a string literal, one member and one
/// comma, an insertion point), so the rest of the document, its layout included, stays.
public enum QuickFixProvider {
    public static func fixes(for diagnostic: Diagnostic, in analysis: DocumentAnalysis, registry: OperationRegistry) -> [QuickFix] {
        guard analysis.syntax == .json, let document = analysis.document, let operation = analysis.operation,
              let model = registry.operations[operation] else { return [] }
        let lookup = ModelLookup(model: model)
        switch diagnostic.rule {
        case .enum: return enumFixes(diagnostic, document, lookup)
        case .unknownMember: return unknownMemberFixes(diagnostic, document, lookup)
        case .required: return requiredFixes(diagnostic, document, lookup)
        default: return []
        }
    }

    /// The content of a string literal node (between the quotes).
    static func contentRange(_ document: JSONDocument, _ node: Int32) -> SourceRange { Fix.contentRange(node, document) }

    /// `text` escaped for the inside of a JSON string literal.
    static func escapedContent(_ text: String) -> String { Fix.escapedContent(text) }

    // MARK: enum

    static func enumFixes(_ diagnostic: Diagnostic, _ document: JSONDocument, _ lookup: ModelLookup) -> [QuickFix] {
        guard let located = NodeLocator.node(document, exactly: diagnostic.range), document[located.node].kind == .string,
              let values = lookup.stringShape(of: located)?.enumValues else { return [] }
        let value = document.string(located.node)
        guard let suggestion = Suggestions.closest(to: value, in: values), suggestion != value else { return [] }
        let edit = TextEdit(range: contentRange(document, located.node), newText: escapedContent(suggestion))
        return [QuickFix(title: "Change to \"\(suggestion)\"", diagnostic: diagnostic, edits: [edit], isPreferred: true)]
    }

    // MARK: unknown members

    static func unknownMemberFixes(_ diagnostic: Diagnostic, _ document: JSONDocument, _ lookup: ModelLookup) -> [QuickFix] {
        guard let located = NodeLocator.node(document, exactly: diagnostic.range), located.isKey else { return [] }
        let parents = document.parents()
        let object = parents[Int(located.node)]
        guard object >= 0 else { return [] }
        let name = document.string(located.node)
        let present = Set(document.members(of: object).map { document.string($0.key) })
        var fixes: [QuickFix] = []
        if let shape = lookup.parentShape(of: located.pointer), shape.kind == .structure {
            let names = shape.members.map(\.name)
            let caseMatch = names.first { $0.lowercased() == name.lowercased() }
            if let target = caseMatch ?? Suggestions.closest(to: name, in: names), target != name, !present.contains(target) {
                let edit = TextEdit(range: contentRange(document, located.node), newText: escapedContent(target))
                let title = caseMatch != nil ? "Write \"\(target)\" (member names are case-sensitive)" : "Change to \"\(target)\""
                fixes.append(QuickFix(title: title, diagnostic: diagnostic, edits: [edit], isPreferred: true))
            }
        }
        if let edit = removal(of: located.node, in: object, document) {
            fixes.append(QuickFix(title: "Remove unknown member \"\(name)\"", diagnostic: diagnostic, edits: [edit], isPreferred: false))
        }
        return fixes
    }

    /// The edit that deletes the member whose key is `key` and exactly one adjacent comma:
    /// the one after it (with the space up to the next name), or, for the last member, the
    /// one before it. The only member leaves `{}`.
    static func removal(of key: Int32, in object: Int32, _ document: JSONDocument) -> TextEdit? {
        let members = document.members(of: object)
        guard let index = members.firstIndex(where: { $0.key == key }) else { return nil }
        let member = members[index]
        let range: SourceRange
        if members.count == 1 {
            range = SourceRange(start: Int(document[object].start) + 1, end: Int(document[object].end) - 1)
        } else if index + 1 < members.count {
            range = SourceRange(start: Int(document[member.key].start), end: Int(document[members[index + 1].key].start))
        } else {
            range = SourceRange(start: Int(document[members[index - 1].value].end), end: Int(document[member.value].end))
        }
        return TextEdit(range: range, newText: "")
    }

    // MARK: required members

    static func requiredFixes(_ diagnostic: Diagnostic, _ document: JSONDocument, _ lookup: ModelLookup) -> [QuickFix] {
        // The top level's diagnostic is on its opening brace only: the object is the root.
        let object: Int32
        if diagnostic.pointer == .root, let root = document.root {
            object = root
        } else if let located = NodeLocator.node(document, exactly: diagnostic.range), !located.isKey {
            object = located.node
        } else {
            return []
        }
        guard document[object].kind == .object, let shape = lookup.shape(at: diagnostic.pointer), shape.kind == .structure else { return [] }
        let present = Set(document.members(of: object).map { document.string($0.key) })
        // The diagnostic names the member it is about ("... is missing required member \"X\"").
        guard let name = shape.required.first(where: { !present.contains($0) && diagnostic.message.hasSuffix("\"\($0)\"") }) else {
            return []
        }
        let value = lookup.placeholder(lookup.shape(at: diagnostic.pointer.appending(name)))
        let edit = insertion(name: name, value: value, into: object, order: shape.members.map(\.name), document)
        return [QuickFix(title: "Add required member \"\(name)\"", diagnostic: diagnostic, edits: [edit], isPreferred: true)]
    }

    /// The edit that inserts `"name": value` into `object` after the present member that
    /// precedes it in the model's order (else before the first member), in the layout the
    /// object already has: one member per line with the same indentation, or all on one line.
    static func insertion(name: String, value: String, into object: Int32, order: [String], _ document: JSONDocument) -> TextEdit {
        let bytes = document.bytes
        let members = document.members(of: object)
        let open = Int(document[object].start)
        let key = JSONValue.string(name).serialized()
        guard let first = members.first else {
            return TextEdit(range: .at(open + 1), newText: key + ": " + value)
        }
        let firstKeyStart = Int(document[first.key].start)
        // The text between the first name and its value (":" or ": "), reused for the new one.
        let colon = String(decoding: bytes[Int(document[first.key].end) ..< Int(document[first.value].start)], as: UTF8.self)
        let entry = key + (colon.allSatisfy { $0 == ":" || $0 == " " || $0 == "\t" } && colon.contains(":") ? colon : ": ") + value
        // The separator that follows a comma: a line end and the members' indentation, or
        // what the object uses between members on one line.
        var separator = " "
        if let lineStart = bytes[open ..< firstKeyStart].lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
            let indent = String(decoding: bytes[(lineStart + 1) ..< firstKeyStart], as: UTF8.self)
            let newline = lineStart > 0 && bytes[lineStart] == 0x0A && bytes[lineStart - 1] == 0x0D ? "\r\n" : (bytes[lineStart] == 0x0D ? "\r" : "\n")
            separator = newline + (indent.allSatisfy { $0 == " " || $0 == "\t" } ? indent : "")
        } else if members.count > 1 {
            let between = bytes[Int(document[first.value].end) ..< Int(document[members[1].key].start)]
            separator = String(decoding: between.drop { $0 != UInt8(ascii: ",") }.dropFirst(), as: UTF8.self)
        } else {
            separator = colon.hasSuffix(" ") ? " " : ""
        }
        let position = order.firstIndex(of: name) ?? order.count
        var anchor: (value: Int32, rank: Int)?
        for member in members {
            guard let rank = order.firstIndex(of: document.string(member.key)), rank < position else { continue }
            if anchor == nil || rank >= anchor!.rank { anchor = (member.value, rank) }
        }
        if let anchor {
            return TextEdit(range: .at(Int(document[anchor.value].end)), newText: "," + separator + entry)
        }
        return TextEdit(range: .at(firstKeyStart), newText: entry + "," + separator)
    }
}
