import ReqLintCore
import ReqLintImport
import ReqLintReport

/// One run of reqlint over a set of paths: finds each file's configuration (the nearest
/// `.reqlint.yaml` up to the repository root, or `--config`), walks folders honouring
/// include/exclude and `.gitignore`, lints each file with its configuration's rules,
/// operation mapping, rule settings and suppressions, and accounts for suppressions that
/// matched nothing.
///
/// Not thread-safe: resolve configurations and plan on one thread; ``lint(_:)`` of planned
/// inputs may then run on many threads, as it only reads.
public final class Workspace: @unchecked Sendable {
    /// A file to lint.
    public struct Input: Sendable {
        /// The path as reports show it.
        public var path: String
        /// The absolute path (for standard input: where it is said to be).
        public var absolutePath: String
        /// Named on the command line (or standard input), not found by walking a folder.
        public var explicit: Bool
        /// The configuration that applies.
        public var configuration: ResolvedConfiguration
        /// The bytes, for standard input.
        public var contents: [UInt8]?
        /// The absolute path's bytes when a name in it is not valid UTF-8 (`absolutePath` then
        /// shows U+FFFD for the bad bytes and cannot be opened).
        public var rawPath: [UInt8]? = nil
        /// The bytes of `path` when a name in it is not valid UTF-8 (`path` then shows `\xNN`
        /// for each bad byte; SARIF percent-encodes these bytes).
        public var shownRaw: [UInt8]? = nil
        /// Why standard input could not be read (it was larger than reqlint reads).
        public var contentsError: FileSystemError? = nil

        /// The input's bytes: standard input's, or the file's as it is now.
        public func read() -> Result<[UInt8], FileSystemError> {
            if let contentsError { return .failure(contentsError) }
            if let contents { return .success(contents) }
            return FileSystem.read(raw: rawPath ?? Array(absolutePath.utf8), shown: path)
        }
    }

    /// A configuration and everything built from it.
    public final class ResolvedConfiguration: @unchecked Sendable {
        public let configuration: Configuration
        public let linter: Linter
        /// Problems with the configuration file itself.
        public let report: FileReport?
        /// Problems of its `rule-paths` files, at their own positions (such a file is not loaded).
        public var ruleFileReports: [FileReport] = []
        /// Every report about the configuration: its own, then its rule files'.
        public var reports: [FileReport] { (report.map { [$0] } ?? []) + ruleFileReports }
        /// Indices of suppressions that matched at least one finding, and that could have
        /// (their glob matched a linted file). Written under `lock`.
        var matchedSuppressions = Set<Int>()
        var applicableSuppressions = Set<Int>()
        let lock = Lock()

        init(configuration: Configuration, linter: Linter, report: FileReport?) {
            self.configuration = configuration
            self.linter = linter
            self.report = report
        }
    }

    public let workingDirectory: String
    let explicitConfiguration: String?
    let bundled: OperationRegistry
    public let suppressionsEnabled: Bool
    /// The front end's words for a finding's ``Diagnostic/Advice`` (how to choose the
    /// operation, where to see all values, how to check against a newer model), added to its
    /// message; `nil` adds nothing.
    public var advice: (@Sendable (Diagnostic.Advice) -> String?)?
    var byPath: [String: ResolvedConfiguration] = [:]
    var configPathByDirectory: [String: String?] = [:]

    /// A workspace rooted at the working directory. `configuration` is `--config`.
    public convenience init(workingDirectory: String = FileSystem.currentDirectory(), configuration: String?, suppressions: Bool = true) throws {
        // The bundled packs, or the newer ones `reqlint rules update` selected.
        try self.init(workingDirectory: workingDirectory, configuration: configuration, suppressions: suppressions,
                      registry: PackCache.user()?.registry() ?? BundledRules.registry())
    }

    /// A workspace whose files are judged by `registry` unless their configuration names its
    /// own models (the language server's packs).
    public init(workingDirectory: String = FileSystem.currentDirectory(), configuration: String?, suppressions: Bool = true,
                registry: OperationRegistry) {
        self.workingDirectory = workingDirectory
        explicitConfiguration = configuration.map { FileSystem.absolute($0, from: workingDirectory) }
        bundled = registry
        suppressionsEnabled = suppressions
    }

    /// Every configuration that was loaded, in the order first used.
    public var configurations: [ResolvedConfiguration] { loadOrder }

    /// The models that judged this run's files: each operation's provenance in every
    /// configuration used (the bundled or cached packs, or a configuration's `model:`), by
    /// operation, without duplicates.
    public var modelProvenance: [ModelProvenance] {
        var seen = Set<ModelProvenance>()
        let registries = loadOrder.isEmpty ? [bundled] : loadOrder.map(\.linter.registry)
        return registries.flatMap(\.provenance).filter { seen.insert($0).inserted }
            .sorted { ($0.operation, $0.sha256) < ($1.operation, $1.sha256) }
    }
    var loadOrder: [ResolvedConfiguration] = []

