import ReqLintCore
import ReqLintReport

/// Completion of member names (those not yet present, required ones first) and of enum
/// values, at positions of a document that may be half typed.
public enum CompletionProvider {
    /// LSP CompletionItemKind values used.
    enum Kind: Int64 {
        case value = 12, enumMember = 20, property = 10, keyword = 14
    }

    public struct Item: Sendable, Equatable {
        public var label: String
        public var kind: Int64
        public var detail: String?
        public var documentation: String?
        public var sortText: String
        public var filterText: String
        /// The text that replaces ``range``.
        public var newText: String
        public var range: SourceRange
    }

    /// The items at byte `offset`. `operation` is the document's operation (the last known
    /// one when the document does not parse right now).
    public static func items(bytes: [UInt8], offset: Int, operation: OperationID?, registry: OperationRegistry) -> [Item] {
        guard let operation, let model = registry.operations[operation] else { return [] }
        let lookup = ModelLookup(model: model)
        let context = TolerantScanner(bytes).context(at: offset, mode: .completion)
        switch context.role {
        case .key:
            guard let container = context.container, let shape = lookup.shape(at: container), shape.kind == .structure else { return [] }
            return memberItems(shape, container: container, context: context, offset: offset, lookup: lookup)
        case .value:
            guard let pointer = context.pointer, let shape = lookup.shape(at: pointer) else { return [] }
            return valueItems(shape, context: context, offset: offset)
        case .none:
            return []
        }
    }

    static func memberItems(_ shape: Shape, container: JSONPointer, context: CursorContext, offset: Int, lookup: ModelLookup) -> [Item] {
        let present = Set(context.presentKeys)
        let range: SourceRange
        if let token = context.token {
            range = token.range
        } else {
            range = .at(offset)
        }
        let colon = context.colonFollows ? "" : ": "
        var items: [Item] = []
        for (order, member) in shape.members.enumerated() where !present.contains(member.name) {
            let required = shape.required.contains(member.name)
            let pointer = container.appending(member.name)
            let memberShape = lookup.shape(at: pointer)
            var detail = required ? "required" : "optional"
            if let memberShape { detail += " · " + lookup.typeDescription(memberShape) }
            let doc = lookup.documentation(at: pointer).map(HTMLText.markdown)
            let quoted = JSONValue.string(member.name).serialized()
            items.append(Item(label: member.name, kind: Kind.property.rawValue, detail: detail, documentation: doc,
                              sortText: (required ? "0" : "1") + String(1000 + order), filterText: quoted,
                              newText: quoted + colon, range: range))
        }
        return items
    }

    static func valueItems(_ shape: Shape, context: CursorContext, offset: Int) -> [Item] {
        // (label, text to insert, kind)
        var values: [(String, String, Kind)] = []
        switch shape.kind {
        case .string:
            guard let enumValues = shape.enumValues else { return [] }
            values = enumValues.map { ($0, JSONValue.string($0).serialized(), .enumMember) }
        case .boolean:
            values = [("true", "true", .keyword), ("false", "false", .keyword)]
        default:
            return []
        }
        let range = context.token?.range ?? .at(offset)
        return values.enumerated().map { index, value in
            Item(label: value.0, kind: value.2.rawValue, detail: shape.name, documentation: nil,
                 sortText: String(1000 + index), filterText: value.1, newText: value.1, range: range)
        }
    }
}
