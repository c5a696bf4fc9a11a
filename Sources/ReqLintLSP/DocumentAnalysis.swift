import ReqLintConfig
import ReqLintCore

/// The syntax of an open document.
public enum DocumentSyntax: String, Sendable {
    case json, yaml

    /// The syntax of a document the server lints, from its file name, else its language id;
    /// `nil` for every other document (they are left alone). The name wins: a client that runs
    /// one server for several languages (eglot with one entry for JSON and YAML) sends every
    /// file with the first file's language id, and Emacs 28 opens `.json` files in `js-mode`.
    public static func of(uri: String, languageId: String?) -> DocumentSyntax? {
        let path = uri.split(separator: "?").first.map(String.init) ?? uri
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        switch languageId?.lowercased() {
        case "json"?, "jsonc"?: return .json
        case "yaml"?: return .yaml
        default: return nil
        }
    }
}

/// What the server knows of one version of a document: its parse, its operation and the
/// core's diagnostics. A pure value, computed off the server's queue.
public struct DocumentAnalysis: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Checked against `operation`.
        case checked
        /// Not well-formed; `operation` is the one it had (or seems to have), so the syntax
        /// error is worth showing.
        case unparseable
        /// Not (recognisably) a request document: nothing is published but ``hint``.
        case undetermined
        /// Not linted at all (``hint`` says why).
        case skipped
    }

    public var outcome: Outcome
    public var syntax: DocumentSyntax
    public var bytes: [UInt8]
    /// The parsed document, when it is well-formed.
    public var document: JSONDocument?
    public var operation: OperationID?
    /// The diagnostics to publish.
    public var diagnostics: [Diagnostic]
    /// Why the document was not checked (`undetermined`, `skipped`).
    public var hint: String?
}

/// The configuration of one document: the `.reqlint.yaml` that governs it, resolved by the
/// command line's ``LintSession`` (which applies it: rule settings, suppressions, baseline,
/// its `model:` and `rule-paths` linter), and the operation it maps the document to.
public struct DocumentConfiguration: Sendable {
    /// An operation forced for the document (like `--operation`, or the configuration's
    /// `operations:`).
    public var operation: OperationID?
    /// A linter to use instead of the configuration's.
    public var models: Models?
    /// The session that lints the document and the document's file with its configuration
    /// (`nil`: a document that is no file, linted with the defaults).
    var session: LintSession?
    var path: String?
    var resolved: Workspace.ResolvedConfiguration?

    /// A linter other than the configuration's; equal only to itself.
    public final class Models: Sendable, Equatable {
        public let linter: Linter
        public init(linter: Linter) { self.linter = linter }
        public static func == (lhs: Models, rhs: Models) -> Bool { lhs === rhs }
    }

    /// A suppression that applies to the document.
    public struct Suppressed: Sendable, Equatable {
        public var rule: RuleID
        public var pointer: JSONPointer?

        public init(rule: RuleID, pointer: JSONPointer?) {
            self.rule = rule
            self.pointer = pointer
        }
    }

    public init(operation: OperationID? = nil) { self.operation = operation }

    init(session: LintSession, path: String) {
        self.session = session
        self.path = path
        resolved = session.configuration(for: path)
        operation = session.operation(for: path, in: resolved)
    }

    /// Rule ids whose diagnostics are dropped (set `off`).
    public var disabledRules: Set<RuleID> { Set((resolved?.configuration.rules ?? [:]).filter { $0.value == .off }.keys) }
    /// Severity overrides by rule id.
    public var severities: [RuleID: Severity] { (resolved?.configuration.rules ?? [:]).compactMapValues(\.severity) }
    /// The suppressions whose files include the document.
    public var suppressions: [Suppressed] {
        guard let configuration = resolved?.configuration, let path,
              let relative = FileSystem.relative(path, to: configuration.directory) else { return [] }
        return configuration.suppressions.filter { $0.files.matches(relative) }.map { Suppressed(rule: $0.rule, pointer: $0.pointer) }
    }
}

/// Analyses documents with the core: parse, tell the operation (with an editor's caution:
/// every JSON file passes by), then lint through the ``LintSession``, which applies the
/// document's configuration.
public struct DocumentAnalyzer: Sendable {
    public let registry: OperationRegistry
    /// The session of documents without one of their own (not files), and its defaults.
    let session: LintSession
    let defaults: Workspace.ResolvedConfiguration

    public init(registry: OperationRegistry) {
        self.registry = registry
        session = Self.session(registry: registry)
        defaults = session.configuration(for: nil)
    }

