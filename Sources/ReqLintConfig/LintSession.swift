import ReqLintCore
import ReqLintReport

/// One lint of request documents with their configuration: the one place where a
/// `.reqlint.yaml` is applied to findings. `reqlint lint` (and `--fix`), `reqlint send`,
/// `reqlint preflight` and the language server all lint through it.
///
/// Built on a ``Workspace`` (which finds and loads each file's configuration: its rule-paths,
/// `model:`, operations, rule settings, suppressions and baseline), it takes a document (a
/// path's bytes as a ``Workspace/Input``, or an editor buffer's text with its file name) and
/// returns a ``Result``: the parsed document, the diagnostics with the configuration applied
/// (rule severities and `off`, the front end's advice, suppressions, the baseline), how many
/// the suppressions and the baseline took, and the rules that judged it.
public final class LintSession: @unchecked Sendable {
    /// Which baseline accepts findings.
    public enum BaselineChoice: Sendable {
        /// None (`--write-baseline` records every finding).
        case none
        /// One baseline for the whole run (`--baseline`, or the configuration's), each finding
        /// it lists accepted once.
        case run(Baseline)
        /// Each file's configuration's `baseline:`, read once; every lint starts from the
        /// whole baseline (an editor lints the same document again and again).
        case configured
    }

    /// What linting one document gave.
    public struct Result: Sendable {
        /// The report of an input (positions resolved), `nil` when it was skipped (``note``)
        /// or for an editor buffer.
        public var report: FileReport?
        /// Why the input was skipped.
        public var note: String?
        /// How far linting got; `nil` when the input could not be read.
        public var status: LintResult.Status?
        /// The operation it was checked against.
        public var operation: OperationID?
        /// The diagnostics with the configuration applied, in source order.
        public var diagnostics: [Diagnostic] = []
        /// How many findings the configuration's suppressions took, and how many the baseline
        /// accepted.
        public var suppressed = 0
        public var accepted = 0
        /// The bytes read and the document parsed from them (the sender and the preflight take
        /// a clean document and never parse or validate it again).
        public var bytes: [UInt8]?
        public var document: JSONDocument?
        /// The rules that judged it (the bundled or cached packs, or its configuration's
        /// `model:` and `rule-paths`).
        public var registry: OperationRegistry?
        /// The absolute path of the file (or where an editor buffer is said to be).
        public var absolutePath: String
    }

    public let workspace: Workspace
    private let lock = Lock()
    private var baseline: Baseline?
    private let choice: BaselineChoice
    /// `.configured`: each configuration's baseline, by path (`nil`: unreadable, not used).
    private var configuredBaselines: [String: Baseline?] = [:]

    public init(workspace: Workspace, baseline: BaselineChoice = .configured) {
        self.workspace = workspace
        choice = baseline
        if case let .run(run) = baseline { self.baseline = run }
    }

    /// A problem with the run's baseline file (it cannot be read, or is not a baseline).
    public struct BaselineError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The run's baseline choice for a command line: `explicit` (`--baseline`), else the
    /// configuration's `baseline:` (of the first configuration used); none while writing one.
    public static func runBaseline(_ workspace: Workspace, explicit: String?, writing: Bool) throws(BaselineError) -> BaselineChoice {
        guard let path = explicit.map({ FileSystem.absolute($0, from: workspace.workingDirectory) })
            ?? (writing ? nil : workspace.configurations.lazy.compactMap(\.configuration.baseline).first) else { return .none }
        let shown = explicit ?? path
        guard case let .success(bytes) = FileSystem.read(path) else { throw BaselineError(description: "cannot read the baseline \(shown)") }
        do {
            return .run(try Baseline(bytes: bytes, path: path, workingDirectory: workspace.workingDirectory))
        } catch {
            throw BaselineError(description: "\(shown): \(error)")
        }
    }

    /// A warning when the run's baseline accepted none of the findings it lists for the files
    /// linted.
    public var baselineWarning: String? { lock.withLock { baseline?.unmatchedWarning } }

    // MARK: Linting

