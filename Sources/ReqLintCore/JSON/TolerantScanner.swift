
/// Where a cursor is in a JSON document, structurally.
public struct CursorContext: Sendable, Equatable {
    public enum Role: Sendable, Equatable {
        /// At a member name (or where one can be written) of the object at ``container``.
        case key
        /// At a value (or where one can be written) of the member or element at ``pointer``.
        case value
        /// Anywhere else (after a value, before a colon, outside the document).
        case none
    }

    /// A token under the cursor.
    public struct Token: Sendable, Equatable {
        public var range: SourceRange
        /// A string literal (else a bare word: a number, `true`, or an unquoted name being typed).
        public var isString: Bool
        /// For strings: whether the closing quote is there.
        public var terminated: Bool
        /// The decoded string, or the word.
        public var text: String
    }

    public var role: Role
    /// The object or array that holds the cursor (`nil` outside any container).
    public var container: JSONPointer?
    public var containerIsObject: Bool
    /// For `.key`: the member named by the token under the cursor, if any. For `.value`: the
    /// value's pointer.
    public var pointer: JSONPointer?
    public var token: Token?
    /// The member names of the object at ``container`` (before and after the cursor), without
    /// the one being written at the cursor.
    public var presentKeys: [String]
    /// Whether a `:` follows the token (or the cursor) at a key position.
    public var colonFollows: Bool
}

/// A forgiving scanner for documents that are being typed: it reads JSON-like text, never
/// fails, and recovers from missing commas, colons, quotes and brackets the way a person
/// typing leaves them. The language server uses it to map a position to a pointer when the
/// document does not parse (completion always uses it: it also says whether the cursor is at
/// a name or a value). Linear, no recursion, every step advances.
public struct TolerantScanner: Sendable {
    public enum Mode: Sendable {
        /// A token counts as under the cursor when the cursor is strictly inside it or at the
        /// end of an unfinished one (typing position).
        case completion
        /// A token counts when the cursor is on any of its characters (hover position).
        case hover
    }

    private enum Expect { case key, colon, value, comma }

    private struct Frame {
        var isObject: Bool
        /// The frame's member name or index in its parent (`nil` for the root). Frames keep
        /// only their own token, not a whole pointer: copying the pointer into every frame
        /// made a deeply nested document quadratic.
        var token: String?
        var keys: [(name: String, range: SourceRange)] = []
        var expect: Expect
        var currentKey: String?
        var index = 0
    }

    let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The top-level member names (when the document is an object).
    public func rootKeys() -> [String] {
        var rootKeys: [String] = []
        _ = scan(cursor: nil, mode: .completion, rootKeys: &rootKeys)
        return rootKeys
    }

    /// The context at byte `offset`.
    public func context(at offset: Int, mode: Mode) -> CursorContext {
        var rootKeys: [String] = []
        return scan(cursor: offset, mode: mode, rootKeys: &rootKeys)
            ?? CursorContext(role: .none, container: nil, containerIsObject: false, pointer: nil, token: nil, presentKeys: [], colonFollows: false)
    }