    // MARK: Configuration

    /// The configuration for a file at `absolutePath`.
    public func configuration(for absolutePath: String) -> ResolvedConfiguration {
        if let explicitConfiguration { return load(explicitConfiguration) }
        let path = configurationPath(from: FileSystem.parent(absolutePath))
        return path.map { load($0) } ?? load(defaultsFor: workingDirectory)
    }

    /// The nearest `.reqlint.yaml` (or `.reqlint.yml`) from `directory` up to the repository root.
    func configurationPath(from directory: String) -> String? {
        if let cached = configPathByDirectory[directory] { return cached }
        var found: String?
        for name in [".reqlint.yaml", ".reqlint.yml"] where FileSystem.kind(directory + "/" + name) == .file {
            found = (directory == "/" ? "" : directory) + "/" + name
            break
        }
        if found == nil, FileSystem.kind(directory + "/.git") == .missing, directory != "/" {
            found = configurationPath(from: FileSystem.parent(directory))
        }
        configPathByDirectory[directory] = found
        return found
    }

    func load(defaultsFor directory: String) -> ResolvedConfiguration {
        if let cached = byPath[""] { return cached }
        let resolved = ResolvedConfiguration(configuration: Configuration(directory: directory), linter: Linter(registry: bundled), report: nil)
        byPath[""] = resolved
        loadOrder.append(resolved)
        return resolved
    }

    func load(_ path: String) -> ResolvedConfiguration {
        if let cached = byPath[path] { return cached }
        let resolved = build(path)
        byPath[path] = resolved
        loadOrder.append(resolved)
        return resolved
    }

    func build(_ path: String) -> ResolvedConfiguration {
        let directory = FileSystem.parent(path)
        let shown = FileSystem.relative(path, to: workingDirectory) ?? path
        let bytes: [UInt8]
        switch FileSystem.read(path) {
        case let .success(read): bytes = read
        case let .failure(error):
            let d = Diagnostic(rule: .ioError, message: error.description, pointer: .root, range: .at(0))
            return failed(directory, FileReport(path: shown, operation: nil, diagnostics: [LocatedDiagnostic(fileLevel: d)], failed: true))
        }
        let operations = Set(bundled.ids)
        var known = Set(RuleDocumentation.descriptors(bundled).map(\.id))
        known.insert(ConfigurationLoader.rule)
        known.formUnion(BundledRules.preflightRuleIDs().map(RuleID.init(rawValue:)))
        var loaded = ConfigurationLoader.load(bytes: bytes, path: shown, directory: directory, knownRules: known, knownOperations: operations)
        var extraRules: [DocumentedRule] = []
        var problems: [Diagnostic] = []
        var ruleFileReports: [FileReport] = []
        if !loaded.configuration.rulePaths.isEmpty {
            (extraRules, problems, ruleFileReports) = Self.loadRules(loaded.configuration.rulePaths, origin: loaded.configuration.origins["rule-paths"],
                                                                     workingDirectory: workingDirectory)
            // The ids of an organisation's preflight checks (`<rule-path>/preflight/*.json`,
            // read by `reqlint preflight`) may be configured too.
            let preflightIDs = Self.preflightRuleIDs(loaded.configuration.rulePaths)
            if !extraRules.isEmpty || !preflightIDs.isEmpty {
                known.formUnion(extraRules.map(\.descriptor.id))
                known.formUnion(preflightIDs)
                loaded = ConfigurationLoader.load(bytes: bytes, path: shown, directory: directory, knownRules: known, knownOperations: operations)
            }
        }
        var registry = bundled
        do {
            registry = try Self.registry(bundled: bundled, models: loaded.configuration.models, extraRules: extraRules)
        } catch {
            problems.append(Diagnostic(rule: ConfigurationLoader.rule, message: "\(error)", pointer: JSONPointer(tokens: ["model"]),
                                       range: .at(0)))
        }
        let lines = LineTable(bytes)
        let diagnostics = (loaded.diagnostics + problems).sorted(by: Diagnostic.sourceOrder)
        let report = diagnostics.isEmpty ? nil
            : FileReport(path: shown, operation: nil, diagnostics: diagnostics.map { LocatedDiagnostic($0, lines: lines) },
                         failed: diagnostics.contains { $0.severity == .error })
        let resolved = ResolvedConfiguration(configuration: loaded.configuration, linter: Linter(registry: registry), report: report)
        resolved.ruleFileReports = ruleFileReports
        return resolved
    }

