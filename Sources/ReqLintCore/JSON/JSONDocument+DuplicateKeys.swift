extension JSONDocument {
    /// A member name that appears more than once in one object.
    public struct DuplicateKey: Hashable, Sendable {
        /// The key node of the repeated occurrence.
        public var key: Int32
        /// The key node of the first occurrence.
        public var first: Int32
    }

    /// Every repeated member name, in source order. Names compare by their decoded code points,
    /// so `"a"` and `"\u0061"` are the same name, but `"\u00e9"` and `"e\u0301"` (canonically
    /// equivalent, so equal as Swift `String`s) are not.
    public func duplicateKeys() -> [DuplicateKey] {
        var result: [DuplicateKey] = []
        for index in nodes.indices where nodes[index].kind == .object && nodes[index].childCount >= 4 {
            let first = Int(nodes[index].firstChild)
            forEachMember(of: Int32(index)) { member, firstWithName in
                if firstWithName != member {
                    result.append(DuplicateKey(key: children[first + 2 * member], first: children[first + 2 * firstWithName]))
                }
            }
        }
        return result
    }
}
