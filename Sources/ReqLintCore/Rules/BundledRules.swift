/// The rule packs built into reqlint (generated from `rules/` into ``BundledRuleFiles``).
public enum BundledRules {
    /// The bundled packs with their overlays merged, compiled once per process.
    public static func registry() throws -> OperationRegistry {
        try cached.get()
    }

    private static let cached: Result<OperationRegistry, any Error> = Result {
        // Each operation's pack is compiled when a document first needs it: linting one file
        // builds one model, not three. The operations' top-level member names, which tell a
        // document's operation, are generated with the embedded files (RulePackTests checks
        // them against the compiled packs).
        let operations = try BundledRuleFiles.operations.map { entry in
            guard let id = OperationID(entry.id) else { throw ReqLintError("bundled operation id \(entry.id) is malformed") }
            let path = entry.path
            return (id: id, inputMembers: entry.inputMembers, compile: { @Sendable () -> OperationModel in
                do {
                    return try OperationModel(pack: pack(at: path), deferringPatterns: true)
                } catch {
                    // The bundled packs are compiled by the tests; this is a build that embedded a broken one.
                    fatalError("bundled rule pack \(path) does not compile: \(error)")
                }
            })
        }
        return OperationRegistry(lazy: operations, documentedRules: lazyDocumentedRules(), provenance: provenance())
    }

    /// A pack that takes the place of a bundled one (a newer model's, from the user's cache).
    public struct Replacement: Sendable {
        public var provenance: ModelProvenance
        /// The input's top-level members, overlay included.
        public var inputMembers: [String]
        /// Reads the pack (without the overlay, which is applied here).
        public var load: @Sendable () throws -> OperationPack

        public init(provenance: ModelProvenance, inputMembers: [String], load: @escaping @Sendable () throws -> OperationPack) {
            self.provenance = provenance
            self.inputMembers = inputMembers
            self.load = load
        }
    }

    /// The bundled rules with `replacements` in place of the bundled packs of their
    /// operations, each compiled on first use with the bundled overlay applied. A replacement
    /// that cannot be read or compiled falls back to the bundled pack.
    public static func registry(replacing replacements: [Replacement]) throws -> OperationRegistry {
        let bundled = try registry()
        let overlays = try overlays()
        var byID: [OperationID: Replacement] = [:]
        for replacement in replacements { byID[replacement.provenance.operation] = replacement }
        var provenance = bundled.provenance
        let operations = try BundledRuleFiles.operations.map { entry in
            guard let id = OperationID(entry.id) else { throw ReqLintError("bundled operation id \(entry.id) is malformed") }
            guard let replacement = byID[id] else {
                return (id: id, inputMembers: entry.inputMembers, compile: { @Sendable () -> OperationModel in bundled.model(id)! })
            }
            provenance = provenance.map { $0.operation == id ? replacement.provenance : $0 }
            let overlay = overlays[id]
            return (id: id, inputMembers: replacement.inputMembers, compile: { @Sendable () -> OperationModel in
                if let pack = try? replacement.load(), let merged = try? overlay?.applied(to: pack) ?? pack,
                   let model = try? OperationModel(pack: merged) { return model }
                return bundled.model(id)!
            })
        }
        return OperationRegistry(lazy: operations, documentedRules: bundled.documentedRules, provenance: provenance)
    }

    /// The bundled packs' provenance, from the generated list (no pack is parsed).
    public static func provenance() -> [ModelProvenance] {
        BundledRuleFiles.provenance.compactMap { entry in
            OperationID(entry.id).map {
                ModelProvenance(operation: $0, apiVersion: entry.apiVersion, model: entry.model, sha256: entry.sha256,
                                botocore: entry.botocore, date: entry.date, origin: .bundled)
            }
        }
    }

    /// The bundled pack at `path` (`rules/<service>/<Operation>.json`), its overlay applied.
    static func pack(at path: String) throws -> OperationPack {
        // Generated as Swift values (the tests compare them with the embedded JSON): parsing
        // and decoding the JSON was a third of a one-file run.
        guard let pack = BundledRuleFiles.pack(path) else { throw ReqLintError("no bundled pack \(path)") }
        let overlayPath = String(path.dropLast(".json".count)) + ".overlay.json"
        guard let overlay = BundledRuleFiles.files.first(where: { $0.path == overlayPath }) else { return pack }
        return try Overlay(json: parsed(overlay)).applied(to: pack)
    }

    /// The value of an embedded file.
    private static func parsed(_ file: (path: String, contents: String)) throws -> JSONValue {
        let document = JSONParser.parse(file.contents)
        guard let root = document.root else { throw ReqLintError("\(file.path): \(document.syntaxError?.message ?? "not JSON")") }
        return document.value(at: root)
    }

    /// The parsed contents of every bundled file whose path contains `part`.
    static func files(containing part: String) throws -> [(path: String, value: JSONValue)] {
        try BundledRuleFiles.files.filter { contains($0.path, part) }.map { ($0.path, try parsed($0)) }
    }

    /// The documented prose and cross-field rules (`rules/<service>/documented/*.json`), with
    /// their examples.
    public static func documentedRules() throws -> [DocumentedRule] {
        try files(containing: "/documented/").map { try DocumentedRule(json: $0.value) }
    }