    func failed(_ directory: String, _ report: FileReport) -> ResolvedConfiguration {
        ResolvedConfiguration(configuration: Configuration(directory: directory), linter: Linter(registry: bundled), report: report)
    }

    /// The check ids of the preflight files under `<path>/preflight/` (malformed files are
    /// reported by `reqlint preflight`, which reads them).
    static func preflightRuleIDs(_ paths: [String]) -> Set<RuleID> {
        var ids = Set<RuleID>()
        for path in paths where FileSystem.kind(path + "/preflight") == .directory {
            guard case let .success(names) = FileSystem.entries(path + "/preflight") else { continue }
            for name in names where name.hasSuffix(".json") {
                guard case let .success(bytes) = FileSystem.read(path + "/preflight/" + name) else { continue }
                let document = JSONParser.parse(bytes)
                guard let root = document.root, let checks = document.value(at: root)["checks"]?.arrayValue else { continue }
                for check in checks { if let id = check["id"]?.stringValue { ids.insert(RuleID(id)) } }
            }
        }
        return ids
    }

    /// Documented rules from `rule-paths` (files, or folders of `.json` files). A rule file
    /// with problems (``RuleFileValidator``) is reported at their positions and not loaded.
    static func loadRules(_ paths: [String], origin: String?, workingDirectory: String) -> ([DocumentedRule], [Diagnostic], [FileReport]) {
        var rules: [DocumentedRule] = []
        var problems: [Diagnostic] = []
        var reports: [FileReport] = []
        var files: [String] = []
        for path in paths {
            switch FileSystem.kind(path) {
            case .directory:
                if case let .success(names) = FileSystem.entries(path) {
                    let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
                    files += names.filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
                }
            case .file: files.append(path)
            default:
                problems.append(Diagnostic(rule: ConfigurationLoader.rule, message: "rule-paths: \(path) does not exist (set at \(origin ?? "?"))",
                                           pointer: JSONPointer(tokens: ["rule-paths"]), range: .at(0)))
            }
        }
        for file in files {
            do {
                guard case let .success(bytes) = FileSystem.read(file) else { throw ReqLintError("cannot read \(file)") }
                let document = JSONParser.parse(bytes)
                let found = RuleFileValidator.problems(document)
                let errors = found.filter { $0.severity == .error }
                if !found.isEmpty {
                    let lines = LineTable(bytes)
                    reports.append(FileReport(path: FileSystem.relative(file, to: workingDirectory) ?? file, operation: nil,
                                              diagnostics: found.sorted(by: Diagnostic.sourceOrder).map { LocatedDiagnostic($0, lines: lines) },
                                              failed: !errors.isEmpty))
                }
                if !errors.isEmpty { continue }  // a rule file with errors is not loaded
                guard let root = document.root else { throw ReqLintError("\(file): \(document.syntaxError?.message ?? "not JSON")") }
                rules.append(try DocumentedRule(json: document.value(at: root), requireExamples: false))
            } catch {
                problems.append(Diagnostic(rule: ConfigurationLoader.rule, message: "rule-paths: \(file): \(error)",
                                           pointer: JSONPointer(tokens: ["rule-paths"]), range: .at(0)))
            }
        }
        return (rules, problems, reports)
    }

    /// The bundled registry with packs re-imported from newer models and extra rules added.
    static func registry(bundled: OperationRegistry, models: [String], extraRules: [DocumentedRule]) throws -> OperationRegistry {
        var operations = bundled.operations
        var origins: [OperationID: ModelProvenance.Origin] = [:]
        for entry in bundled.provenance { origins[entry.operation] = entry.origin }
        if !models.isEmpty {
            let overlays = try BundledRules.overlays()
            // Imported packs are cached by the model's checksum: a model already seen costs a
            // read, a decompression and a hash, not an import.
            let cache = PackCache.user()
            for path in models {
                let file = try ServiceModelFile(path: path)
                var used = false
                for (id, current) in bundled.operations where file.service == nil || file.service == id.service {
                    let imported = cache.map { try? $0.pack(id, from: file) }
                        ?? (try? PackImporter.importPack(from: file, operation: id.name, service: id.service))
                    guard let pack = imported, pack.service.endpointPrefix == current.pack.service.endpointPrefix else { continue }
                    operations[id] = try OperationModel(pack: try overlays[id]?.applied(to: pack) ?? pack)
                    origins[id] = .file
                    used = true
                }
                if !used { throw ReqLintError("model \(path) has none of the operations reqlint checks") }
            }
        }
        let rules = try DocumentedRuleSet(bundled.documentedRules.rules + extraRules)
        return OperationRegistry(Array(operations.values), documentedRules: rules, origins: origins)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
