extension JSONDocument {
    /// The value of node `index` as a ``JSONValue`` (for trusted, shallow data such as rule
    /// packs; request documents are walked node by node instead). Duplicate keys keep the
    /// last value.
    public func value(at index: Int32) -> JSONValue {
        let node = nodes[Int(index)]
        switch node.kind {
        case .object:
            // A repeated name keeps its first place and takes the last value. Small objects find
            // the repeat by scanning, larger ones through a dictionary.
            let count = Int(node.childCount / 2)
            var result: [(String, JSONValue)] = []
            result.reserveCapacity(count)
            var positions: [String: Int] = [:]
            let first = Int(node.firstChild)
            for member in 0 ..< count {
                let key = children[first + 2 * member], value = children[first + 2 * member + 1]
                let name = string(key)
                let existing: Int?
                if count <= 16 {
                    existing = result.firstIndex { $0.0 == name }
                } else {
                    existing = positions[name]
                    if existing == nil { positions[name] = result.count }
                }
                if let existing {
                    result[existing].1 = self.value(at: value)
                } else {
                    result.append((name, self.value(at: value)))
                }
            }
            return .object(result)
        case .array: return .array(elements(of: index).map { value(at: $0) })
        case .string: return .string(string(index))
        case .number:
            if !node.flag, let integer = integer(index) { return .integer(integer) }
            return .double(Double(literal(index)) ?? .nan)
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .null: return .null
        }
    }
}

extension JSONValue {
    /// The value of member `key` of an object, or `nil`.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// The number as a `Double`, if this is a number.
    public var doubleValue: Double? {
        switch self {
        case let .integer(i): return Double(i)
        case let .double(d): return d
        default: return nil
        }
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: [(String, JSONValue)]? {
        if case let .object(m) = self { return m }
        return nil
    }
}
