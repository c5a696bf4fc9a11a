import ReqLintCore

/// Questions about an operation's model that the editor features ask, answered from the
/// compiled model and its pack (nothing is re-validated here).
struct ModelLookup {
    let model: OperationModel

    func shape(at pointer: JSONPointer) -> Shape? { model.shape(at: pointer) }

    func shape(named name: String?) -> Shape? { name.flatMap { model.pack.shapes[$0] } }

    /// The shape of the object or list that holds the value at `pointer`.
    func parentShape(of pointer: JSONPointer) -> Shape? {
        guard !pointer.tokens.isEmpty else { return nil }
        return model.shape(at: JSONPointer(tokens: Array(pointer.tokens.dropLast())))
    }

    /// The member of a structure that `pointer` ends at (`nil` for list elements and map entries).
    func structureMember(at pointer: JSONPointer) -> Member? {
        guard let parent = parentShape(of: pointer), parent.kind == .structure, let name = pointer.tokens.last else { return nil }
        return parent.members.first { $0.name == name }
    }

    func isRequired(_ pointer: JSONPointer) -> Bool {
        guard let parent = parentShape(of: pointer), parent.kind == .structure, let name = pointer.tokens.last else { return false }
        return parent.required.contains(name)
    }

    /// The shape of the string at a diagnostic's node: a map key's key shape, else the value's.
    func stringShape(of located: LocatedNode) -> Shape? {
        if located.isKey, let parent = parentShape(of: located.pointer), parent.kind == .map { return shape(named: parent.mapKey) }
        return shape(at: located.pointer)
    }

    /// The model's documentation for the value at `pointer`: the member's own, else its shape's.
    func documentation(at pointer: JSONPointer) -> String? {
        if let member = structureMember(at: pointer), let doc = member.documentation, !doc.isEmpty { return doc }
        return shape(at: pointer)?.documentation
    }

    /// A one-line type description: `string`, `list of InstanceType`, `map of string to string`.
    func typeDescription(_ shape: Shape) -> String {
        switch shape.kind {
        case .list:
            guard let element = self.shape(named: shape.listMember) else { return "list" }
            return "list of \(element.kind == .structure ? element.name : element.kind.rawValue)"
        case .map:
            let key = self.shape(named: shape.mapKey)?.kind.rawValue ?? "string"
            let value = self.shape(named: shape.mapValue).map { $0.kind == .structure ? $0.name : $0.kind.rawValue } ?? "value"
            return "map of \(key) to \(value)"
        default:
            return shape.kind.rawValue
        }
    }

    /// The constraints of a shape, one short line each.
    func constraints(_ shape: Shape) -> [String] {
        var lines: [String] = []
        func n(_ d: Double) -> String { d == d.rounded() && abs(d) < 9e15 ? String(Int64(d)) : "\(d)" }
        func bounds(_ unit: String) -> String? {
            switch (shape.min, shape.max) {
            case let (min?, max?): return min == max ? "exactly \(n(min))\(unit)" : "\(n(min))–\(n(max))\(unit)"
            case let (min?, nil): return "at least \(n(min))\(unit)"
            case let (nil, max?): return "at most \(n(max))\(unit)"
            default: return nil
            }
        }
        switch shape.kind {
        case .string:
            if let b = bounds(" characters") { lines.append("length: \(b) (Unicode code points)") }
            if let pattern = shape.pattern { lines.append("pattern: `\(pattern)`") }
            if let values = shape.enumValues {
                if values.count <= 12 {
                    lines.append("one of: " + values.map { "`\($0)`" }.joined(separator: ", "))
                } else {
                    lines.append("one of \(values.count) values, e.g. " + values.prefix(4).map { "`\($0)`" }.joined(separator: ", ") + " (completion lists them all)")
                }
            }
        case .integer, .long, .float, .double:
            if let b = bounds("") { lines.append("range: \(b)") }
            if shape.kind == .integer { lines.append("a whole number (32-bit), no fraction or exponent") }
            if shape.kind == .long { lines.append("a whole number (64-bit), no fraction or exponent") }
        case .list, .map:
            if let b = bounds(shape.kind == .list ? " items" : " entries") { lines.append("size: \(b)") }
        case .timestamp:
            lines.append("epoch seconds, or an ISO 8601 date-time such as `2026-12-01T10:00:00Z`")
        case .blob:
            lines.append("base64-encoded data")
        case .structure:
            if !shape.required.isEmpty { lines.append("required members: " + shape.required.map { "`\($0)`" }.joined(separator: ", ")) }
        case .boolean:
            break
        }
        return lines
    }

    /// A value to write for a new member of `shape`: the first enum value, `""`, `0` (or the
    /// minimum, when 0 is out of range), `false`, `{}` or `[]`.
    func placeholder(_ shape: Shape?) -> String {
        guard let shape else { return "\"\"" }
        switch shape.kind {
        case .string:
            if let first = shape.enumValues?.first { return JSONValue.string(first).serialized() }
            return "\"\""
        case .blob: return "\"\""
        case .integer, .long, .float, .double:
            if let min = shape.min, min > 0, min == min.rounded(), min < 9e15 { return String(Int64(min)) }
            return "0"
        case .timestamp: return "0"
        case .boolean: return "false"
        case .structure, .map: return "{}"
        case .list: return "[]"
        }
    }
}

extension PointerPattern {
    /// Whether the pattern names `pointer` (a `*` token matches any one token).
    func matches(_ pointer: JSONPointer) -> Bool {
        tokens.count == pointer.tokens.count && zip(tokens, pointer.tokens).allSatisfy { $0 == "*" || $0 == $1 }
    }
}
