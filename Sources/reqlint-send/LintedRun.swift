import ReqLintCommandLine
import ArgumentParser
import ReqLintConfig
import ReqLintCore
import ReqLintReport

/// The first stage of `send` and `preflight`, shared so that they lint exactly as `lint` does
/// and each file once: the workspace (configuration, advice), the plan, and every file read
/// and linted, with its bytes and parsed document kept for the stage that follows.
struct LintedRun {
    /// One linted file: what was read, its report (an index into ``reports``) and its document.
    struct File {
        var input: Workspace.Input
        var bytes: [UInt8]
        var report: Int
        var document: JSONDocument?
    }

    let workspace: Workspace
    /// The lint session: every file's configuration applied, as `lint` applies it.
    let session: LintSession
    let plan: (inputs: [Workspace.Input], problems: [String])
    let failLevel: Severity
    let operation: OperationID?
    var reports: [FileReport] = []
    var files: [File] = []
    var tally = Tally()

    /// Lints `paths`; a usage problem (an unknown operation, a missing configuration) is
    /// said through `err` and thrown as exit 2.
    init(paths: [String], options: LintOptions, err: (String) -> Void) throws {
        let config = options.config, operation = options.operation, failLevel = options.failLevel, quiet = options.quiet
        do {
            workspace = try Workspace(configuration: config, suppressions: true)
            workspace.advice = CommandLineAdvice.text
        } catch {
            err("reqlint: cannot load the bundled rules: \(error)")
            throw ExitCode(2)
        }
        let requested = operation.flatMap(OperationID.init)
        if let requested, !(try BundledRules.registry().ids.contains(requested)) {
            err("reqlint: unknown operation \(requested); expected one of \(try BundledRules.registry().ids.map(\.description).joined(separator: ", "))")
            throw ExitCode(2)
        }
        if let config, FileSystem.kind(FileSystem.absolute(config)) != .file {
            err("reqlint: cannot read the configuration \(config)")
            throw ExitCode(2)
        }
        self.operation = requested
        plan = workspace.plan(paths, stdinName: nil, stdin: { FileSystem.readStandardInput() }, rawPaths: RawArguments.bytes(for: paths))
        self.failLevel = failLevel.flatMap(Severity.init(rawValue:)) ?? workspace.configurations.first?.configuration.failLevel ?? .error
        do {
            session = LintSession(workspace: workspace, baseline: try LintSession.runBaseline(workspace, explicit: nil, writing: false))
        } catch {
            err("reqlint: \(error)")
            throw ExitCode(2)
        }
        for var input in plan.inputs {
            let outcome = session.lint(input, operation: requested)
            if let note = outcome.note, !quiet { err("reqlint: \(note)") }
            guard let report = outcome.report else { continue }
            tally.add(report, failLevel: self.failLevel)
            reports.append(report)
            // Later stages use exactly the bytes that were linted.
            guard let bytes = outcome.bytes else { continue }
            input.contents = bytes
            files.append(File(input: input, bytes: bytes, report: reports.count - 1, document: outcome.document))
        }
    }

    /// Whether a file's report has nothing at or above the fail level (it may go on).
    func isClean(_ file: File) -> Bool {
        let report = reports[file.report]
        return !report.failed && !report.diagnostics.contains { $0.diagnostic.severity >= failLevel }
    }
}