    /// Reads and lints one input with its configuration. Files found by walking a folder that
    /// are not request documents of a known operation are skipped (`nil` report, a note).
    /// `deferringBaseline`: the run's baseline is left to ``applyBaseline(_:)``, which a caller
    /// that lints in parallel calls in input order.
    public func lint(_ input: Workspace.Input, operation requested: OperationID? = nil, deferringBaseline: Bool = false) -> Result {
        let resolved = input.configuration
        let bytes: [UInt8]
        switch input.read() {
        case let .success(read): bytes = read
        case let .failure(error):
            let d = Diagnostic(rule: .ioError, message: error.description, pointer: .root, range: .at(0))
            var report = FileReport(path: input.path, operation: nil, diagnostics: [LocatedDiagnostic(fileLevel: d)], failed: true)
            report.rawPath = input.shownRaw
            return Result(report: report, diagnostics: [d], absolutePath: input.absolutePath)
        }
        let operation = requested ?? self.operation(for: input.absolutePath, shown: input.path, in: resolved)
        let parsed = RequestDocumentReader.parse(bytes, path: input.path)
        let linted = RequestDocumentReader.lint(parsed, linter: resolved.linter, operation: operation)
        if !input.explicit, operation == nil, let note = skipNote(linted, input: input, bytes: bytes, registry: resolved.linter.registry) {
            return Result(note: note, absolutePath: input.absolutePath)
        }
        var result = judged(linted, parsed: parsed, path: input.absolutePath, shown: input.path, resolved: resolved, baseline: !deferringBaseline)
        var report = FileReport(path: input.path, result: LintResult(status: linted.status, operation: linted.operation,
                                                                      diagnostics: result.diagnostics, document: linted.document))
        report.rawPath = input.shownRaw
        result.report = report
        return result
    }

    /// Lints an editor buffer: `parsed` (``RequestDocumentReader/parse(_:path:)``, or the
    /// editor's own parse) of the file at `absolutePath` (`nil`: no file, the defaults), as
    /// `operation` (the editor tells it; `nil`: from the document), with `resolved` (the
    /// file's configuration, resolved beforehand by a caller that lints off its own queue;
    /// `nil`: resolved here) and its linter unless `linter` is given.
    public func lint(_ parsed: RequestDocumentReader.Parsed, at absolutePath: String?, configuration resolved: Workspace.ResolvedConfiguration? = nil,
                     operation: OperationID?, linter: Linter? = nil) -> Result {
        let resolved = resolved ?? configuration(for: absolutePath)
        let path = absolutePath ?? resolved.configuration.directory + "/"
        let linted = RequestDocumentReader.lint(parsed, linter: linter ?? resolved.linter, operation: operation)
        return judged(linted, parsed: parsed, path: path, shown: path, resolved: resolved, baseline: true, linter: linter)
    }

    /// The configuration of the file at `absolutePath` (`nil`: the defaults, of no file).
    /// Workspaces are not thread-safe: resolve configurations on one queue.
    public func configuration(for absolutePath: String?) -> Workspace.ResolvedConfiguration {
        absolutePath.map(workspace.configuration(for:)) ?? workspace.load(defaultsFor: workspace.workingDirectory)
    }

    /// The operation the configuration maps the file at `absolutePath` to (its `operations:`).
    public func operation(for absolutePath: String, shown: String? = nil, in resolved: Workspace.ResolvedConfiguration? = nil) -> OperationID? {
        let configuration = (resolved ?? workspace.configuration(for: absolutePath)).configuration
        return configuration.operation(for: FileSystem.relative(absolutePath, to: configuration.directory) ?? shown ?? absolutePath)
    }

    /// The run's baseline applied to an input's result (see ``lint(_:operation:deferringBaseline:)``).
    public func applyBaseline(_ result: inout Result) {
        guard case .run = choice, var report = result.report, !report.diagnostics.isEmpty else { return }
        let accepted: Int
        (report, accepted) = lock.withLock { baseline!.filter(report, absolutePath: result.absolutePath) }
        result.report = report
        result.diagnostics = report.diagnostics.map(\.diagnostic)
        result.accepted += accepted
    }

    /// A result: `linted` with the configuration of `resolved` applied (and the baseline, when
    /// `baseline`).
    private func judged(_ linted: LintResult, parsed: RequestDocumentReader.Parsed, path: String, shown: String,
                        resolved: Workspace.ResolvedConfiguration, baseline: Bool, linter: Linter? = nil) -> Result {
        var result = Result(status: linted.status, operation: linted.operation, bytes: parsed.bytes,
                            document: linted.document, registry: (linter ?? resolved.linter).registry, absolutePath: path)
        (result.diagnostics, result.suppressed) = configured(linted.diagnostics, at: path, shown: shown, in: resolved)
        if baseline { (result.diagnostics, result.accepted) = acceptedByBaseline(result.diagnostics, at: path, resolved: resolved) }
        return result
    }

