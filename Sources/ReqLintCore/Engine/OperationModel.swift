/// An operation's pack compiled for linting: shapes by index, members by name, enum sets,
/// and each pattern compiled once. Built once per process and shared by every thread; the
/// linter allocates nothing of it per document.
public struct OperationModel: Sendable {
    struct CompiledMember: Sendable {
        var member: Member
        var shape: Int
    }

    /// A shape ready for checking: members by name and by UTF-8 bytes, required members by
    /// index, enum values in a byte table, the pattern compiled. A class, so that the checks
    /// borrow it instead of copying a dozen fields per value.
    final class CompiledShape: Sendable {
        let shape: Shape
        let kind: Shape.Kind
        /// Members in model order.
        let memberList: [CompiledMember]
        /// Members by name (for lookups by pointer outside the checks).
        let members: [String: CompiledMember]
        /// Member names to indices of ``memberList``.
        let memberTable: NameTable
        /// The required members: their index in ``memberList`` (-1 when the model names a
        /// member it does not have) and name.
        let required: [(index: Int, name: String)]
        let element: Int
        let key: Int
        let value: Int
        let pattern: CompiledPattern?
        /// The enum values, or `nil` when the shape is not an enum.
        let enumTable: NameTable?

        init(shape: Shape, members: [CompiledMember], element: Int, key: Int, value: Int, pattern: CompiledPattern?) {
            self.shape = shape
            kind = shape.kind
            memberList = members
            var byName: [String: CompiledMember] = [:]
            for member in members { byName[member.member.name] = member }
            self.members = byName
            let table = NameTable(members.map(\.member.name))
            memberTable = table
            required = shape.required.map { (table.index(of: $0) ?? -1, $0) }
            self.element = element
            self.key = key
            self.value = value
            self.pattern = pattern
            enumTable = shape.enumValues.map(NameTable.init)
        }
    }

    /// The pack the model was compiled from (with its overlay merged).
    public let pack: OperationPack
    let shapes: [CompiledShape]
    let input: Int

    /// The operation id.
    public var id: OperationID { pack.id }

    /// Compiles `pack`; throws when a shape reference is dangling or a pattern does not translate.
    /// With `deferringPatterns` (the bundled packs, whose patterns the tests compile), each
    /// pattern is compiled at its first match instead.
    public init(pack: OperationPack, deferringPatterns: Bool = false) throws {
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
            let members = try shape.members.map {
                CompiledMember(member: $0, shape: try index($0.shape, "\(name).\($0.name)"))
            }
            compiled.append(CompiledShape(
                shape: shape, members: members, element: try index(shape.listMember, name), key: try index(shape.mapKey, name),
                value: try index(shape.mapValue, name), pattern: try shape.pattern.map { deferringPatterns ? CompiledPattern(deferringJava: $0) : try CompiledPattern(java: $0) }
            ))
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
