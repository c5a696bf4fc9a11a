/// Hand-written additions to a generated pack: members that AWS documents but the shipped
/// service model lacks, each with the document that states it. Kept in
/// `rules/<service>/<Operation>.overlay.json` and merged when the pack is loaded.
public struct Overlay: Sendable, Hashable {
    /// A member to add to a structure shape.
    public struct AddedMember: Sendable, Hashable {
        /// The structure shape that gains the member.
        public var structure: String
        /// The member.
        public var member: Member
        /// Whether the member is required.
        public var required: Bool
    }

    /// Valid values that the documentation states only in prose, for a member whose model
    /// shape is a plain string: the member gets a new shape, a copy of its own with the enum.
    public struct ProseEnum: Sendable, Hashable {
        public var structure: String
        public var member: String
        /// The name of the new shape.
        public var shape: String
        public var values: [String]
        /// The document that states the values.
        public var source: String
    }

    /// A member the overlay used to add, which the model now defines: kept as a record of
    /// when the model caught up (`since`, e.g. "botocore 1.43.13"), never applied.
    public struct CaughtUp: Sendable, Hashable {
        public var structure: String
        public var name: String
        public var since: String
    }

    public var operation: OperationID
    public var members: [AddedMember]
    public var caughtUp: [CaughtUp]
    public var enums: [ProseEnum]
    /// Shapes the added members refer to that the model lacks.
    public var shapes: [String: Shape]

    /// Reads an overlay from its data form.
    public init(json: JSONValue) throws {
        guard json["format"] == .integer(1) else { throw ReqLintError("overlay: unsupported or missing \"format\" (expected 1)") }
        guard let idText = json["operation"]?.stringValue, let id = OperationID(idText) else {
            throw ReqLintError("overlay: \"operation\" must be an operation id such as sagemaker:CreateInferenceExperiment")
        }
        operation = id
        members = try (json["members"]?.arrayValue ?? []).map { entry in
            guard let structure = entry["structure"]?.stringValue, let name = entry["name"]?.stringValue else {
                throw ReqLintError("overlay: each member needs \"structure\" and \"name\"")
            }
            guard entry["source"]?.stringValue != nil else {
                throw ReqLintError("overlay: member \(structure).\(name) needs a \"source\" naming the document that states it")
            }
            return AddedMember(structure: structure, member: try Member(name: name, json: entry, owner: structure),
                               required: entry["required"] == .bool(true))
        }
        caughtUp = try (json["inModel"]?.arrayValue ?? []).map { entry in
            guard let structure = entry["structure"]?.stringValue, let name = entry["name"]?.stringValue,
                  let since = entry["since"]?.stringValue
            else { throw ReqLintError("overlay: each inModel entry needs \"structure\", \"name\" and \"since\"") }
            return CaughtUp(structure: structure, name: name, since: since)
        }
        var shapes: [String: Shape] = [:]
        for (name, value) in json["shapes"]?.objectValue ?? [] { shapes[name] = try Shape(name: name, json: value) }
        self.shapes = shapes
        enums = try (json["enums"]?.arrayValue ?? []).map { entry in
            guard let structure = entry["structure"]?.stringValue, let member = entry["member"]?.stringValue,
                  let shape = entry["shape"]?.stringValue, let source = entry["source"]?.stringValue,
                  let values = entry["values"]?.arrayValue?.compactMap(\.stringValue), !values.isEmpty
            else { throw ReqLintError("overlay: each enum needs \"structure\", \"member\", \"shape\", \"values\" and \"source\"") }
            return ProseEnum(structure: structure, member: member, shape: shape, values: values, source: source)
        }
    }

    /// `pack` with the overlay's members and shapes added. A member the model already has is
    /// left as the model defines it: the model is newer evidence than the overlay's source.
    public func applied(to pack: OperationPack) throws -> OperationPack {
        guard pack.id == operation else { throw ReqLintError("overlay for \(operation) applied to \(pack.id)") }
        var pack = pack
        for (name, shape) in shapes where pack.shapes[name] == nil { pack.shapes[name] = shape }
        for added in members {
            guard var structure = pack.shapes[added.structure], structure.kind == .structure else {
                throw ReqLintError("overlay: \(added.structure) is not a structure of \(pack.id)")
            }
            guard pack.shapes[added.member.shape] != nil else {
                throw ReqLintError("overlay: member \(added.structure).\(added.member.name) refers to unknown shape \(added.member.shape)")
            }
            if structure.members.contains(where: { $0.name == added.member.name }) { continue }
            structure.members.append(added.member)
            if added.required { structure.required.append(added.member.name) }
            pack.shapes[added.structure] = structure
        }
        for prose in enums {
            guard var structure = pack.shapes[prose.structure],
                  let index = structure.members.firstIndex(where: { $0.name == prose.member }) else {
                throw ReqLintError("overlay: \(prose.structure).\(prose.member) is not a member of \(pack.id)")
            }
            let current = pack.shapes[structure.members[index].shape]!
            guard current.kind == .string else { throw ReqLintError("overlay: \(prose.structure).\(prose.member) is not a string") }
            // A model with an enum of its own is newer evidence than the prose.
            if current.enumValues != nil { continue }
            var shape = current
            shape.name = prose.shape
            shape.enumValues = prose.values
            pack.shapes[prose.shape] = shape
            structure.members[index].shape = prose.shape
            structure.members[index].source = prose.source
            pack.shapes[prose.structure] = structure
        }
        return pack
    }
}
