/// A parsed JSON document: the source bytes, a flat tree of ``JSONNode`` values that keeps
/// each value's byte range, and the syntax problems found.
///
/// Duplicate object keys are kept in source order; ``duplicateKeys`` lists each repeated one.
public struct JSONDocument: Sendable {
    /// The source bytes as read, including a UTF-8 byte order mark if there was one.
    public let bytes: [UInt8]
    /// Every value of the document; the root is ``root``.
    public let nodes: [JSONNode]
    /// Child indices of arrays and objects (see ``JSONNode/firstChild``).
    public let children: [Int32]
    /// The root value, or `nil` when a syntax error was found.
    public let root: Int32?
    /// The first syntax error, if any. Parsing stops at it.
    public let syntaxError: JSONSyntaxError?
    /// For a document read from another syntax (YAML): the decoded text of each string node
    /// and the JSON literal of each number node, by node index. `nil` for JSON, whose values
    /// are decoded from ``bytes``.
    public let scalars: [String]?

    init(bytes: [UInt8], nodes: [JSONNode], children: [Int32], root: Int32?, syntaxError: JSONSyntaxError?) {
        self.bytes = bytes
        self.nodes = nodes
        self.children = children
        self.root = root
        self.syntaxError = syntaxError
        scalars = nil
    }

    /// A document built from another syntax (YAML) whose node ranges point into `source`.
    /// `scalars` holds, by node index, each string's decoded text and each number's literal as
    /// JSON would write it (`""` for other nodes). String nodes must have ``JSONNode/flag``
    /// set; number nodes have it set when the literal has a fraction or exponent.
    public init(source: [UInt8], nodes: [JSONNode], children: [Int32], root: Int32, scalars: [String]) {
        precondition(scalars.count == nodes.count, "one scalar entry per node")
        bytes = source
        self.nodes = nodes
        self.children = children
        self.root = root
        syntaxError = nil
        self.scalars = scalars
    }

    /// The node at `index`.
    @inlinable
    public subscript(index: Int32) -> JSONNode { nodes[Int(index)] }

    /// The elements of an array node.
    public func elements(of index: Int32) -> ArraySlice<Int32> {
        let node = nodes[Int(index)]
        return children[Int(node.firstChild) ..< Int(node.firstChild + node.childCount)]
    }

    /// The members of an object node, in source order, as (key node, value node) pairs.
    public func members(of index: Int32) -> [(key: Int32, value: Int32)] {
        let node = nodes[Int(index)]
        var result: [(key: Int32, value: Int32)] = []
        result.reserveCapacity(Int(node.childCount / 2))
        var i = Int(node.firstChild)
        let end = i + Int(node.childCount)
        while i < end {
            result.append((children[i], children[i + 1]))
            i += 2
        }
        return result
    }

    /// The number of members of an object or elements of an array.
    public func count(of index: Int32) -> Int {
        let node = nodes[Int(index)]
        return node.kind == .object ? Int(node.childCount / 2) : Int(node.childCount)
    }

    /// The decoded value of a string node.
    public func string(_ index: Int32) -> String {
        if let scalars { return scalars[Int(index)] }
        let node = nodes[Int(index)]
        let contentStart = Int(node.start) + 1
        let contentEnd = Int(node.end) - 1
        if !node.flag {
            // From a raw buffer: `String(decoding:)` of an `ArraySlice` takes a slower generic path.
            return bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[contentStart ..< contentEnd]), as: UTF8.self)
            }
        }
        return JSONStringDecoder.decode(bytes[contentStart ..< contentEnd])
    }

    /// Calls `body` with the UTF-8 bytes of a string node's decoded value: straight from
    /// ``bytes`` when the literal has no escapes, else from the decoded `String`.
    @inline(__always)
    func withStringBytes<R>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let node = nodes[Int(index)]
        if scalars == nil, !node.flag {
            return bytes.withUnsafeBufferPointer {
                body(UnsafeBufferPointer(rebasing: $0[Int(node.start) + 1 ..< Int(node.end) - 1]))
            }
        }
        var text = string(index)
        return text.withUTF8(body)
    }

    /// Whether a string node's decoded value equals `value`, code point for code point (not by
    /// Swift's canonical equivalence: `"\u00e9"` and `"e\u0301"` differ, as they do for AWS),
    /// without building a `String` when the literal has no escapes.
    public func string(_ index: Int32, equals value: String) -> Bool {
        var value = value
        return value.withUTF8 { name(index, equals: $0) }
    }

    /// The number of Unicode code points in a string node's decoded value.
    public func codePointCount(_ index: Int32) -> Int {
        let node = nodes[Int(index)]
        if node.flag { return string(index).unicodeScalars.count }
        var count = 0
        for i in Int(node.start) + 1 ..< Int(node.end) - 1 where bytes[i] & 0xC0 != 0x80 {
            count += 1
        }
        return count
    }

    /// The literal text of a node (for numbers: exactly as written).
    public func literal(_ index: Int32) -> String {
        if let scalars, nodes[Int(index)].kind == .number { return scalars[Int(index)] }
        let node = nodes[Int(index)]
        return String(decoding: bytes[Int(node.start) ..< Int(node.end)], as: UTF8.self)
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
}