    /// `diagnostics` of the file at `absolutePath` with its configuration applied: rule
    /// severities (and `off`), the front end's advice, then suppressions. `recording`: the
    /// suppressions that matched are recorded (so that they are not reported as stale); a
    /// `--fix` round does not record. Also used for the findings of `reqlint preflight`.
    /// Returns the kept diagnostics and how many were suppressed.
    public func configured(_ diagnostics: [Diagnostic], at absolutePath: String, shown: String? = nil,
                           in resolved: Workspace.ResolvedConfiguration? = nil, recording: Bool = true) -> (diagnostics: [Diagnostic], suppressed: Int) {
        let resolved = resolved ?? workspace.configuration(for: absolutePath)
        let configuration = resolved.configuration
        let relative = FileSystem.relative(absolutePath, to: configuration.directory) ?? shown ?? absolutePath
        var diagnostics = configuration.applyingRuleSettings(diagnostics)
        if let advice = workspace.advice { diagnostics = diagnostics.map { $0.addingAdvice(advice) } }
        guard workspace.suppressionsEnabled, !configuration.suppressions.isEmpty else { return (diagnostics, 0) }
        var kept: [Diagnostic] = []
        var matched = Set<Int>()
        var applicable = Set<Int>()
        for (index, suppression) in configuration.suppressions.enumerated() where suppression.files.matches(relative) {
            applicable.insert(index)
        }
        for diagnostic in diagnostics {
            if let index = configuration.suppressions.indices.first(where: { configuration.suppressions[$0].covers(diagnostic, relativePath: relative) }) {
                matched.insert(index)
            } else {
                kept.append(diagnostic)
            }
        }
        if recording {
            resolved.lock.withLock {
                resolved.matchedSuppressions.formUnion(matched)
                resolved.applicableSuppressions.formUnion(applicable)
            }
        }
        return (kept, diagnostics.count - kept.count)
    }

    /// `diagnostics` without what the baseline accepts.
    private func acceptedByBaseline(_ diagnostics: [Diagnostic], at absolutePath: String,
                                    resolved: Workspace.ResolvedConfiguration) -> (diagnostics: [Diagnostic], accepted: Int) {
        guard !diagnostics.isEmpty else { return (diagnostics, 0) }
        switch choice {
        case .none: return (diagnostics, 0)
        case .run: return lock.withLock { baseline!.filter(diagnostics, absolutePath: absolutePath) }
        case .configured:
            guard let path = resolved.configuration.baseline else { return (diagnostics, 0) }
            var copy: Baseline? = lock.withLock {
                if let cached = configuredBaselines[path] { return cached }
                var read: Baseline?
                if case let .success(bytes) = FileSystem.read(path) {
                    read = try? Baseline(bytes: bytes, path: path, workingDirectory: workspace.workingDirectory)
                }
                configuredBaselines[path] = read
                return read
            }
            guard copy != nil else { return (diagnostics, 0) }
            return copy!.filter(diagnostics, absolutePath: absolutePath)
        }
    }

    /// The note for an input found by walking a folder that is not a request document, or
    /// `nil` when it is one (and is reported).
    private func skipNote(_ linted: LintResult, input: Workspace.Input, bytes: [UInt8], registry: OperationRegistry) -> String? {
        // A walk (and pre-commit's --skip-non-requests) reports only request documents: a
        // file that does not parse, or is not an object, counts only when what can be read
        // of it names an operation.
        let shown = DisplayText.escaped(input.path)
        switch linted.status {
        case .unknownOperation:
            return "skipped \(shown): not a request document of a known operation"
        case .unparseable where !RequestDocumentReader.looksLikeRequest(bytes, path: input.path, registry: registry):
            return "skipped \(shown): not a request document (it does not parse, and its top-level names are no operation's)"
        case .checked where linted.operation == nil:
            return "skipped \(shown): not a request document (its top level is not an object)"
        default: return nil
        }
    }
}
