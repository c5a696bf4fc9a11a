#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Member names compared as AWS compares them: by decoded code points (`"a"` and `"\u0061"`
/// are one name; `"\u00e9"` and `"e\u0301"`, equal as Swift `String`s, are two), reading the
/// document's bytes directly when a literal has no escapes.
extension JSONDocument {
    /// Whether string node `key`'s decoded value is the UTF-8 bytes `name`.
    func name(_ key: Int32, equals name: UnsafeBufferPointer<UInt8>) -> Bool {
        let node = nodes[Int(key)]
        guard scalars == nil, !node.flag else { return withStringBytes(key) { $0.elementsEqual(name) } }
        let length = Int(node.end - node.start) - 2
        guard length == name.count else { return false }
        return name.isEmpty || bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + Int(node.start) + 1, name.baseAddress!, length) == 0 }
    }

    /// Whether two string nodes have the same decoded value.
    func sameName(_ a: Int32, _ b: Int32) -> Bool {
        let x = nodes[Int(a)], y = nodes[Int(b)]
        guard scalars == nil, !x.flag, !y.flag else { return withStringBytes(b) { name(a, equals: $0) } }
        // Two unescaped JSON literals: the same bytes between the quotes.
        let length = Int(x.end - x.start)
        guard length == Int(y.end - y.start) else { return false }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + Int(x.start), $0.baseAddress! + Int(y.start), length) == 0 }
    }

    /// Calls `body(member, first)` for each member of object `object`, in source order, with
    /// `first` the number of the first member with the same name (`member` itself for a new
    /// name). Small objects compare names pairwise without allocating; larger ones go through a
    /// dictionary, so 50,000 repeated names stay linear.
    func forEachMember(of object: Int32, _ body: (_ member: Int, _ first: Int) -> Void) {
        let node = nodes[Int(object)]
        let first = Int(node.firstChild)
        let memberCount = Int(node.childCount) / 2
        if memberCount <= 16 {
            for i in 0 ..< memberCount {
                let key = children[first + 2 * i]
                body(i, (0 ..< i).first { sameName(children[first + 2 * $0], key) } ?? i)
            }
            return
        }
        var seen: [[UInt8]: Int] = [:]
        seen.reserveCapacity(memberCount)
        for i in 0 ..< memberCount {
            let name = withStringBytes(children[first + 2 * i]) { Array($0) }
            if let earlier = seen[name] {
                body(i, earlier)
            } else {
                seen[name] = i
                body(i, i)
            }
        }
    }

    /// The members of an object node with each name once: in the order names first appear,
    /// each with its last value (the one the AWS CLI sends).
    func distinctMembers(of object: Int32) -> [(key: Int32, value: Int32)] {
        let first = Int(nodes[Int(object)].firstChild)
        var result: [(key: Int32, value: Int32)] = []
        var slot: [Int] = []  // by member number: its name's entry in `result`
        forEachMember(of: object) { member, firstWithName in
            let value = children[first + 2 * member + 1]
            if firstWithName == member {
                slot.append(result.count)
                result.append((children[first + 2 * member], value))
            } else {
                slot.append(slot[firstWithName])
                result[slot[firstWithName]].value = value
            }
        }
        return result
    }

    /// The last member of object `object` named `name` (UTF-8 bytes), or, when `like` is a
    /// key node, named as that key.
    func lastMember(of object: Int32, named name: [UInt8], orLike like: Int32?) -> (key: Int32, value: Int32)? {
        let node = self[object]
        var position = Int(node.firstChild)
        let end = position + Int(node.childCount)
        var found: (key: Int32, value: Int32)?
        name.withUnsafeBufferPointer { name in
            while position < end {
                let key = children[position]
                let same = if let like { sameName(key, like) } else { self.name(key, equals: name) }
                if same { found = (key, children[position + 1]) }
                position += 2
            }
        }
        return found
    }
}