    /// The documented rules as the linter reads them: a rule file is parsed when a document
    /// of one of its operations (from the generated list) is first judged, and its examples,
    /// which only the tests and `reqlint explain` show, are decoded only when they ask.
    private static func lazyDocumentedRules() -> DocumentedRuleSet {
        DocumentedRuleSet(lazy: BundledRuleFiles.documented.map { entry in
            let path = entry.path
            let checking = entry.checking
            return DocumentedRuleSet.Source(operations: entry.operations.compactMap(OperationID.init)) { examples in
                guard examples else {
                    let document = JSONParser.parse(checking)
                    guard let root = document.root else { throw ReqLintError("\(path): \(document.syntaxError?.message ?? "not JSON")") }
                    return try DocumentedRule(json: document.value(at: root), requireExamples: false)
                }
                guard let file = BundledRuleFiles.files.first(where: { $0.path == path }) else { throw ReqLintError("no bundled rule \(path)") }
                return try DocumentedRule(json: parsed(file))
            }
        })
    }

    /// The base document each operation's rule examples patch (`rules/<service>/examples/<Operation>.json`).
    public static func exampleBases() throws -> [OperationID: JSONValue] {
        var bases: [OperationID: JSONValue] = [:]
        for (path, value) in try files(containing: "/examples/") {
            let parts = path.split(separator: "/")
            guard parts.count == 4, let name = parts[3].split(separator: ".").first else { continue }
            bases[OperationID(service: String(parts[1]), name: String(name))] = value
        }
        return bases
    }

    /// The bundled overlays, by operation.
    public static func overlays() throws -> [OperationID: Overlay] {
        var overlays: [OperationID: Overlay] = [:]
        for (_, value) in try files(containing: ".overlay.json") {
            let overlay = try Overlay(json: value)
            overlays[overlay.operation] = overlay
        }
        return overlays
    }

    /// The bundled preflight files, as text: the checks (`rules/<service>/preflight/<Operation>.json`)
    /// and the imported models of the calls they make (`rules/preflight/calls/<service>/<Action>.json`).
    /// `reqlint preflight` (ReqLintPreflight) parses them.
    public static func preflightFiles() -> [(path: String, contents: String)] {
        BundledRuleFiles.files.filter { contains($0.path, "/preflight/") }
    }

    /// The rule ids the bundled preflight checks report, and `preflight/not-checked`, so that
    /// a configuration may set their severity or suppress them.
    /// The bundled preflight checks as rules (`reqlint rules`, `explain`, SARIF): one per id,
    /// with the calls it makes and its message as the summary.
    public static func preflightDescriptors() -> [RuleDescriptor] { bundledPreflightDescriptors }

    /// Read once per process: a configuration, SARIF and `reqlint rules` all ask.
    private static let bundledPreflightDescriptors: [RuleDescriptor] = readPreflightDescriptors()

    private static func readPreflightDescriptors() -> [RuleDescriptor] {
        var calls: [String: [String]] = [:]
        var messages: [String: String] = [:]
        for file in preflightFiles() {
            let document = JSONParser.parse(file.contents)
            guard let root = document.root, let checks = document.value(at: root)["checks"]?.arrayValue else { continue }
            for check in checks {
                guard let id = check["id"]?.stringValue else { continue }
                if calls[id] == nil { calls[id] = [] }  // a check that makes no call is a rule too
                if let call = check["call"]?.stringValue, !(calls[id] ?? []).contains(call) { calls[id, default: []].append(call) }
                if messages[id] == nil { messages[id] = check["message"]?.stringValue }
            }
        }
        var descriptors = [RuleDescriptor(id: "preflight/not-checked", title: "Preflight check that could not run",
                                          summary: "reqlint preflight: a reference could not be checked (access denied, the service unreachable); the message names the IAM action to allow. Never a pass.",
                                          source: "reqlint preflight")]
        for id in calls.keys.sorted() {
            let summary = "reqlint preflight, read-only: " + (messages[id] ?? id)
            descriptors.append(RuleDescriptor(id: RuleID(id), title: id.split(separator: "/").last.map(String.init) ?? id, summary: summary,
                                              source: (calls[id] ?? []).isEmpty ? "the request document" : "the account, through " + (calls[id] ?? []).sorted().joined(separator: ", ")))
        }
        return descriptors
    }

    /// The ids of the bundled preflight checks (and `preflight/not-checked`).
    public static func preflightRuleIDs() -> Set<String> { Set(preflightDescriptors().map(\.id.rawValue)) }

    /// The bundled packs, overlays applied.
    public static func packs() throws -> [OperationPack] {
        let overlays = try overlays()
        let generated = BundledRuleFiles.files.filter {
            !contains($0.path, "/documented/") && !contains($0.path, "/examples/") && !contains($0.path, "/preflight/")
                && !$0.path.hasSuffix(".overlay.json")
        }
        return try generated.map { file in
            guard let pack = BundledRuleFiles.pack(file.path) else { throw ReqLintError("no bundled pack \(file.path)") }
            return try overlays[pack.id]?.applied(to: pack) ?? pack
        }
    }

    /// Whether `text` contains `part`, byte by byte (the standard library's substring search
    /// costs more than parsing a small pack, and this runs at every start).
    private static func contains(_ text: String, _ part: String) -> Bool {
        let text = Array(text.utf8), part = Array(part.utf8)
        guard part.count <= text.count else { return false }
        return (0 ... text.count - part.count).contains { text[$0 ..< $0 + part.count].elementsEqual(part) }
    }
}
