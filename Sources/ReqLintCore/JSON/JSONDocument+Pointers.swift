extension JSONDocument {
    /// The parent of every node, by node index (`-1` for the root). An object member's key node
    /// and value node both have the object as parent. Computed without recursion.
    public func parents() -> [Int32] {
        var result = [Int32](repeating: -1, count: nodes.count)
        for index in nodes.indices where nodes[index].kind == .object || nodes[index].kind == .array {
            let node = nodes[index]
            let first = Int(node.firstChild)
            for i in first ..< first + Int(node.childCount) { result[Int(children[i])] = Int32(index) }
        }
        return result
    }

    /// The JSON pointer of `node` (an object member's key node has the pointer of its member),
    /// given the ``parents()`` table.
    public func pointer(to node: Int32, parents: [Int32]) -> JSONPointer { pointer(to: node, parents: parents, slots: nil) }

    /// For every node, its index in ``children`` (`-1` for the root). With it, ``pointer(to:parents:slots:)``
    /// does not scan a node's siblings (which made pointers to many members of one object quadratic).
    public func childSlots() -> [Int32] {
        var result = [Int32](repeating: -1, count: nodes.count)
        for (slot, child) in children.enumerated() { result[Int(child)] = Int32(slot) }
        return result
    }

    /// ``pointer(to:parents:)`` with the ``childSlots()`` table, if given.
    public func pointer(to node: Int32, parents: [Int32], slots: [Int32]?) -> JSONPointer {
        var tokens: [String] = []
        var current = node
        while parents[Int(current)] >= 0 {
            let parent = parents[Int(current)]
            let container = nodes[Int(parent)]
            let first = Int(container.firstChild)
            let position = (slots.map { Int($0[Int(current)]) } ?? children[first ..< first + Int(container.childCount)].firstIndex(of: current)!) - first
            if container.kind == .array {
                tokens.append(String(position))
            } else {
                let key = children[first + position - position % 2]
                tokens.append(string(key))
            }
            current = parent
        }
        return JSONPointer(tokens: tokens.reversed())
    }
}
