import ReqLintCore
import ReqLintYAML

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

/// Per-document settings that a `.reqlint.yaml` will provide.
///
/// CONFIGURATION HOOK (.reqlint.yaml): the configuration loader lives in another target
/// (ReqLintConfig) that ReqLintLSP does not depend on yet. When it does, resolve the file's
/// configuration in ``LanguageServer/configuration(for:)`` (the one place that builds this
/// value) and fill these fields; everything downstream already honours them.
public struct DocumentConfiguration: Sendable, Equatable {
    /// An operation forced for the document (like `--operation`).
    public var operation: OperationID?
    /// Rule ids whose diagnostics are dropped.
    public var disabledRules: Set<RuleID> = []
    /// Severity overrides by rule id.
    public var severities: [RuleID: Severity] = [:]
    /// Suppressed findings: a rule, and optionally the pointer it is suppressed at.
    public var suppressions: [Suppressed] = []
    /// The linter of the configuration's `model:` files, when it names any (else the server's).
    public var models: Models?

    /// A configuration's own models; equal only to itself.
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
}

/// Analyses documents with the core: parse, tell the operation, lint.
public struct DocumentAnalyzer: Sendable {
    public let registry: OperationRegistry
    let linter: Linter

    public init(registry: OperationRegistry) {
        self.registry = registry
        linter = Linter(registry: registry)
    }

    init(linter: Linter) {
        registry = linter.registry
        self.linter = linter
    }

    /// Analyses `bytes`. `previousOperation` is the operation an earlier version had: a
    /// document that is briefly not well-formed while being typed keeps it.
    public func analyze(_ bytes: [UInt8], syntax: DocumentSyntax, configuration: DocumentConfiguration = DocumentConfiguration(),
                        previousOperation: OperationID? = nil) -> DocumentAnalysis {
        if let models = configuration.models {
            var own = configuration
            own.models = nil
            return DocumentAnalyzer(linter: models.linter).analyze(bytes, syntax: syntax, configuration: own, previousOperation: previousOperation)
        }
        var analysis = DocumentAnalysis(outcome: .skipped, syntax: syntax, bytes: bytes, document: nil, operation: nil,
                                        diagnostics: [], hint: nil)
        // YAML is read by ReqLintYAML into the same document model (node ranges point into
        // the YAML bytes), so everything below, positions included, works for both syntaxes;
        // quick fixes and completion stay JSON-only (see QuickFixProvider, LanguageServer).
        let document: JSONDocument
        var syntaxDiagnostics: [Diagnostic] = []
        switch syntax {
        case .json:
            let parsed = JSONParser.parse(bytes)
            if parsed.syntaxError != nil {
                return unparseable(&analysis, configuration: configuration, previousOperation: previousOperation,
                                   guess: guessOperation(bytes)) { linter.lint(parsed, operation: $0).diagnostics }
            }
            document = parsed
        case .yaml:
            let parsed = YAMLRequestDocument.parse(bytes)
            guard let yaml = parsed.document else {
                return unparseable(&analysis, configuration: configuration, previousOperation: previousOperation, guess: nil) { _ in
                    parsed.diagnostics
                }
            }
            document = yaml
            syntaxDiagnostics = parsed.diagnostics
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
                if let implausible = implausibility(document, id) {
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
        let result = linter.lint(document, operation: operation)
        analysis.outcome = .checked
        analysis.operation = result.operation ?? operation
        analysis.diagnostics = filtered((syntaxDiagnostics + result.diagnostics).sorted(by: Diagnostic.sourceOrder), configuration)
        return analysis
    }

    /// A document that does not parse: its syntax diagnostics are shown only for what is (or
    /// was) a request document, so an unrelated file with comments does not light up.
    private func unparseable(_ analysis: inout DocumentAnalysis, configuration: DocumentConfiguration, previousOperation: OperationID?,
                             guess: @autoclosure () -> OperationID?, diagnostics: (OperationID) -> [Diagnostic]) -> DocumentAnalysis {
        guard let operation = configuration.operation ?? previousOperation ?? guess() else {
            analysis.outcome = .undetermined
            analysis.hint = "not well-formed \(analysis.syntax == .json ? "JSON" : "YAML") and not recognisably a request document; not checked"
            return analysis
        }
        analysis.outcome = .unparseable
        analysis.operation = operation
        analysis.diagnostics = filtered(diagnostics(operation), configuration)
        return analysis
    }

    /// Why `document` does not look like a request for `operation`, or `nil` when it does.
    func implausibility(_ document: JSONDocument, _ operation: OperationID) -> String? {
        guard let root = document.root, let model = registry.operations[operation] else { return nil }
        let known = Set(model.inputShape.members.map { $0.name.lowercased() })
        let names = document.members(of: root).map { document.string($0.key).lowercased() }
        let hits = names.filter { known.contains($0) }.count
        guard hits * 2 < names.count else { return nil }
        return "not recognisably a request document: only \(hits) of its \(names.count) top-level members belong to \(operation); not checked"
    }

    /// The operation of a document that does not parse, told from the top-level member names
    /// a tolerant scan finds (through the core's own detection).
    public func guessOperation(_ bytes: [UInt8]) -> OperationID? {
        registry.guess(topLevelNames: TolerantScanner(bytes).rootKeys())
    }

    /// How an editor user checks against a newer model.
    /// The editor's words for a finding's advice.
    static func advice(_ advice: Diagnostic.Advice) -> String? {
        switch advice {
        case .chooseOperation: return "map the file to an operation in .reqlint.yaml (operations:)"
        case .listValues: return "completion lists the valid values"
        case .newerModel: return "to update the model, run `reqlint rules update` in a terminal, then restart the language server"
        }
    }

    func filtered(_ diagnostics: [Diagnostic], _ configuration: DocumentConfiguration) -> [Diagnostic] {
        diagnostics.compactMap { diagnostic in
            if configuration.disabledRules.contains(diagnostic.rule) { return nil }
            if configuration.suppressions.contains(where: { $0.rule == diagnostic.rule && ($0.pointer == nil || $0.pointer == diagnostic.pointer) }) {
                return nil
            }
            var d = diagnostic.addingAdvice(Self.advice)
            if let severity = configuration.severities[d.rule] { d.severity = severity }
            return d
        }
    }
}
