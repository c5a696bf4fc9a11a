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

    /// The source bytes of the code point at `index` (0-based) of the JSON string `node`, its
    /// escapes read as the parser reads them (`\uD83D\uDE80` is one code point); for a document
    /// built from YAML, only where the source spells the value as it is. `nil` otherwise, or for
    /// an index past the end.
    public func sourceRange(ofCodePoint index: Int, inString node: Int32) -> SourceRange? {
        guard nodes[Int(node)].kind == .string else { return nil }
        if let scalars {
            // YAML: only where the source is the value itself (plain, or quoted without escapes
            // or folding); otherwise the caller keeps the whole value's range.
            var start = Int(nodes[Int(node)].start), end = Int(nodes[Int(node)].end)
            if end - start >= 2, bytes[start] == bytes[end - 1], bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'") {
                start += 1
                end -= 1
            }
            guard String(decoding: bytes[start ..< end], as: UTF8.self) == scalars[Int(node)] else { return nil }
            var i = start, count = 0
            while i < end {
                let length = max(1, UTF8Validation.sequenceLength(bytes, at: i))
                if count == index { return SourceRange(start: i, end: min(i + length, end)) }
                count += 1
                i += length
            }
            return nil
        }
        var i = Int(nodes[Int(node)].start) + 1
        let end = Int(nodes[Int(node)].end) - 1
        var count = 0
        while i < end {
            var length = max(1, UTF8Validation.sequenceLength(bytes, at: i))
            if bytes[i] == UInt8(ascii: "\\") {
                length = bytes[i + 1] == UInt8(ascii: "u") ? 6 : 2
                // A high surrogate escape followed by a low one is one code point.
                if length == 6, i + 12 <= end, bytes[i + 2] | 0x20 == UInt8(ascii: "d"), (bytes[i + 3] | 0x20) >= UInt8(ascii: "8"),
                   (bytes[i + 3] | 0x20) <= UInt8(ascii: "b"), bytes[i + 6] == UInt8(ascii: "\\"), bytes[i + 7] == UInt8(ascii: "u"),
                   bytes[i + 8] | 0x20 == UInt8(ascii: "d"), (bytes[i + 9] | 0x20) >= UInt8(ascii: "c"), (bytes[i + 9] | 0x20) <= UInt8(ascii: "f") {
                    length = 12
                }
            }
            if count == index { return SourceRange(start: i, end: min(i + length, end)) }
            count += 1
            i += length
        }
        return nil
    }
}
