import ReqLintCore

/// A request document to fill in, like `aws … --generate-cli-skeleton input` (`reqlint
/// skeleton`): every member of every structure (or, minimal, only the required ones, at every
/// depth), in model order, with placeholders that tell what to write.
///
/// Strings say their constraints (`"string (1-64 characters, pattern [a-zA-Z0-9](-*[a-zA-Z0-9]){0,63})"`),
/// enums list their values (`"Default | Advanced"`), numbers are 0 or their minimum,
/// booleans `false`, timestamps `"1970-01-01T00:00:00Z"`, lists hold one element (or as many
/// as their minimum), maps one example entry. A shape met again inside itself is left empty.
public struct SkeletonGenerator: Sendable {
    /// Only required members, recursively.
    public var minimal: Bool
    /// Enum values listed in a placeholder before the rest are counted.
    public var enumValuesShown = 12

    public init(minimal: Bool = false) { self.minimal = minimal }

    /// The skeleton of `model`'s request document, serialized with two-space indentation and a
    /// final newline.
    public func generate(_ model: OperationModel) -> String {
        skeleton(model).serialized(pretty: true)
    }

    /// The skeleton of `model`'s request document.
    public func skeleton(_ model: OperationModel) -> JSONValue {
        var open: [String] = []
        return value(model.pack.input, model.pack, open: &open)
    }

    func value(_ name: String, _ pack: OperationPack, open: inout [String]) -> JSONValue {
        guard let shape = pack.shapes[name] else { return .null }
        let recursive = open.contains(name)
        open.append(name)
        defer { open.removeLast() }
        switch shape.kind {
        case .structure:
            if recursive { return .object([]) }
            let members = minimal ? shape.members.filter { shape.required.contains($0.name) } : shape.members
            return .object(members.map { ($0.name, value($0.shape, pack, open: &open)) })
        case .list:
            guard !recursive, let element = shape.listMember else { return .array([]) }
            let count = min(10, max(1, Int(shape.min ?? 1)))
            let item = value(element, pack, open: &open)
            return .array(Array(repeating: item, count: count))
        case .map:
            guard !recursive, let key = shape.mapKey, let valueShape = shape.mapValue else { return .object([]) }
            let keyText: String
            if let keyShape = pack.shapes[key], keyShape.kind == .string { keyText = placeholder(keyShape) } else { keyText = "key" }
            return .object([(keyText, value(valueShape, pack, open: &open))])
        case .string: return .string(placeholder(shape))
        case .blob: return .string("base64-encoded data")
        case .boolean: return .bool(false)
        case .timestamp: return .string("1970-01-01T00:00:00Z")
        case .integer, .long, .float, .double:
            var number = 0.0
            if let min = shape.min, min > 0 { number = min }
            if let max = shape.max, max < number { number = max }
            if number == number.rounded(), abs(number) < 9e15 { return .integer(Int64(number)) }
            return .double(number)
        }
    }

    /// What a string placeholder says: the enum's values, or `string` and its constraints.
    func placeholder(_ shape: Shape) -> String {
        if let values = shape.enumValues, !values.isEmpty {
            if values.count <= enumValuesShown { return values.joined(separator: " | ") }
            return values.prefix(enumValuesShown).joined(separator: " | ")
                + " | … (\(values.count) values: `reqlint explain enum`)"
        }
        var constraints: [String] = []
        let low = shape.min.flatMap { $0 > 0 ? Int($0) : nil }
        let high = shape.max.map { Int($0) }
        switch (low, high) {
        case let (low?, high?) where low == high: constraints.append("exactly \(low) character\(low == 1 ? "" : "s")")
        case let (low?, high?): constraints.append("\(low)-\(high) characters")
        case let (low?, nil): constraints.append("at least \(low) character\(low == 1 ? "" : "s")")
        case let (nil, high?): constraints.append("at most \(high) character\(high == 1 ? "" : "s")")
        case (nil, nil): break
        }
        if let pattern = shape.pattern { constraints.append("pattern \(pattern)") }
        return constraints.isEmpty ? "string" : "string (\(constraints.joined(separator: ", ")))"
    }
}
