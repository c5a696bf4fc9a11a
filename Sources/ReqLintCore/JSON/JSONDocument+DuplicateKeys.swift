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
            let node = nodes[index]
            let first = Int(node.firstChild)
            let memberCount = Int(node.childCount) / 2
            if memberCount <= 16 {
                for i in 1 ..< memberCount {
                    let key = children[first + 2 * i]
                    for j in 0 ..< i where sameKey(children[first + 2 * j], key) {
                        result.append(DuplicateKey(key: key, first: children[first + 2 * j]))
                        break
                    }
                }
            } else {
                var seen: [[UInt8]: Int32] = [:]
                seen.reserveCapacity(memberCount)
                for i in 0 ..< memberCount {
                    let key = children[first + 2 * i]
                    let name = decodedUTF8(key)
                    if let earlier = seen[name] {
                        result.append(DuplicateKey(key: key, first: earlier))
                    } else {
                        seen[name] = key
                    }
                }
            }
        }
        return result
    }

    /// The members of an object node with each name once, compared as ``duplicateKeys()``
    /// compares them: in the order names first appear, each with its last value (the one the
    /// AWS CLI sends).
    func distinctMembers(of index: Int32) -> [(key: Int32, value: Int32)] {
        let node = nodes[Int(index)]
        let first = Int(node.firstChild)
        let memberCount = Int(node.childCount) / 2
        var result: [(key: Int32, value: Int32)] = []
        result.reserveCapacity(memberCount)
        if memberCount <= 16 {
            for i in 0 ..< memberCount {
                let key = children[first + 2 * i]
                if let earlier = result.firstIndex(where: { sameKey($0.key, key) }) {
                    result[earlier].value = children[first + 2 * i + 1]
                } else {
                    result.append((key, children[first + 2 * i + 1]))
                }
            }
            return result
        }
        var seen: [[UInt8]: Int] = [:]
        seen.reserveCapacity(memberCount)
        for i in 0 ..< memberCount {
            let key = children[first + 2 * i]
            let name = decodedUTF8(key)
            if let earlier = seen[name] {
                result[earlier].value = children[first + 2 * i + 1]
            } else {
                seen[name] = result.count
                result.append((key, children[first + 2 * i + 1]))
            }
        }
        return result
    }

    /// The value of an integer number node (one written without fraction or exponent), or
    /// `nil` when it does not fit in 64 bits.
    func integer(_ index: Int32) -> Int64? {
        if let scalars { return Int64(scalars[Int(index)]) }
        let node = nodes[Int(index)]
        var i = Int(node.start)
        let end = Int(node.end)
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < end else { return nil }
        var magnitude: UInt64 = 0
        while i < end {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            magnitude = sum
            i += 1
        }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(bitPattern: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    private func sameKey(_ a: Int32, _ b: Int32) -> Bool {
        let x = nodes[Int(a)]
        let y = nodes[Int(b)]
        if x.flag || y.flag { return string(a).utf8.elementsEqual(string(b).utf8) }
        guard x.end - x.start == y.end - y.start else { return false }
        var i = Int(x.start)
        var j = Int(y.start)
        while i < Int(x.end) {
            if bytes[i] != bytes[j] { return false }
            i += 1
            j += 1
        }
        return true
    }

    /// The UTF-8 bytes of a string node's decoded value.
    private func decodedUTF8(_ index: Int32) -> [UInt8] {
        let node = nodes[Int(index)]
        if node.flag { return Array(string(index).utf8) }
        return Array(bytes[Int(node.start) + 1 ..< Int(node.end) - 1])
    }
}
