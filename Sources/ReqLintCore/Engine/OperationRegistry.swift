/// The operations reqlint can lint, and how it tells which one a document is for.
public struct OperationRegistry: Sendable {
    /// The compiled operations, by id.
    public let operations: [OperationID: OperationModel]
    /// For each operation, its top-level member names.
    let memberNames: [OperationID: Set<String>]
    /// The same names as byte tables, with the operations in id order, for ``detect(_:)``.
    let memberTables: [(id: OperationID, names: NameTable)]

    /// The documented prose and cross-field rules.
    public let documentedRules: DocumentedRuleSet

    /// Builds a registry of `models` and their documented rules.
    public init(_ models: [OperationModel], documentedRules: DocumentedRuleSet = try! DocumentedRuleSet([])) {
        self.documentedRules = documentedRules
        var operations: [OperationID: OperationModel] = [:]
        for model in models { operations[model.id] = model }
        self.operations = operations
        var names: [OperationID: Set<String>] = [:]
        for model in models { names[model.id] = Set(model.inputShape.members.map(\.name)) }
        memberNames = names
        memberTables = operations.keys.sorted().map { id in (id, NameTable(operations[id]!.inputShape.members.map(\.name))) }
    }

    /// The ids, sorted.
    public var ids: [OperationID] { operations.keys.sorted() }

    /// The result of telling a document's operation from its content.
    public enum Detection: Equatable, Sendable {
        case operation(OperationID)
        /// Members of several operations are present.
        case ambiguous([OperationID])
        /// No member unique to one operation is present.
        case unknown
    }

    /// Tells the operation of `document` from the names of its top-level members: the
    /// operation whose input has the most of them, if exactly one has the most, they are at
    /// least two, and more than half of the document's members (so neither `{"name": …}` nor
    /// `{"name": …, "version": …}` is taken for a request).
    /// Exact names count first; only if none match are names compared ignoring letter case.
    public func detect(_ document: JSONDocument) -> Detection {
        guard let root = document.root, document[root].kind == .object else { return .unknown }
        // Exact names first, by bytes: no String per member for the common case.
        let count = document.count(of: root)
        var best = 0
        var leaders: [OperationID] = []
        for (id, table) in memberTables {
            var hits = 0
            for (key, _) in document.members(of: root) where document.withStringBytes(key, table.index(of:)) != nil { hits += 1 }
            if hits > best {
                best = hits
                leaders = [id]
            } else if hits == best && hits > 0 {
                leaders.append(id)
            }
        }
        // One shared name (`{"name": …}`) is no evidence: a request has several members.
        if best >= 2 && best * 2 > count {
            if leaders.count == 1 { return .operation(leaders[0]) }
            if leaders.count > 1 { return .ambiguous(leaders) }
        }
        // Then ignoring letter case.
        let names = document.members(of: root).map { document.string($0.key).lowercased() }
        best = 0
        leaders = []
        for (id, members) in memberNames.sorted(by: { $0.key < $1.key }) {
            let lowered = Set(members.map { $0.lowercased() })
            let hits = names.filter { lowered.contains($0) }.count
            if hits > best {
                best = hits
                leaders = [id]
            } else if hits == best && hits > 0 {
                leaders.append(id)
            }
        }
        // One shared name (`{"name": …}`) is no evidence: a request has several members.
        if best < 2 || best * 2 <= names.count { leaders = [] }
        if leaders.count == 1 { return .operation(leaders[0]) }
        if leaders.count > 1 { return .ambiguous(leaders) }
        return .unknown
    }
}
