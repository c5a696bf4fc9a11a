import ReqLintCore
import ReqLintReport

/// Hover text for a member name or value: the model's documentation, the constraints and
/// the documented rules that apply to the pointer.
public enum HoverProvider {
    public struct Result: Sendable, Equatable {
        public var markdown: String
        public var range: SourceRange
    }

    /// The hover at byte `offset`, or `nil` when there is nothing the model knows there.
    public static func hover(_ analysis: DocumentAnalysis, offset: Int, registry: OperationRegistry) -> Result? {
        guard let operation = analysis.operation, let model = registry.operations[operation] else { return nil }
        let pointer: JSONPointer
        let isKey: Bool
        let range: SourceRange
        if let document = analysis.document {
            guard let located = NodeLocator.locate(document, offset: offset) else { return nil }
            (pointer, isKey, range) = (located.pointer, located.isKey, located.range)
        } else if analysis.syntax == .json {
            let context = TolerantScanner(analysis.bytes).context(at: offset, mode: .hover)
            guard let token = context.token, let p = context.pointer, context.role != .none else { return nil }
            (pointer, isKey, range) = (p, context.role == .key, token.range)
        } else {
            return nil
        }
        guard let markdown = text(pointer: pointer, isKey: isKey, model: model, rules: registry.documentedRules.rules(for: operation)) else {
            return nil
        }
        return Result(markdown: markdown, range: range)
    }

    /// The hover text for the value at `pointer` (or, `isKey`, its member name).
    public static func text(pointer: JSONPointer, isKey: Bool, model: OperationModel, rules: [DocumentedRule]) -> String? {
        let lookup = ModelLookup(model: model)
        guard let name = pointer.tokens.last else { return nil }
        let parent = lookup.parentShape(of: pointer)
        var shape = lookup.shape(at: pointer)
        var title: String
        if isKey, parent?.kind == .map {
            shape = lookup.shape(named: parent?.mapKey)
            title = "key `\(name)` of \(pointer.tokens.dropLast().last ?? "the map")"
        } else if parent?.kind == .list || parent?.kind == .map {
            let owner = pointer.tokens.dropLast().last ?? "request"
            title = parent?.kind == .list ? "`\(owner)[\(name)]`" : "`\(owner)[\"\(name)\"]`"
        } else {
            title = "`\(name)`"
        }
        guard let shape else { return nil }
        var out = "**\(title)**"
        var facts: [String] = []
        if parent?.kind == .structure { facts.append(lookup.isRequired(pointer) ? "required" : "optional") }
        facts.append(lookup.typeDescription(shape) + " (`\(shape.name)`)")
        out += " — " + facts.joined(separator: " · ")
        let documentation = isKey && parent?.kind == .map ? shape.documentation : lookup.documentation(at: pointer)
        if let documentation, !documentation.isEmpty {
            let text = HTMLText.markdown(documentation)
            if !text.isEmpty { out += "\n\n" + text }
        }
        if let source = lookup.structureMember(at: pointer)?.source {
            out += "\n\n_Documented in \(source) (not in the service model)._"
        }
        let constraints = lookup.constraints(shape)
        if !constraints.isEmpty {
            out += "\n\n**Constraints**\n" + constraints.map { "- " + $0 }.joined(separator: "\n")
        }
        let applicable = rules.filter { rule in rule.checks.contains { $0.pointer.matches(pointer) } }
        if !applicable.isEmpty {
            out += "\n\n**Rules**\n" + applicable.map { rule in
                let d = rule.descriptor
                return "- [`\(d.id)`](\(d.helpURI)) (\(d.severity.rawValue)): \(d.summary)"
            }.joined(separator: "\n")
        }
        return out
    }
}
