import ArgumentParser
import Foundation
import ReqLintCommandLine
import ReqLintConfig
import ReqLintCore
import ReqLintPreflight
import ReqLintReport
import ReqLintSend
import ReqLintSigV4

/// `reqlint preflight`: lint, then check what each clean request refers to in the account it
/// will run in, with read-only calls only (see ReqLintPreflight's allow-list).
struct PreflightCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reqlint preflight",
        abstract: "Lint request documents, then check the resources they name with read-only AWS calls (Describe, Get, Head).",
        discussion: """
        Credentials, region, endpoints, retries, configuration and output formats are those of \
        `reqlint send`. Only documents without lint findings at the fail level are checked; a document \
        that fails linting is reported and not checked (the others are). Findings have rule ids under preflight/; \
        a check whose call is denied or cannot be made is reported as preflight/not-checked (an error) \
        naming the IAM action it needs. --print-policy prints the least-privilege IAM policy the checks \
        of the given documents' operations need (all operations when no document is named) and calls nothing.

        Exit codes: 0 nothing at the fail level; 1 findings at or above the fail level (lint or \
        preflight); 2 a usage, configuration, credentials or endpoint problem, or a file that could \
        not be read or parsed.
        """
    )

    /// Runs with reqlint's exit codes (a usage error exits 2).
    static func main(_ arguments: [String]) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Self.exit()
        } catch let code as ExitCode {
            Self.exit(withError: code)
        } catch {
            if exitCode(for: error) == .success { Self.exit(withError: error) }
            Terminal.error(fullMessage(for: error))
            Self.exit(withError: ExitCode(2))
        }
    }

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: SendCommand.Format = .text

    @OptionGroup var aws: AWSOptions

    @OptionGroup var lint: LintOptions


    @Flag(name: .long, help: "Print the IAM policy the checks need and call nothing.")
    var printPolicy = false

    @Argument(help: "Request documents or folders; - for standard input.")
    var paths: [String] = []

    func validate() throws {
        if paths.isEmpty && !printPolicy { throw ValidationError("name at least one request document to check") }
    }

    func run() throws {
        let redactor = SecretRedactor()
        func out(_ text: String) { Terminal.output(redactor.redact(format == .text ? DisplayText.escaped(text, keepingNewlines: true) : text)) }
        func err(_ line: String) { Terminal.error(redactor.redact(line)) }

        // 1. Lint every file, as `lint` does, each once.
        let run = try LintedRun(paths: paths, options: lint, err: err)
        let workspace = run.workspace, plan = run.plan, failLevel = run.failLevel
        let useColor = lint.color.enabled(for: 1)
        var reports = run.reports
        var tally = run.tally
        let documents: [(index: Int, input: Workspace.Input, document: JSONDocument, operation: OperationID)] = run.files.compactMap { file in
            guard run.isClean(file), let operationID = run.reports[file.report].operation, let document = file.document else { return nil }
            return (file.report, file.input, document, operationID)
        }
        for problem in plan.problems { err("reqlint: \(problem)") }

        let engine: PreflightEngine
        do {
            engine = try PreflightRun.engine(workspace: workspace)
        } catch {
            err("reqlint: \(error)")
            throw ExitCode(2)
        }

        if printPolicy {
            let operations = Set(reports.compactMap(\.operation))
            out(engine.policy(for: operations.isEmpty ? nil : operations).serialized(pretty: true) + "\n")
            return
        }
        // Files that could not be read or parsed are reported (exit 2); the clean ones are
        // still checked.
        // 2. The AWS setup and credentials, as `send` has them; then the checks.
        var calls = 0
        if !documents.isEmpty {
            let setup: AWSSetup
            let credentials: ResolvedCredentials
            let transports: RunTransports
            do {
                setup = try AWSSetup(options: aws, redactor: redactor)
                transports = try setup.transports(lenient: false)
                credentials = try setup.credentials(transports: transports, retry: setup.retryStrategy())
            } catch {
                err("reqlint: \(error.message)")
                throw ExitCode(error.kind == .request ? 1 : 2)
            }
            redactor.add(credentials.credentials)
            let client = setup.preflightClient(credentials: credentials.credentials, transport: transports.service, retry: setup.retryStrategy())
            tally = Tally()
            for item in documents {
                reports[item.index].diagnostics += PreflightRun.diagnostics(engine: engine, client: client, session: run.session, input: item.input,
                                                                            document: item.document, operation: item.operation)
            }
            for report in reports { tally.add(report, failLevel: failLevel) }
            calls = client.sent.count
        }
        // Suppressions are counted as matched only now, after the checks.
        let configurationReports = workspace.configurationReports(preflightChecked: !documents.isEmpty)
        for report in configurationReports { tally.add(report, failLevel: failLevel, counted: false) }
        report(configurationReports + reports, tally: tally, calls: calls, useColor: useColor, models: workspace, out: out, err: err)
        if tally.anyFailed || !plan.problems.isEmpty { throw ExitCode(2) }
        if tally.atFailLevel { throw ExitCode(1) }
    }

    func report(_ reports: [FileReport], tally: Tally, calls: Int, useColor: Bool, models workspace: Workspace,
                out: (String) -> Void, err: (String) -> Void) {
        switch format {
        case .text: out(TextReporter(color: useColor).report(reports))
        case .json: out(JSONReporter(models: workspace.modelProvenance).report(reports))
        }
        if !lint.quiet {
            err("reqlint: \(tally.files) file\(tally.files == 1 ? "" : "s") checked, \(calls) read-only call\(calls == 1 ? "" : "s"), \(tally.errors) error\(tally.errors == 1 ? "" : "s"), \(tally.warnings) warning\(tally.warnings == 1 ? "" : "s")")
        }
    }
}
