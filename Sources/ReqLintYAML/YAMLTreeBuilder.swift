import ReqLintCore

/// Turns the raw YAML tree into the flat node tree of a ``JSONDocument``: expands aliases into
/// copies (whose nodes all take the range of the alias, so every position lies within the
/// value's place in the document), applies merge keys, and writes each scalar's JSON reading.
///
/// It never recurses. Expansion is bounded: nesting deeper than
/// ``YAMLComposer/maximumDepth`` or more copied nodes than ``copyLimit`` (an "alias bomb")
/// stops it with a `syntax` error.
struct YAMLTreeBuilder {
    private struct Item {
        var raw: Int32
        /// The range every node of a copy takes (the alias it came through).
        var override: SourceRange?
        var isKey: Bool
    }

    private struct Frame {
        var json: Int32
        var items: [Item]
        var next = 0
        var emitted: [Int32] = []
    }

    let composer: YAMLComposer
    private(set) var nodes: [JSONNode] = []
    private(set) var children: [Int32] = []
    private(set) var scalars: [String] = []
    /// The JSON node each raw node became where it is written (copies made through aliases are
    /// not recorded); -1 for none.
    private(set) var original: [Int32]
    /// Why building stopped.
    private(set) var failure: Diagnostic?
    /// The most nodes that aliases may copy.
    let copyLimit: Int
    private var copies = 0

    init(composer: YAMLComposer) {
        self.composer = composer
        original = [Int32](repeating: -1, count: composer.nodes.count)
        copyLimit = max(1_000_000, 10 * composer.nodes.count)
        nodes.reserveCapacity(composer.nodes.count)
        scalars.reserveCapacity(composer.nodes.count)
    }

    /// Builds the tree under raw node `root`; returns the JSON root, or `nil` with ``failure``.
    mutating func build(root: Int32) -> Int32? {
        var frames: [Frame] = []
        let rootIndex = emit(Item(raw: root, override: nil, isKey: false), frames: &frames)
        while failure == nil, !frames.isEmpty {
            let top = frames.count - 1
            if frames[top].next < frames[top].items.count {
                let item = frames[top].items[frames[top].next]
                frames[top].next += 1
                let child = emit(item, frames: &frames)
                frames[top].emitted.append(child)
            } else {
                let frame = frames.removeLast()
                nodes[Int(frame.json)].firstChild = Int32(children.count)
                nodes[Int(frame.json)].childCount = Int32(frame.emitted.count)
                children.append(contentsOf: frame.emitted)
            }
        }
        return failure == nil ? rootIndex : nil
    }

    /// The JSON node nearest to raw node `raw` (itself, or the closest enclosing node written).
    func jsonNode(nearest raw: Int32) -> Int32? {
        var current = raw
        while current >= 0 {
            if original[Int(current)] >= 0 { return original[Int(current)] }
            current = composer.nodes[Int(current)].parent
        }
        return nil
    }

    /// A node to copy and fill in: `JSONNode`'s memberwise initializer is internal to
    /// ReqLintCore, but its properties are public.
    private static let template: JSONNode = JSONParser.parse("0").nodes[0]

    private mutating func append(_ kind: JSONNode.Kind, flag: Bool, range: SourceRange, text: String) -> Int32 {
        var node = YAMLTreeBuilder.template
        node.kind = kind
        node.flag = flag
        node.start = Int32(range.start)
        node.end = Int32(range.end)
        node.firstChild = 0
        node.childCount = 0
        nodes.append(node)
        scalars.append(text)
        return Int32(nodes.count - 1)
    }

    /// Writes the node of `item`; a collection's items are pushed as a frame to write next.
    private mutating func emit(_ item: Item, frames: inout [Frame]) -> Int32 {
        var index = item.raw
        var override = item.override
        var raw = composer.nodes[Int(index)]
        if raw.kind == .alias {
            override = override ?? raw.range
            index = raw.target
            raw = composer.nodes[Int(index)]
        }
        if let override {
            copies += 1
            if copies > copyLimit && failure == nil {
                failure = Diagnostic(
                    rule: .syntax,
                    message: "aliases expand this document to more than \(copyLimit) values, which reqlint does not read: write it with fewer aliases",
                    pointer: .root, range: override)
            }
        }
        let range = override ?? raw.range
        if item.isKey {
            let json = append(.string, flag: true, range: range, text: composer.keyName(item.raw))
            if item.override == nil { original[Int(item.raw)] = json }
            return json
        }
        let json: Int32
        switch raw.kind {
        case .scalar, .alias:
            let text = raw.value == .string || raw.value == .number ? raw.text : ""
            json = append(raw.value, flag: raw.value == .string || raw.flag, range: range, text: text)
        case .sequence:
            json = append(.array, flag: false, range: range, text: "")
            push(json, raw.children.map { Item(raw: $0, override: override, isKey: false) }, range: range, frames: &frames)
        case .mapping:
            json = append(.object, flag: false, range: range, text: "")
            var items: [Item] = []
            for member in composer.members(of: index) {
                let memberOverride = override ?? member.via
                items.append(Item(raw: member.key, override: memberOverride, isKey: true))
                items.append(Item(raw: member.value, override: memberOverride, isKey: false))
            }
            push(json, items, range: range, frames: &frames)
        }
        if item.override == nil { original[Int(item.raw)] = json }
        return json
    }

    private mutating func push(_ json: Int32, _ items: [Item], range: SourceRange, frames: inout [Frame]) {
        guard frames.count < YAMLComposer.maximumDepth else {
            if failure == nil {
                failure = Diagnostic(
                    rule: .syntax,
                    message: "aliases nest this document more than \(YAMLComposer.maximumDepth) levels deep, which reqlint does not read: flatten it",
                    pointer: .root, range: range)
            }
            return
        }
        frames.append(Frame(json: json, items: items))
    }
}
