/// An operation's pack compiled for linting: shapes by index, members by name, enum sets,
/// and each pattern compiled once. Built once per process and shared by every thread; the
/// linter allocates nothing of it per document.
public struct OperationModel: Sendable {
    struct CompiledMember: Sendable {
        var member: Member
        var shape: Int
    }

    struct CompiledShape: Sendable {
        var shape: Shape
        var members: [String: CompiledMember] = [:]
        var element = -1
        var key = -1
        var value = -1
        var pattern: CompiledPattern?
        var enumSet: Set<String>?
    }

    /// The pack the model was compiled from (with its overlay merged).
    public let pack: OperationPack
    let shapes: [CompiledShape]
    let input: Int

    /// The operation id.
    public var id: OperationID { pack.id }

    /// Compiles `pack`; throws when a shape reference is dangling or a pattern does not translate.
    public init(pack: OperationPack) throws {
        self.pack = pack
        let names = pack.shapes.keys.sorted()
        var indexOf: [String: Int] = [:]
        for (i, name) in names.enumerated() { indexOf[name] = i }
        func index(_ name: String?, _ context: String) throws -> Int {
            guard let name else { return -1 }
            guard let i = indexOf[name] else { throw ReqLintError("\(pack.id): \(context) refers to unknown shape \(name)") }
            return i
        }
        var compiled: [CompiledShape] = []
        for name in names {
            let shape = pack.shapes[name]!
            var c = CompiledShape(shape: shape)
            for member in shape.members {
                c.members[member.name] = CompiledMember(member: member, shape: try index(member.shape, "\(name).\(member.name)"))
            }
            c.element = try index(shape.listMember, name)
            c.key = try index(shape.mapKey, name)
            c.value = try index(shape.mapValue, name)
            if let pattern = shape.pattern { c.pattern = try CompiledPattern(java: pattern) }
            if let values = shape.enumValues { c.enumSet = Set(values) }
            compiled.append(c)
        }
        shapes = compiled
        input = try index(pack.input, "the operation input")
    }

    /// The input shape.
    public var inputShape: Shape { shapes[input].shape }

    /// The shape at a pointer into a request document (list indices and map keys may be any
    /// token), or `nil` when the pointer leaves the model.
    public func shape(at pointer: JSONPointer) -> Shape? {
        var current = input
        for token in pointer.tokens {
            let c = shapes[current]
            switch c.shape.kind {
            case .structure:
                guard let member = c.members[token] else { return nil }
                current = member.shape
            case .list: current = c.element
            case .map: current = c.value
            default: return nil
            }
        }
        return shapes[current].shape
    }

    /// The member at the end of a pointer (the last structure member on the way).
    public func member(at pointer: JSONPointer) -> Member? {
        var current = input
        var last: Member?
        for token in pointer.tokens {
            let c = shapes[current]
            switch c.shape.kind {
            case .structure:
                guard let member = c.members[token] else { return nil }
                last = member.member
                current = member.shape
            case .list: current = c.element
            case .map: current = c.value
            default: return nil
            }
        }
        return last
    }
}
