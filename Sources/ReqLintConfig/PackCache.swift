#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReqLintCore
import ReqLintImport

/// The user's cache of rule packs imported from newer botocore models, so that reqlint can
/// check against a model newer than the one it was built with, and so that loading a model
/// named by `model:` costs a small pack read instead of an import of the whole service model.
///
/// Layout, under `$XDG_CACHE_HOME/reqlint` (default `~/.cache/reqlint`):
///
/// - `packs/<sha256>/<service>/<Operation>.json`: the pack imported from the model whose
///   uncompressed JSON has that SHA-256 (the same form as `rules/`).
/// - `selected.json`: the packs `reqlint rules update` selected, used by every later run (the
///   command line and the language server) instead of the bundled ones, for as long as each is
///   newer than the bundled model.
///
/// Every file is written to a temporary file in the same folder and renamed into place, so a
/// concurrent run never reads half a file.
public struct PackCache: Sendable {
    /// The cache folder.
    public var directory: String

    public init(directory: String) { self.directory = directory }

    /// The cache of this user: `$XDG_CACHE_HOME/reqlint`, else `$HOME/.cache/reqlint`, or `nil`
    /// when neither variable is set (then no cache is used).
    public static func user() -> PackCache? { user(environment: { getenv($0).map { String(cString: $0) } }) }

    /// The cache for the environment `environment` (a relative `XDG_CACHE_HOME` is ignored,
    /// as the XDG base directory specification says).
    static func user(environment: (String) -> String?) -> PackCache? {
        if let xdg = environment("XDG_CACHE_HOME"), xdg.hasPrefix("/") { return PackCache(directory: xdg + "/reqlint") }
        if let home = environment("HOME"), !home.isEmpty { return PackCache(directory: home + "/.cache/reqlint") }
        return nil
    }

    var selectionPath: String { directory + "/selected.json" }

    func packPath(sha256: String, operation: OperationID) -> String {
        "\(directory)/packs/\(sha256)/\(operation.service)/\(operation.name).json"
    }

    // MARK: Packs by model checksum

    /// Operation `id`'s pack from the model file `model`: the cached import when there is one,
    /// else imported now and cached. `model` is read and hashed every time (the key), but the
    /// model JSON is parsed only on a cache miss.
    public func pack(_ id: OperationID, from model: ServiceModelFile) throws -> OperationPack {
        let path = packPath(sha256: model.sha256, operation: id)
        if let cached = try? Self.readPack(path), cached.provenance.sha256 == model.sha256, cached.id == id { return cached }
        let pack = try PackImporter.importPack(from: model, operation: id.name, service: id.service)
        try? store(pack)
        return pack
    }

    /// Writes `pack` under its model's checksum.
    public func store(_ pack: OperationPack) throws {
        try Self.writeAtomically(pack.jsonValue().serialized(pretty: true), to: packPath(sha256: pack.provenance.sha256, operation: pack.id))
    }

    static func readPack(_ path: String) throws -> OperationPack {
        guard case let .success(bytes) = FileSystem.read(path) else { throw ReqLintError("cannot read \(path)") }
        let document = JSONParser.parse(bytes)
        guard let root = document.root else { throw ReqLintError("\(path): \(document.syntaxError?.message ?? "not JSON")") }
        return try OperationPack(json: document.value(at: root))
    }

    // MARK: The selection

    /// A pack `reqlint rules update` selected.
    public struct Selected: Sendable, Hashable {
        public var provenance: ModelProvenance
        /// The input's top-level members, overlay included (to tell a document's operation
        /// without reading the pack).
        public var inputMembers: [String]
    }

    /// The selected packs, by operation (empty when there is no selection or it cannot be read).
    public func selection() -> [OperationID: Selected] {
        guard case let .success(bytes) = FileSystem.read(selectionPath) else { return [:] }
        let document = JSONParser.parse(bytes)
        guard let root = document.root, case let .object(entries)? = document.value(at: root)["operations"] else { return [:] }
        var result: [OperationID: Selected] = [:]
        for (idText, entry) in entries {
            guard let id = OperationID(idText), let sha = entry["sha256"]?.stringValue, let model = entry["model"]?.stringValue,
                  let apiVersion = entry["apiVersion"]?.stringValue,
                  let members = entry["inputMembers"]?.arrayValue?.compactMap(\.stringValue) else { continue }
            let provenance = ModelProvenance(operation: id, apiVersion: apiVersion, model: model, sha256: sha,
                                             botocore: entry["botocore"]?.stringValue, date: entry["date"]?.stringValue, origin: .cache)
            result[id] = Selected(provenance: provenance, inputMembers: members)
        }
        return result
    }

    /// Records `packs` (already stored) as the selection, keeping the other operations'
    /// entries. `inputMembers` are each pack's input members with its overlay applied.
    /// Operations in `deselect` go back to the bundled packs.
    public func select(_ packs: [(pack: OperationPack, inputMembers: [String])], deselect: [OperationID] = []) throws {
        var entries = selection()
        for id in deselect { entries[id] = nil }
        for (pack, members) in packs {
            entries[pack.id] = Selected(provenance: ModelProvenance(pack, origin: .cache), inputMembers: members)
        }
        try writeSelection(entries)
    }

    /// Forgets the selection: later runs use the bundled packs (the packs stay cached).
    public func clearSelection() -> Bool { unlink(selectionPath) == 0 }

