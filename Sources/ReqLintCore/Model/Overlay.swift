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

    public var operation: OperationID
    public var members: [AddedMember]
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
        var shapes: [String: Shape] = [:]
        for (name, value) in json["shapes"]?.objectValue ?? [] { shapes[name] = try Shape(name: name, json: value) }
        self.shapes = shapes
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
        return pack
    }
}
