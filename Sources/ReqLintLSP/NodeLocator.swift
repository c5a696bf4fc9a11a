import ReqLintCore

/// What is at a position of a parsed document.
public struct LocatedNode: Sendable, Equatable {
    /// The pointer of the member or element (for a member name: its member's pointer).
    public var pointer: JSONPointer
    /// The node under the position (the key node for a member name).
    public var node: Int32
    /// Whether the position is on a member name.
    public var isKey: Bool
    /// The byte range to highlight.
    public var range: SourceRange
}

/// Maps byte offsets to nodes of a well-formed document, without recursion.
public enum NodeLocator {
    /// The innermost member name or value whose literal contains `offset` (`nil` when the
    /// offset is on punctuation or whitespace between values, or outside the document).
    public static func locate(_ document: JSONDocument, offset: Int) -> LocatedNode? {
        guard let root = document.root else { return nil }
        var node = root
        // Tokens, not a pointer per level: appending to a pointer copies it (quadratic in depth).
        var tokens: [String] = []
        while true {
            let n = document[node]
            guard Int(n.start) <= offset, offset < Int(n.end) else { return nil }
            switch n.kind {
            case .object:
                var next: Int32?
                for (key, value) in document.members(of: node) {
                    let k = document[key]
                    if Int(k.start) <= offset, offset < Int(k.end) {
                        tokens.append(document.string(key))
                        return LocatedNode(pointer: JSONPointer(tokens: tokens), node: key, isKey: true, range: k.range)
                    }
                    let v = document[value]
                    if Int(v.start) <= offset, offset < Int(v.end) {
                        tokens.append(document.string(key))
                        next = value
                        break
                    }
                }
                guard let next else { return nil }
                node = next
            case .array:
                var next: Int32?
                for (i, element) in document.elements(of: node).enumerated() {
                    let e = document[element]
                    if Int(e.start) <= offset, offset < Int(e.end) {
                        tokens.append(String(i))
                        next = element
                        break
                    }
                }
                guard let next else { return nil }
                node = next
            default:
                return LocatedNode(pointer: JSONPointer(tokens: tokens), node: node, isKey: false, range: n.range)
            }
        }
    }

    /// The node whose literal is exactly `range` (a diagnostic's range), with its pointer and
    /// whether it is a member name.
    public static func node(_ document: JSONDocument, exactly range: SourceRange) -> LocatedNode? {
        guard let index = document.nodes.firstIndex(where: { $0.range == range }) else { return nil }
        let parents = document.parents()
        let node = Int32(index)
        let parent = parents[index]
        var isKey = false
        if parent >= 0, document[parent].kind == .object {
            let siblings = document.elements(of: parent)
            if let position = siblings.firstIndex(of: node) { isKey = (position - siblings.startIndex) % 2 == 0 }
        }
        return LocatedNode(pointer: document.pointer(to: node, parents: parents), node: node, isKey: isKey, range: range)
    }
}