    func writeSelection(_ entries: [OperationID: Selected]) throws {
        let operations: [(String, JSONValue)] = entries.keys.sorted().map { id in
            let e = entries[id]!
            return (id.description, .object([
                ("model", .string(e.provenance.model)), ("sha256", .string(e.provenance.sha256)),
                ("apiVersion", .string(e.provenance.apiVersion)),
                ("botocore", e.provenance.botocore.map(JSONValue.string) ?? .null),
                ("date", e.provenance.date.map(JSONValue.string) ?? .null),
                ("inputMembers", .array(e.inputMembers.map(JSONValue.string))),
            ]))
        }
        try Self.writeAtomically(JSONValue.object([("format", .integer(1)), ("operations", .object(operations))]).serialized(pretty: true),
                                 to: selectionPath)
    }

    // MARK: The registry

    /// The bundled rules, with every selected pack that is newer than the bundled one in its
    /// place (compiled on first use, like the bundled ones). A selected pack that cannot be
    /// read falls back to the bundled one.
    public func registry() throws -> OperationRegistry {
        let bundled = try BundledRules.registry()
        let selection = selection()
        guard !selection.isEmpty else { return bundled }
        var replacements: [BundledRules.Replacement] = []
        for (id, selected) in selection.sorted(by: { $0.key < $1.key }) {
            guard let current = bundled.provenance(of: id), selected.provenance.isNewer(than: current) else { continue }
            let path = packPath(sha256: selected.provenance.sha256, operation: id)
            guard FileSystem.kind(path) == .file else { continue }
            replacements.append(BundledRules.Replacement(provenance: selected.provenance, inputMembers: selected.inputMembers) {
                try Self.readPack(path)
            })
        }
        return replacements.isEmpty ? bundled : try BundledRules.registry(replacing: replacements)
    }

    // MARK: Updating

    /// What ``update(models:)`` did with one operation of a model.
    public struct UpdateOutcome: Sendable {
        public var operation: OperationID
        public var imported: ModelProvenance
        public var bundled: ModelProvenance
        /// Whether later runs use it (it is newer than the bundled pack).
        public var selected: Bool
    }

    /// Imports every operation reqlint checks from each model file into the cache, and
    /// selects those newer than the bundled packs for later runs (an operation whose model is
    /// not newer goes back to the bundled pack). Throws for a model that
    /// cannot be read or has none of the operations (after handling the models before it).
    public func update(models paths: [String]) throws -> [UpdateOutcome] {
        let bundled = try BundledRules.registry()
        let overlays = try BundledRules.overlays()
        var outcomes: [UpdateOutcome] = []
        var selected: [(pack: OperationPack, inputMembers: [String])] = []
        var deselected: [OperationID] = []
        var problems: [String] = []
        for path in paths {
            do {
                let file = try ServiceModelFile(path: path)
                var found = false
                for id in bundled.ids where file.service == nil || file.service == id.service {
                    guard let pack = try? PackImporter.importPack(from: file, operation: id.name, service: id.service) else { continue }
                    found = true
                    let merged = try overlays[id]?.applied(to: pack) ?? pack
                    _ = try OperationModel(pack: merged)
                    try store(pack)
                    let outcome = UpdateOutcome(operation: id, imported: ModelProvenance(pack, origin: .cache),
                                                bundled: bundled.provenance(of: id)!, selected: false)
                    outcomes.append(outcome)
                    if outcome.imported.isNewer(than: outcome.bundled) {
                        outcomes[outcomes.count - 1].selected = true
                        selected.append((pack, merged.shapes[merged.input]?.members.map(\.name) ?? []))
                    } else {
                        deselected.append(id)
                    }
                }
                if !found { throw ReqLintError("\(path) has none of the operations reqlint checks") }
            } catch {
                problems.append("\(error)")
            }
        }
        if !selected.isEmpty || !deselected.isEmpty { try select(selected, deselect: deselected) }
        if !problems.isEmpty { throw UpdateError(outcomes: outcomes, problems: problems) }
        return outcomes
    }

    /// Models that could not be imported, and what was done with the others.
    public struct UpdateError: Error, CustomStringConvertible {
        public var outcomes: [UpdateOutcome]
        public var problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    // MARK: Files

    /// Writes `text` to `path` atomically (``FileSystem/replace(_:raw:shown:links:)``: a
    /// temporary file in the same folder, flushed, then renamed), creating the folders.
    static func writeAtomically(_ text: String, to path: String) throws {
        try makeDirectories(FileSystem.parent(path))
        if let error = FileSystem.replace(text, at: path) { throw ReqLintError("\(error)") }
    }

    static func makeDirectories(_ path: String) throws {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw ReqLintError("cannot create \(current): \(String(cString: strerror(errno)))")
            }
        }
    }
}

extension ModelProvenance {
    /// Whether this model is newer than `other`: by botocore release when both are known, else
    /// by date when both are known; a model of unknown age (a file without either) counts as
    /// newer, since someone chose it on purpose. The same checksum is never newer.
    public func isNewer(than other: ModelProvenance) -> Bool {
        if sha256 == other.sha256 { return false }
        if let mine = botocore, let theirs = other.botocore {
            let a = mine.split(separator: ".").map { Int($0) ?? 0 }, b = theirs.split(separator: ".").map { Int($0) ?? 0 }
            return a.lexicographicallyPrecedes(b) == false && a != b
        }
        if let mine = date, let theirs = other.date { return mine > theirs }
        return true
    }
}
