#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operations reqlint can lint, and how it tells which one a document is for.
///
/// A registry may hold an operation before its model is compiled (the bundled packs): it
/// tells a document's operation from the top-level member names alone and compiles the
/// operation's pack on first use, once per process, so that linting one file builds one model.
public struct OperationRegistry: Sendable {
    /// An operation's model, compiled when first asked for and then shared by every thread.
    final class ModelSlot: @unchecked Sendable {
        // `model` is written once, under `lock`, and only read after that.
        private let lock = Lock()
        private var model: OperationModel?
        private let compile: @Sendable () -> OperationModel

        init(_ compile: @escaping @Sendable () -> OperationModel) {
            self.compile = compile
        }

        init(compiled: OperationModel) {
            compile = { compiled }
            model = compiled
        }

        var value: OperationModel {
            lock.withLock {
                if let model { return model }
                let compiled = compile()
                model = compiled
                return compiled
            }
        }
    }

    /// The models by id, compiled or not.
    let slots: [OperationID: ModelSlot]
    /// For each operation, its top-level member names.
    let memberNames: [OperationID: Set<String>]
    /// The same names as byte tables, with the operations in id order, for ``detect(_:)``.
    let memberTables: [(id: OperationID, names: NameTable)]

    /// The documented prose and cross-field rules.
    public let documentedRules: DocumentedRuleSet
    /// Where each operation's model comes from (see ``provenance``).
    let provenanceByID: [OperationID: ModelProvenance]

    /// Builds a registry of `models` and their documented rules. `origins` tells where each
    /// operation's pack came from (default: bundled).
    public init(_ models: [OperationModel], documentedRules: DocumentedRuleSet = try! DocumentedRuleSet([]),
                origins: [OperationID: ModelProvenance.Origin] = [:]) {
        self.init(models.map { model in (model.id, model.inputShape.members.map(\.name), ModelSlot(compiled: model)) },
                  documentedRules: documentedRules,
                  provenance: models.map { ModelProvenance($0.pack, origin: origins[$0.id] ?? .bundled) })
    }

    /// Builds a registry whose models are compiled on first use: `compile` must return the
    /// model of operation `id`, whose input has the members `inputMembers`, and whose
    /// provenance is among `provenance`.
    public init(lazy operations: [(id: OperationID, inputMembers: [String], compile: @Sendable () -> OperationModel)],
                documentedRules: DocumentedRuleSet, provenance: [ModelProvenance] = []) {
        self.init(operations.map { ($0.id, $0.inputMembers, ModelSlot($0.compile)) }, documentedRules: documentedRules,
                  provenance: provenance)
    }

    private init(_ entries: [(id: OperationID, inputMembers: [String], slot: ModelSlot)], documentedRules: DocumentedRuleSet,
                 provenance: [ModelProvenance]) {
        self.documentedRules = documentedRules
        var byID: [OperationID: ModelProvenance] = [:]
        for entry in provenance { byID[entry.operation] = entry }
        provenanceByID = byID
        var slots: [OperationID: ModelSlot] = [:]
        var names: [OperationID: Set<String>] = [:]
        for entry in entries {
            slots[entry.id] = entry.slot
            names[entry.id] = Set(entry.inputMembers)
        }
        self.slots = slots
        memberNames = names
        memberTables = entries.sorted { $0.id < $1.id }.map { ($0.id, NameTable($0.inputMembers)) }
    }

    /// The model of operation `id` (compiled now if it was not yet), or `nil` when the
    /// registry does not hold the operation.
    public func model(_ id: OperationID) -> OperationModel? { slots[id]?.value }

    /// Every operation's model, by id (compiling those not compiled yet).
    public var operations: [OperationID: OperationModel] { slots.mapValues(\.value) }

    /// The ids, sorted.
    public var ids: [OperationID] { slots.keys.sorted() }

    /// The result of telling a document's operation from its content.
    public enum Detection: Equatable, Sendable {
        case operation(OperationID)
        /// Members of several operations are present.
        case ambiguous([OperationID])
        /// No member unique to one operation is present.
        case unknown
    }

    /// The operation of a document that does not parse, told from its top-level member names
    /// (found by a tolerant scan: ``TolerantScanner/rootKeys()`` for JSON), with the same rules
    /// as ``detect(_:)``; `nil` when they name no single operation.
    public func guess(topLevelNames names: [String]) -> OperationID? {
        guard !names.isEmpty else { return nil }
        let skeleton = JSONParser.parse(JSONValue.object(names.map { ($0, JSONValue.integer(0)) }).serialized())
        if case let .operation(id) = detect(skeleton) { return id }
        return nil
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
        let members = document.members(of: root)
        var best = 0
        var leaders: [OperationID] = []
        for (id, table) in memberTables {
            var hits = 0
            for (key, _) in members where document.withStringBytes(key, table.index(of:)) != nil { hits += 1 }
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
        let names = members.map { document.string($0.key).lowercased() }
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