    /// A lint session on `registry` that words advice for the editor.
    static func session(registry: OperationRegistry) -> LintSession {
        let workspace = Workspace(configuration: nil, registry: registry)
        workspace.advice = advice
        return LintSession(workspace: workspace)
    }

    /// Analyses `bytes`. `previousOperation` is the operation an earlier version had: a
    /// document that is briefly not well-formed while being typed keeps it.
    public func analyze(_ bytes: [UInt8], syntax: DocumentSyntax, configuration: DocumentConfiguration = DocumentConfiguration(),
                        previousOperation: OperationID? = nil) -> DocumentAnalysis {
        let session = configuration.session ?? self.session
        let resolved = configuration.resolved ?? defaults
        let linter = configuration.models?.linter ?? resolved.linter
        let registry = linter.registry
        var analysis = DocumentAnalysis(outcome: .skipped, syntax: syntax, bytes: bytes, document: nil, operation: nil,
                                        diagnostics: [], hint: nil)
        func lint(_ parsed: RequestDocumentReader.Parsed, _ operation: OperationID) -> LintSession.Result {
            session.lint(parsed, at: configuration.path, configuration: resolved, operation: operation, linter: linter)
        }
        // YAML is read by ReqLintYAML into the same document model (node ranges point into
        // the YAML bytes), so everything below, positions included, works for both syntaxes;
        // quick fixes and completion stay JSON-only (see QuickFixProvider, LanguageServer).
        let parsed = RequestDocumentReader.parse(bytes, yaml: syntax == .yaml)
        guard let document = parsed.document, document.syntaxError == nil else {
            // A document that does not parse: its syntax diagnostics are shown only for what
            // is (or was) a request document, so an unrelated file with comments does not
            // light up.
            let guess = syntax == .json ? registry.guess(topLevelNames: TolerantScanner(bytes).rootKeys()) : nil
            guard let operation = configuration.operation ?? previousOperation ?? guess else {
                analysis.outcome = .undetermined
                analysis.hint = "not well-formed \(syntax == .json ? "JSON" : "YAML") and not recognisably a request document; not checked"
                return analysis
            }
            analysis.outcome = .unparseable
            analysis.operation = operation
            analysis.diagnostics = lint(parsed, operation).diagnostics
            return analysis
        }
        analysis.document = document
        let operation: OperationID
        if let forced = configuration.operation {
            operation = forced
        } else {
            switch registry.detect(document) {
            case let .operation(id):
                // The core's detection picks the best of the known operations, even on one
                // shared name: a package.json's "name" matches Clean Rooms ML's "name". In an
                // editor every JSON file passes by, so ask for more: at least half of the
                // top-level names must belong to the operation (ignoring letter case).
                if let implausible = Self.implausibility(document, id, registry: registry) {
                    analysis.outcome = .undetermined
                    analysis.hint = implausible
                    return analysis
                }
                operation = id
            case let .ambiguous(ids):
                analysis.outcome = .undetermined
                analysis.hint = "cannot tell whether this document is for \(ids.map(\.description).joined(separator: " or ")): it has members of each; not checked"
                return analysis
            case .unknown:
                analysis.outcome = .undetermined
                analysis.hint = "not a request document of a known operation (\(registry.ids.map(\.description).joined(separator: ", "))); not checked"
                return analysis
            }
        }
        let result = lint(parsed, operation)
        analysis.outcome = .checked
        analysis.operation = result.operation ?? operation
        analysis.diagnostics = result.diagnostics
        return analysis
    }

    /// Why `document` does not look like a request for `operation`, or `nil` when it does.
    static func implausibility(_ document: JSONDocument, _ operation: OperationID, registry: OperationRegistry) -> String? {
        guard let root = document.root, let model = registry.operations[operation] else { return nil }
        let known = Set(model.inputShape.members.map { $0.name.lowercased() })
        let names = document.members(of: root).map { document.string($0.key).lowercased() }
        let hits = names.filter { known.contains($0) }.count
        guard hits * 2 < names.count else { return nil }
        return "not recognisably a request document: only \(hits) of its \(names.count) top-level members belong to \(operation); not checked"
    }

    /// The editor's words for a finding's advice.
    @Sendable static func advice(_ advice: Diagnostic.Advice) -> String? {
        switch advice {
        case .chooseOperation: return "map the file to an operation in .reqlint.yaml (operations:)"
        case .listValues: return "completion lists the valid values"
        case .newerModel: return "to update the model, run `reqlint rules update` in a terminal, then restart the language server"
        }
    }
}
