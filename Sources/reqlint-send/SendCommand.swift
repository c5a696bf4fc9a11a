import ArgumentParser
import Foundation
import ReqLintCommandLine
import ReqLintConfig
import ReqLintCore
import ReqLintPreflight
import ReqLintReport
import ReqLintSend
import ReqLintSigV4

/// `reqlint send`: lint, then sign and send only clean request documents.
///
/// It is its own executable, `reqlint-send`, which `reqlint send` runs: signing and HTTP need
/// swift-crypto, Foundation and swift-nio, whose start-up cost every `reqlint lint` would
/// otherwise pay.
///
/// The promise: a document with a finding at or above the fail level is never sent. Every
/// file is linted first, exactly as `lint` does (same configuration, rule settings,
/// suppressions); if any file fails, the diagnostics are printed as `lint` prints them and
/// nothing at all is sent. Then every request is built and its endpoint resolved (a problem
/// there also stops everything before anything goes out), credentials are found once, and the
/// requests are signed and sent one by one, in order.
@main
struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reqlint send",
        abstract: "Lint request documents, then sign them (AWS SigV4) and send them; nothing is sent if any has an error.",
        discussion: """
        Credentials are found as the AWS CLI finds them: environment variables, role assumption \
        (role_arn with source_profile or credential_source), web identity (AWS_WEB_IDENTITY_TOKEN_FILE \
        with AWS_ROLE_ARN), the shared credentials file, credential_process, the config file, container \
        credentials. Region: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's region. Endpoint: \
        --endpoint-url, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's services section or \
        endpoint_url, else the service's regional endpoint (FIPS with --use-fips or AWS_USE_FIPS_ENDPOINT). \
        Plain http is allowed only to loopback addresses.

        --dry-run prints each signed request (request line, headers, body) instead of sending it; the \
        session token is masked, the secret key never appears. --format json prints one JSON object per \
        file: {"path","operation","request":{"method","url","headers","body"}}. (The HTTP client adds its own \
        unsigned transport headers when sending: Accept, Accept-Encoding, Accept-Language, Connection.)

        Exit codes: 0 every request was accepted (or, with --dry-run, signed); 1 findings at or above \
        the fail level (nothing sent), or a request was rejected or could not be delivered; 2 a usage, \
        configuration, credentials or endpoint problem, or a file that could not be read or parsed.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    /// Runs with reqlint's exit codes: a usage error exits 2 (not the parser's 64).
    static func main() {
        ProcessStart.prepare()
        // `reqlint preflight …` runs as `reqlint-send preflight …`.
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "preflight" {
            PreflightCommand.main(Array(arguments.dropFirst()))
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Self.exit(withError: code)
        } catch {
            if exitCode(for: error) == .success { Self.exit(withError: error) }
            Terminal.error(fullMessage(for: error))
            Self.exit(withError: ExitCode(2))
        }
    }

    @Flag(name: .long, help: "Print the signed requests instead of sending them.")
    var dryRun = false

    @Option(name: .long, help: "Sign at this time (ISO 8601, e.g. 2026-11-23T12:34:56Z) instead of now, for reproducible --dry-run output.")
    var signingTime: String?

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var aws: AWSOptions

    @OptionGroup var lint: LintOptions


    @Flag(name: .long, help: "Run `reqlint preflight` first (read-only checks of what the requests refer to); send only if it finds nothing at the fail level.")
    var preflight = false

    @Argument(help: "Request documents or folders; - for standard input.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one request document to send") }
        if let signingTime, SigV4Timestamp(iso8601: signingTime) == nil {
            throw ValidationError("--signing-time takes an ISO 8601 UTC time such as 2026-11-23T12:34:56Z")
        }
    }

    /// One file that passed linting, ready to be built.
    struct Clean {
        var input: Workspace.Input
        var bytes: [UInt8]
        var report: FileReport
        /// The document the lint parsed (sent as it is, never parsed again).
        var document: JSONDocument?
    }

    /// A built request with its endpoint.
    struct Prepared {
        var clean: Clean
        var pack: OperationPack
        var document: JSONDocument
        var built: BuiltRequest
        var endpoint: ResolvedEndpoint
    }

    func run() throws {
        let redactor = SecretRedactor()
        // Text output escapes control and bidirectional characters from documents, file names
        // and servers (keeping its own line breaks); JSON output escapes them as JSON does.
        func out(_ text: String) { Terminal.output(redactor.redact(format == .text ? DisplayText.escaped(text, keepingNewlines: true) : text)) }
        func err(_ line: String) { Terminal.error(redactor.redact(line)) }
        func fail(_ error: SendError) -> ExitCode {
            err("reqlint: \(error.message)")
            return ExitCode(error.kind == .request ? 1 : 2)
        }

        // 1. Lint every file, as `lint` does, each once.
        let run = try LintedRun(paths: paths, options: lint, err: err)
        let workspace = run.workspace, plan = run.plan, failLevel = run.failLevel
        let useColor = lint.color.enabled(for: 1)
        let reports = run.reports
        var tally = run.tally
        let clean = run.files.map { Clean(input: $0.input, bytes: $0.bytes, report: run.reports[$0.report], document: $0.document) }
        let configurationReports = workspace.configurationReports()
        for report in configurationReports { tally.add(report, failLevel: failLevel, counted: false) }
        for problem in plan.problems { err("reqlint: \(problem)") }

        if tally.anyFailed || !plan.problems.isEmpty || tally.atFailLevel {
            switch format {
            case .text: out(TextReporter(color: useColor).report(configurationReports + reports))
            case .json: out(JSONReporter(models: workspace.modelProvenance).report(configurationReports + reports))
            }
            if !lint.quiet {
                err("reqlint: \(tally.files) file\(tally.files == 1 ? "" : "s") checked, \(tally.errors) error\(tally.errors == 1 ? "" : "s"), \(tally.warnings) warning\(tally.warnings == 1 ? "" : "s"); nothing was sent")
            }
            throw ExitCode(tally.anyFailed || !plan.problems.isEmpty ? 2 : 1)
        }
        if clean.isEmpty {
            err("reqlint: no request documents to send")
            throw ExitCode(2)
        }
        // Findings below the fail level are shown on standard error; standard output is for
        // the requests and responses.
        let belowFailLevel = configurationReports + reports
        if format == .text, !lint.quiet, belowFailLevel.contains(where: { !$0.diagnostics.isEmpty }) {
            Terminal.write(redactor.redact(TextReporter(color: false).report(belowFailLevel)), to: 2)
        }

        // 2. Configuration, region, every request and its endpoint, before anything is sent.
        let setup: AWSSetup
        do {
            setup = try AWSSetup(options: aws, redactor: redactor)
        } catch {
            throw fail(error)
        }

        var prepared: [Prepared] = []
        var buildFailed = false
        for item in clean {
            let linter = item.input.configuration.linter
            guard let operationID = item.report.operation, let model = linter.registry.operations[operationID] else {
                err("reqlint: \(DisplayText.escaped(item.input.path)): the operation could not be told")
                buildFailed = true
                continue
            }
            let document = item.document ?? RequestDocumentReader.lint(item.bytes, path: item.input.path, linter: linter, operation: operationID).document
            do {
                let built = try RequestBuilder.build(pack: model.pack, document: document)
                let endpoint = try setup.endpoint(serviceID: model.pack.service.serviceId, endpointPrefix: model.pack.service.endpointPrefix)
                prepared.append(Prepared(clean: item, pack: model.pack, document: document, built: built, endpoint: endpoint))
            } catch {
                err("reqlint: \(DisplayText.escaped(item.input.path)): \(error.message)")
                buildFailed = true
            }
        }
        if buildFailed {
            err("reqlint: nothing was sent")
            throw ExitCode(2)
        }

        // 3. Credentials, once.
        let retry = setup.retryStrategy()
        let transports: RunTransports
        let credentials: ResolvedCredentials
        do {
            transports = try setup.transports(lenient: dryRun && !preflight)
            credentials = try setup.credentials(transports: transports, retry: retry)
        } catch {
            throw fail(error)
        }
        let transport = transports.service
        redactor.add(credentials.credentials)

        // 3a. With --preflight, check what the requests refer to; nothing is sent on a finding
        // at the fail level.
        if preflight {
            let engine: PreflightEngine
            do {
                engine = try PreflightRun.engine(workspace: workspace)
            } catch {
                err("reqlint: \(error)")
                throw ExitCode(2)
            }
            let client = setup.preflightClient(credentials: credentials.credentials, transport: transport, retry: retry)
            var preflightReports: [FileReport] = []
            var preflightTally = Tally()
            for item in prepared {
                var report = item.clean.report
                report.diagnostics += PreflightRun.diagnostics(engine: engine, client: client, session: run.session, input: item.clean.input, document: item.document,
                                                               operation: item.pack.id)
                preflightTally.add(report, failLevel: failLevel)
                preflightReports.append(report)
            }
            // Suppressions of preflight findings that matched none, now that the checks ran.
            let staleBefore = Set(configurationReports.flatMap(\.diagnostics))
            let lateReports = workspace.configurationReports(preflightChecked: true).compactMap { report -> FileReport? in
                var report = report
                report.diagnostics = report.diagnostics.filter { !staleBefore.contains($0) }
                return report.diagnostics.isEmpty ? nil : report
            }
            for report in lateReports { preflightTally.add(report, failLevel: failLevel, counted: false) }
            preflightReports = lateReports + preflightReports
            if preflightTally.atFailLevel || preflightTally.anyFailed {
                switch format {
                case .text: out(TextReporter(color: useColor).report(preflightReports))
                case .json: out(JSONReporter(models: workspace.modelProvenance).report(preflightReports))
                }
                if !lint.quiet {
                    err("reqlint: preflight: \(client.sent.count) read-only call\(client.sent.count == 1 ? "" : "s"), \(preflightTally.errors) error\(preflightTally.errors == 1 ? "" : "s"), \(preflightTally.warnings) warning\(preflightTally.warnings == 1 ? "" : "s"); nothing was sent")
                }
                throw ExitCode(1)
            }
            if format == .text, !lint.quiet {
                if preflightReports.contains(where: { !$0.diagnostics.isEmpty }) {
                    Terminal.write(redactor.redact(TextReporter(color: false).report(preflightReports)), to: 2)
                }
                err("reqlint: preflight: \(client.sent.count) read-only call\(client.sent.count == 1 ? "" : "s"), nothing at the fail level")
            }
        }
        let fixedTime = signingTime.flatMap(SigV4Timestamp.init(iso8601:))
        let clock: @Sendable () -> SigV4Timestamp
        if let fixedTime { clock = { fixedTime } } else { clock = { SigV4Timestamp.now() } }

        // 4. Sign, and send or print, one by one.
        var results: [JSONValue] = []
        var failures = 0
        for item in prepared {
            let sender = OperationSender(credentials: credentials.credentials, signingName: item.pack.service.signingName,
                                         signingRegion: item.endpoint.signingRegion, endpoint: item.endpoint.url, clock: clock)
            let path = item.clean.input.path
            let shown = DisplayText.escaped(path)
            if dryRun {
                do {
                    let signed = try sender.sign(item.built)
                    switch format {
                    case .text:
                        out("# \(shown): \(item.pack.id) to \(item.endpoint.url) (\(item.endpoint.source); \(credentials.source))\n" + DryRun.text(signed) + "\n")
                    case .json:
                        out(DryRun.json(signed, path: path, operation: item.pack.id).serialized() + "\n")
                    }
                } catch {
                    throw fail(error)
                }
                continue
            }
            let exchange: Exchange
            do {
                exchange = try sender.send(item.built, transport: transport, retry: retry)
            } catch {
                throw fail(error)
            }
            let url = exchange.request?.url ?? item.endpoint.url.description
            let attempts = "\(exchange.attempts) attempt\(exchange.attempts == 1 ? "" : "s")"
            var mapped: [LocatedDiagnostic] = []
            if let error = exchange.serviceError {
                let lines = LineTable(item.document.bytes)
                mapped = ValidationPathMapper.diagnostics(for: error, document: item.document).map { LocatedDiagnostic($0, lines: lines) }
            }
            switch exchange.outcome {
            case let .success(response):
                if format == .text {
                    out("\(shown): \(item.pack.id) accepted by \(url): HTTP \(response.status) after \(attempts)\n")
                    if !response.body.isEmpty { out(response.bodyText + (response.bodyText.hasSuffix("\n") ? "" : "\n")) }
                }
            case let .serviceError(error):
                failures += 1
                if format == .text {
                    out("\(shown): error: \(item.pack.id) rejected by \(url) after \(attempts): \(DisplayText.escaped(error.description))\n")
                    if !mapped.isEmpty {
                        out(TextReporter(color: useColor).report([FileReport(path: path, operation: item.pack.id, diagnostics: mapped, failed: false)]))
                    }
                }
            case let .transportFailure(error):
                failures += 1
                if format == .text { out("\(shown): error: \(item.pack.id) could not be sent to \(url) after \(attempts): \(DisplayText.escaped(error.description))\n") }
            }
            if format == .json { results.append(resultJSON(path: path, item: item, url: url, exchange: exchange, mapped: mapped)) }
        }
        if format == .json, !dryRun {
            out(JSONValue.object([("version", .integer(1)), ("results", .array(results))]).serialized(pretty: true))
        }
        if !lint.quiet {
            if dryRun {
                err("reqlint: \(prepared.count) request\(prepared.count == 1 ? "" : "s") signed with \(credentials.source); nothing was sent (--dry-run)")
            } else {
                err("reqlint: \(prepared.count) request\(prepared.count == 1 ? "" : "s") sent, \(prepared.count - failures) accepted, \(failures) failed")
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    func resultJSON(path: String, item: Prepared, url: String, exchange: Exchange, mapped: [LocatedDiagnostic]) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("path", .string(path)),
            ("operation", .string(item.pack.id.description)),
            ("url", .string(url)),
            ("attempts", .integer(Int64(exchange.attempts))),
        ]
        switch exchange.outcome {
        case let .success(response):
            members.append(("status", .string("accepted")))
            members.append(("http", .object([("status", .integer(Int64(response.status))),
                                             ("requestId", response.header("x-amzn-RequestId").map(JSONValue.string) ?? .null)])))
            members.append(("response", .string(response.bodyText)))
        case let .serviceError(error):
            members.append(("status", .string("rejected")))
            members.append(("http", .object([("status", .integer(Int64(error.status))), ("requestId", error.requestID.map(JSONValue.string) ?? .null)])))
            members.append(("error", .object([("type", .string(error.code)), ("message", .string(error.message))])))
        case let .transportFailure(error):
            members.append(("status", .string("failed")))
            members.append(("error", .object([("type", .string(error.kind.rawValue)), ("message", .string(error.message))])))
        }
        members.append(("diagnostics", .array(mapped.map(JSONReporter.diagnosticValue))))
        return .object(members)
    }
}