    private func scan(cursor: Int?, mode: Mode, rootKeys: inout [String]) -> CursorContext? {
        var stack: [Frame] = []
        var openObjects = 0, openArrays = 0
        var rootDone = false
        var result: CursorContext?
        var resultDepth = 0
        var excludedKey: SourceRange?
        var pos = JSONParser.byteOrderMarkLength(bytes)

        func pop() {
            let frame = stack.removeLast()
            if frame.isObject { openObjects -= 1 } else { openArrays -= 1 }
            if stack.isEmpty, frame.isObject { rootKeys = frame.keys.map(\.name) }
            if result != nil, stack.count + 1 == resultDepth {
                result!.presentKeys = frame.keys.filter { $0.range != excludedKey }.map(\.name)
                resultDepth = -1
            }
            if stack.isEmpty { rootDone = true } else { stack[stack.count - 1].expect = .comma }
        }

        /// The token of a value about to be read in the top frame.
        func childToken(_ top: Frame) -> String { top.isObject ? top.currentKey ?? "" : String(top.index) }

        /// The pointer of the top frame (built only for the cursor's context: linear in depth).
        func topPointer() -> JSONPointer { JSONPointer(tokens: stack.compactMap(\.token)) }

        /// The pointer of a value about to be read in the top frame.
        func childPointer() -> JSONPointer {
            guard let top = stack.last else { return .root }
            return topPointer().appending(childToken(top))
        }

        /// Records the context for a cursor that is between tokens.
        func recordBetween() {
            guard let top = stack.last else {
                result = CursorContext(role: rootDone ? .none : .value, container: nil, containerIsObject: false,
                                       pointer: rootDone ? nil : .root, token: nil, presentKeys: [], colonFollows: false)
                return
            }
            var role = CursorContext.Role.none
            var pointer: JSONPointer?
            switch (top.isObject, top.expect) {
            case (true, .key): role = .key
            case (true, .value), (false, .value):
                role = .value
                pointer = childPointer()
            default: break
            }
            result = CursorContext(role: role, container: topPointer(), containerIsObject: top.isObject, pointer: pointer,
                                   token: nil, presentKeys: [], colonFollows: nextSignificant(from: cursor!) == UInt8(ascii: ":"))
            resultDepth = stack.count
        }

        /// Records the context for a cursor inside `token`.
        func recordInside(_ token: CursorContext.Token) {
            guard let top = stack.last else {
                result = CursorContext(role: .value, container: nil, containerIsObject: false, pointer: .root, token: token,
                                       presentKeys: [], colonFollows: false)
                return
            }
            let atKey = top.isObject && (top.expect == .key || top.expect == .comma || (top.expect == .colon && !token.isString))
            if atKey {
                excludedKey = token.range
                let container = topPointer()
                result = CursorContext(role: .key, container: container, containerIsObject: true,
                                       pointer: container.appending(token.text), token: token, presentKeys: [],
                                       colonFollows: nextSignificant(from: token.range.end) == UInt8(ascii: ":"))
            } else if top.expect == .value || (!top.isObject && top.expect == .comma) {
                result = CursorContext(role: .value, container: topPointer(), containerIsObject: top.isObject, pointer: childPointer(),
                                       token: token, presentKeys: [], colonFollows: false)
            } else {
                result = CursorContext(role: .none, container: topPointer(), containerIsObject: top.isObject, pointer: nil,
                                       token: token, presentKeys: [], colonFollows: false)
            }
            resultDepth = stack.count
        }

        while true {
            while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
            if let cursor, result == nil {
                let before = mode == .completion ? cursor <= pos : cursor < pos
                if before || pos >= bytes.count { recordBetween() }
            }
            guard pos < bytes.count else { break }
            let byte = bytes[pos]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if stack.isEmpty && rootDone { pos += 1; continue }
                let token = stack.last.map(childToken)
                let isObject = byte == UInt8(ascii: "{")
                if isObject { openObjects += 1 } else { openArrays += 1 }
                stack.append(Frame(isObject: isObject, token: token, expect: isObject ? .key : .value))
                pos += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let isObject = byte == UInt8(ascii: "}")
                pos += 1
                // Close up to the innermost matching container; a stray bracket is ignored.
                guard isObject ? openObjects > 0 : openArrays > 0 else { continue }
                while let top = stack.last {
                    pop()
                    if top.isObject == isObject { break }
                }
            case UInt8(ascii: ":"):
                if let top = stack.last, top.isObject, top.expect == .colon { stack[stack.count - 1].expect = .value }
                pos += 1
            case UInt8(ascii: ","):
                if let top = stack.last {
                    if top.isObject {
                        stack[stack.count - 1].expect = .key
                        stack[stack.count - 1].currentKey = nil
                    } else {
                        if top.expect != .value { stack[stack.count - 1].index += 1 }
                        stack[stack.count - 1].expect = .value
                    }
                }
                pos += 1
            default:
                let token = readToken(at: pos)
                if let cursor, result == nil {
                    let r = token.range
                    let inside: Bool
                    switch mode {
                    case .completion: inside = r.start < cursor && (cursor < r.end || (cursor == r.end && (!token.isString || !token.terminated)))
                    case .hover: inside = r.start <= cursor && (cursor < r.end || (cursor == r.end && token.isString && !token.terminated))
                    }
                    if inside { recordInside(token) }
                }
                apply(token, to: &stack, rootDone: &rootDone)
                pos = max(token.range.end, pos + 1)
            }
        }
        if result != nil, resultDepth > 0, stack.count >= resultDepth {
            let frame = stack[resultDepth - 1]
            result!.presentKeys = frame.keys.filter { $0.range != excludedKey }.map(\.name)
        }
        if let first = stack.first, first.isObject, rootKeys.isEmpty { rootKeys = first.keys.map(\.name) }
        return result
    }

    private func apply(_ token: CursorContext.Token, to stack: inout [Frame], rootDone: inout Bool) {
        guard let top = stack.last else {
            rootDone = true
            return
        }
        let i = stack.count - 1
        if top.isObject {
            switch top.expect {
            case .key, .comma:
                // A name (a missing comma is forgiven: people type the next name first).
                if token.isString { stack[i].keys.append((token.text, token.range)) }
                stack[i].currentKey = token.text
                stack[i].expect = .colon
            case .colon:
                // A value where the colon was forgotten.
                stack[i].expect = .comma
            case .value:
                stack[i].expect = .comma
            }
        } else {
            if top.expect == .comma { stack[i].index += 1 }
            stack[i].expect = .comma
        }
    }

    /// A string literal (up to its closing quote, or an unescaped line end or the end of the
    /// text when unfinished) or a bare word.
    private func readToken(at start: Int) -> CursorContext.Token {
        if bytes[start] == UInt8(ascii: "\"") {
            var i = start + 1
            var escaped = false
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x0A || b == 0x0D { break }
                if b == UInt8(ascii: "\\") {
                    escaped = true
                    i += 2
                    continue
                }
                if b == UInt8(ascii: "\"") {
                    return CursorContext.Token(range: SourceRange(start: start, end: i + 1), isString: true, terminated: true,
                                               text: decode(start + 1, i, escaped: escaped))
                }
                i += 1
            }
            let end = min(i, bytes.count)
            return CursorContext.Token(range: SourceRange(start: start, end: end), isString: true, terminated: false,
                                       text: decode(start + 1, end, escaped: escaped))
        }
        var i = start
        let stops: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                                 UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\"")]
        while i < bytes.count, !stops.contains(bytes[i]) { i += 1 }
        if i == start { i += 1 }
        return CursorContext.Token(range: SourceRange(start: start, end: i), isString: false, terminated: true,
                                   text: String(decoding: bytes[start ..< i], as: UTF8.self))
    }

    /// The decoded text of string content `start..<end`, through the core's parser when it
    /// has escapes (an unfinished escape is kept as written).
    private func decode(_ start: Int, _ end: Int, escaped: Bool) -> String {
        let content = bytes[start ..< max(start, min(end, bytes.count))]
        guard escaped else { return String(decoding: content, as: UTF8.self) }
        let document = JSONParser.parse([UInt8(ascii: "\"")] + content + [UInt8(ascii: "\"")])
        if let root = document.root { return document.string(root) }
        return String(decoding: content, as: UTF8.self)
    }

    private func nextSignificant(from offset: Int) -> UInt8? {
        var i = offset
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        return i < bytes.count ? bytes[i] : nil
    }
}
