import ReqLintCommandLine
import ArgumentParser
import ReqLintConfig
import ReqLintCore
import ReqLintReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `reqlint lint`: check request documents and report what is wrong.
struct Lint: ParsableCommand {
    // Every command names itself: otherwise ArgumentParser derives the name from the type's
    // name at every start (String(describing:), a fifth of a one-file run's instructions).
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check request documents against their operation's model and documented rules.",
        discussion: """
        Folders are searched for .json, .yaml and .yml files, honouring the configuration's include \
        and exclude and .gitignore. `-` reads standard input.

        Exit codes: 0 nothing at or above the fail level; 1 findings at or above it; 2 a usage error, \
        a configuration error, or a file that could not be read, parsed or classified (every other file \
        is still checked and reported).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github, junit
    }

    typealias Color = ColorChoice

    @Option(name: .shortAndLong, help: "Output format on standard output: text, json, sarif, github or junit.")
    var format: Format = LintSettings.defaults.format

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Also write a report to a file, as FORMAT=PATH (repeatable), e.g. sarif=reqlint.sarif.", valueName: "format=path"))
    var output: [String] = []

    @Option(name: .long, help: "The operation of every file (otherwise told from the configuration or each file's members), e.g. sagemaker:CreateInferenceExperiment.")
    var operation: String?

    @Option(name: .long, help: "The configuration file (otherwise the nearest .reqlint.yaml above each file).")
    var config: String?

    @Option(name: .long, help: "The least severity that fails the run: error, warning or info (default: the configuration's, else error).")
    var failLevel: String?

    @Flag(name: .long, help: "Ignore the configuration's suppressions and report everything (for audits).")
    var noSuppressions = LintSettings.defaults.noSuppressions

    @Option(name: .long, help: "Report only findings that are not in this baseline file.")
    var baseline: String?

    @Option(name: .long, help: "Record every finding of this run in a baseline file.")
    var writeBaseline: String?

    @Option(name: .long, help: "The name standard input (`-`) is given in reports and for configuration lookup.")
    var stdinFilename: String?

    @Flag(name: .long, help: "Apply the configuration's include and exclude to files named on the command line too (as pre-commit passes them).")
    var forceExclude = LintSettings.defaults.forceExclude

    @Flag(name: .long, help: "Skip files named on the command line whose operation cannot be told, as a folder walk does (for pre-commit).")
    var skipNonRequests = LintSettings.defaults.skipNonRequests

    @Option(name: .long, help: "Colour: auto (only on a terminal, never when NO_COLOR is set), always or never.")
    var color: Color = LintSettings.defaults.color

    @Option(name: .shortAndLong, help: "Files linted at once (default: one per core).")
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Do not print the summary line to standard error.")
    var quiet = LintSettings.defaults.quiet

    @Flag(name: .long, help: "First apply the certain fixes to JSON files (an enum value or a member name in the wrong letter case), changing only those bytes; then report what remains.")
    var fix = LintSettings.defaults.fix

    @Flag(name: .long, help: "With --fix: print the fixes as a unified diff and write nothing (exit 0 nothing to fix, 1 fixes shown, 2 a file could not be read or parsed).")
    var dryRun = LintSettings.defaults.dryRun

    @Option(name: .long, help: ArgumentHelp("Also lint the paths listed in this file, one per line (or separated by NUL bytes); - reads the list from standard input. For CI scripts with a list of changed files: one run, one report.", valueName: "file"))
    var filesFrom: String?

    @Argument(help: "Request documents or folders; - for standard input.")
    var paths: [String] = []

    func validate() throws { try settings.validate() }

    func run() throws { try settings.run() }

    /// The options as plain values.
    var settings: LintSettings {
        LintSettings(format: format, output: output, operation: operation, config: config, failLevel: failLevel, noSuppressions: noSuppressions,
                     baseline: baseline, writeBaseline: writeBaseline, stdinFilename: stdinFilename, forceExclude: forceExclude,
                     skipNonRequests: skipNonRequests, color: color, jobs: jobs, quiet: quiet, fix: fix, dryRun: dryRun, filesFrom: filesFrom,
                     paths: paths)
    }
}

extension LintSettings {
    func validate() throws {
        if paths.isEmpty && filesFrom == nil { throw ValidationError("name at least one file or folder to lint (or - for standard input, or --files-from)") }
        if filesFrom == "-" && paths.contains("-") { throw ValidationError("standard input cannot be both the list of files (--files-from -) and a document (-)") }
        if let operation, OperationID(operation) == nil {
            throw ValidationError("--operation takes service:Operation, e.g. sagemaker:CreateInferenceExperiment")
        }
        if let failLevel, Severity(rawValue: failLevel) == nil { throw ValidationError("--fail-level is error, warning or info") }
        for entry in output {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, Format(rawValue: String(parts[0])) != nil, !parts[1].isEmpty else {
                throw ValidationError("--output takes FORMAT=PATH with FORMAT one of text, json, sarif, github, junit (got \(entry))")
            }
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if dryRun && !fix { throw ValidationError("--dry-run goes with --fix") }
    }

    func run() throws {
        let started = Clock.now()
        let workspace: Workspace
        do {
            workspace = try Workspace(configuration: config, suppressions: !noSuppressions)
            workspace.advice = CommandLineAdvice.text
        } catch {
            Terminal.error("reqlint: cannot load the bundled rules: \(error)")
            throw ExitCode(2)
        }
        let requested = operation.flatMap(OperationID.init)
        if let requested, !(try BundledRules.registry().ids.contains(requested)) {
            Terminal.error("reqlint: unknown operation \(requested); expected one of \(try BundledRules.registry().ids.map(\.description).joined(separator: ", "))")
            throw ExitCode(2)
        }
        if let config, FileSystem.kind(FileSystem.absolute(config)) != .file {
            Terminal.error("reqlint: cannot read the configuration \(config)")
            throw ExitCode(2)
        }
        var paths = self.paths
        // The paths' bytes: by position when the fast argument split ran, else by their lossy form.
        var rawPaths: [[UInt8]?]
        if let split = LintArguments.rawPaths, split.count == paths.count {
            rawPaths = split.map { Optional($0) }
        } else {
            rawPaths = RawArguments.bytes(for: paths)
        }
        if let filesFrom {
            let read = filesFrom == "-" ? FileSystem.readStandardInput() : FileSystem.read(filesFrom)
            guard case let .success(list) = read else {
                if case let .failure(error) = read { Terminal.error("reqlint: the list of files: \(error)") }
                throw ExitCode(2)
            }
            for raw in PathList.entries(list) {
                paths.append(String(decoding: raw, as: UTF8.self))
                rawPaths.append(raw)
            }
        }
        var plan = workspace.plan(paths, stdinName: stdinFilename, stdin: { FileSystem.readStandardInput() }, forceExclude: forceExclude,
                                  rawPaths: rawPaths)
        if skipNonRequests {
            for index in plan.inputs.indices { plan.inputs[index].explicit = false }
        }
        // A configuration with errors stops the run before any file is linted: its findings
        // would not be the ones the user configured.
        let configurationErrors = workspace.configurations.flatMap(\.reports).filter { report in
            report.diagnostics.contains { $0.diagnostic.severity == .error }
        }
        if !configurationErrors.isEmpty {
            var tally = Tally()
            for report in configurationErrors { tally.add(report, failLevel: .error, counted: false) }
            Terminal.output(render(format, configurationErrors, failLevel: .error, color: color.enabled(for: 1), workspace: workspace))
            if !quiet { Terminal.error("reqlint: the configuration has errors; nothing was linted (\(tally.errors) error\(tally.errors == 1 ? "" : "s"))") }
            throw ExitCode(2)
        }
        // The baseline: --baseline, else the configuration's `baseline:` (not while writing one).
        let session: LintSession
        do {
            session = LintSession(workspace: workspace, baseline: try LintSession.runBaseline(workspace, explicit: baseline, writing: writeBaseline != nil))
        } catch {
            Terminal.error("reqlint: \(error)")
            throw ExitCode(2)
        }
        var writeFailed = false
        if fix { writeFailed = try !applyFixes(plan, session: session, operation: requested) }
        let failLevel = self.failLevel.flatMap(Severity.init(rawValue:))
            ?? workspace.configurations.first?.configuration.failLevel ?? .error
        let useColor = color.enabled(for: 1)
        // Every report is written as the run goes, chunk by chunk in input order (standard
        // output streams; files and JUnit wait in a spool), so no file's report is held: memory
        // stays flat in the number of files for every format. A baseline being written keeps
        // the reports with findings.
        var sinks = [ReportSink(reporter(format, failLevel: failLevel, color: useColor, workspace: workspace), path: nil)]
        for entry in output {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            sinks.append(ReportSink(reporter(Format(rawValue: parts[0])!, failLevel: failLevel, color: false, workspace: workspace),
                                    path: parts[1]))
        }
        let wantsFixes = sinks.contains(where: \.isSARIF)
        var baselineReports: [(report: FileReport, absolutePath: String)] = []
        var findingCount = 0
        var tally = Tally()
        // Chunks of 512 inputs: while one chunk's reports are written, the next is linted.
        let chunks = stride(from: 0, to: plan.inputs.count, by: 512).map { $0 ..< min($0 + 512, plan.inputs.count) }
        var pending = chunks.first.map { PendingLint(Array(plan.inputs[$0]), session: session, operation: requested, jobs: jobs) }
        for (number, range) in chunks.enumerated() {
            let slice = plan.inputs[range]
            let results = pending!.wait()
            pending = number + 1 < chunks.count
                ? PendingLint(Array(plan.inputs[chunks[number + 1]]), session: session, operation: requested, jobs: jobs) : nil
            var chunkReports: [FileReport] = []
            for (input, var result) in zip(slice, results) {
                if let note = result.note {
                    tally.skipped += 1
                    if !quiet { Terminal.error("reqlint: \(note)") }
                }
                tally.suppressed += result.suppressed
                session.applyBaseline(&result)
                tally.accepted += result.accepted
                guard let report = result.report else { continue }
                tally.add(report, failLevel: failLevel)
                chunkReports.append(report)
                findingCount += report.diagnostics.count
                if writeBaseline != nil, !report.diagnostics.isEmpty { baselineReports.append((report, input.absolutePath)) }
            }
            let fixes = wantsFixes ? sarifFixes(chunkReports, inputs: Array(slice), session: session, operation: requested) : [:]
            for index in sinks.indices { sinks[index].add(chunkReports, fixes: fixes) }
        }
        // The configurations' own findings (a suppression that matched nothing is known only
        // now) come after the files'.
        let configurationReports = workspace.configurationReports()
        for report in configurationReports { tally.add(report, failLevel: failLevel, counted: false) }
        for problem in plan.problems { Terminal.error("reqlint: \(problem)") }
        for index in sinks.indices {
            sinks[index].add(configurationReports)
            if let error = sinks[index].finish() {
                Terminal.error("reqlint: \(error)")
                writeFailed = true
            }
        }
        if let writeBaseline, let error = FileSystem.replace(Baseline(path: FileSystem.absolute(writeBaseline)).serialized(baselineReports), at: writeBaseline) {
            Terminal.error("reqlint: \(error)")
            writeFailed = true
        }

        if let warning = session.baselineWarning {
            Terminal.error("reqlint: warning: \(warning)")
            tally.addWarning(failLevel: failLevel)
        }
        if !quiet { Terminal.error(tally.summary(seconds: Clock.seconds(since: started))) }
        if let writeBaseline, !writeFailed, plan.problems.isEmpty, !tally.anyFailed {
            // The baseline is what was asked for: recording findings is no failure.
            if !quiet { Terminal.error("reqlint: wrote the baseline \(DisplayText.escaped(writeBaseline)) (\(findingCount) findings)") }
            return
        }
        if tally.anyFailed || !plan.problems.isEmpty || writeFailed { throw ExitCode(2) }
        if tally.atFailLevel { throw ExitCode(1) }
    }

    func render(_ format: Format, _ reports: [FileReport], failLevel: Severity, color: Bool, workspace: Workspace) -> String {
        reporter(format, failLevel: failLevel, color: color, workspace: workspace).report(reports)
    }

    /// The reporter of `format`. The formats for tools name the models that judged the files
    /// (the text formats do not, and skip the work).
    func reporter(_ format: Format, failLevel: Severity, color: Bool, workspace: Workspace) -> any StreamingReporter {
        var models: [ModelProvenance] { workspace.modelProvenance }
        switch format {
        case .text: return TextReporter(color: color)
        case .json: return JSONReporter(models: models)
        case .github: return GitHubReporter()
        case .junit: return JUnitReporter(failLevel: failLevel, models: models)
        case .sarif:
            // Every rule that can have produced a result: the bundled ones and each
            // configuration's own (`rule-paths`), once each.
            var seen = Set<RuleID>()
            var rules: [RuleDescriptor] = []
            let registries = ((try? BundledRules.registry()).map { [$0] } ?? []) + workspace.configurations.map(\.linter.registry)
            for registry in registries {
                for rule in RuleDocumentation.descriptors(registry) where seen.insert(rule.id).inserted { rules.append(rule) }
            }
            return SARIFReporter(toolVersion: ReqLint.version, workingDirectory: FileSystem.currentDirectory() + "/",
                                 rules: rules, models: models)
        }
    }
}

// MARK: --fix

extension LintSettings {
    /// `--fix`: applies the certain fixes (``Fix``) to every JSON input, for the diagnostics
    /// its configuration reports (rule settings and suppressions apply), round after round
    /// until none is left, and rewrites only files that change. A file that is not well-formed
    /// JSON is never touched. A file is replaced atomically (``FileSystem/replace(_:raw:shown:links:)``):
    /// when it cannot be written it is left as it was, the failure is reported, the other files
    /// are still fixed and the result is `false` (exit 2 at the end). With `--dry-run`, prints a
    /// unified diff instead and exits.
    func applyFixes(_ plan: (inputs: [Workspace.Input], problems: [String]), session: LintSession, operation: OperationID?) throws -> Bool {
        func note(_ text: String) { if !quiet { Terminal.error("reqlint: \(text)") } }
        func shown(_ input: Workspace.Input) -> String { DisplayText.escaped(input.path) }
        var diff = ""
        var files = 0, problems = 0, unfixable = false, writeFailed = false
        for input in plan.inputs {
            if RequestDocumentReader.isYAML(input.path) {
                note("not fixing \(shown(input)): --fix rewrites JSON files only")
                continue
            }
            if input.contents != nil, !dryRun {
                note("not fixing \(shown(input)): standard input cannot be rewritten (--fix --dry-run shows the diff)")
                continue
            }
            let bytes: [UInt8]
            if case let .success(read) = input.read() {
                bytes = read
            } else {
                unfixable = true // the lint run reports it
                continue
            }
            if RequestDocumentReader.isYAML(input.path, bytes: bytes) {
                note("not fixing \(shown(input)): --fix rewrites JSON files only")
                continue
            }
            let operation = operation ?? session.operation(for: input.absolutePath, shown: input.path, in: input.configuration)
            let outcome = Fix.fixAll(bytes, linter: input.configuration.linter, operation: operation) {
                session.configured($0, at: input.absolutePath, shown: input.path, in: input.configuration, recording: false).diagnostics
            }
            if outcome.result.status == .unparseable {
                unfixable = true
                note("not fixing \(shown(input)): it is not well-formed JSON")
                continue
            }
            guard !outcome.applied.isEmpty, outcome.bytes != bytes else { continue }
            guard String(validating: outcome.bytes, as: UTF8.self) != nil else { continue }
            files += 1
            problems += outcome.applied.count
            if dryRun {
                let name = DisplayText.escaped(input.path)
                let shown = name.hasPrefix("/") ? name : "a/" + name
                diff += UnifiedDiff.diff(old: bytes, new: outcome.bytes, oldName: shown,
                                         newName: name.hasPrefix("/") ? name : "b/" + name)
                continue
            }
            if let error = FileSystem.replace(outcome.bytes, raw: input.rawPath ?? Array(input.absolutePath.utf8), shown: input.path, links: .follow) {
                Terminal.error("reqlint: \(error); the file was left as it was")
                files -= 1
                problems -= outcome.applied.count
                writeFailed = true
                continue
            }
            for fix in outcome.applied { note("fixed \(shown(input)): \(fix.description)") }
        }
        let counted = "\(problems) problem\(problems == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
        guard dryRun else {
            if files > 0 { note("fixed \(counted)") }
            return !writeFailed
        }
        Terminal.output(DisplayText.escaped(diff, keepingNewlines: true))
        for problem in plan.problems { Terminal.error("reqlint: \(problem)") }
        note(files == 0 ? "nothing to fix (dry run)" : "would fix \(counted) (dry run: nothing written)")
        if unfixable || !plan.problems.isEmpty { throw ExitCode(2) }
        if files > 0 { throw ExitCode(1) }
        return true
    }

    /// The certain fixes of the reported files, for SARIF `fixes`: each file with an `enum` or
    /// `unknown-member` finding is linted again to find them.
    func sarifFixes(_ reports: [FileReport], inputs: [Workspace.Input], session: LintSession, operation: OperationID?) -> [String: [SARIFReporter.LocatedFix]] {
        var byPath: [String: Workspace.Input] = [:]
        for input in inputs where byPath[input.path] == nil { byPath[input.path] = input }
        var fixes: [String: [SARIFReporter.LocatedFix]] = [:]
        for report in reports where report.diagnostics.contains(where: { $0.diagnostic.rule == .enum || $0.diagnostic.rule == .unknownMember }) {
            guard let input = byPath[report.path], !RequestDocumentReader.isYAML(input.path) else { continue }
            let bytes: [UInt8]
            if case let .success(read) = input.read() {
                bytes = read
            } else {
                continue
            }
            let linter = input.configuration.linter
            let result = linter.lint(bytes, operation: operation ?? session.operation(for: input.absolutePath, shown: input.path, in: input.configuration))
            let lines = LineTable(bytes)
            let found = Fix.certainFixes(for: result, registry: linter.registry).map { SARIFReporter.LocatedFix($0, lines: lines) }
            if !found.isEmpty { fixes[report.path] = found }
        }
        return fixes
    }
}

/// A list of paths as `--files-from` reads it: NUL-separated when it holds a NUL byte (what
/// `git diff -z` and `find -print0` write), else one per line (a trailing CR dropped); empty
/// entries are skipped.
enum PathList {
    static func entries(_ bytes: [UInt8]) -> [[UInt8]] {
        let separator: UInt8 = bytes.contains(0) ? 0 : UInt8(ascii: "\n")
        return bytes.split(separator: separator, omittingEmptySubsequences: true).compactMap { entry in
            var entry = Array(entry)
            if separator != 0, entry.last == UInt8(ascii: "\r") { entry.removeLast() }
            return entry.isEmpty ? nil : entry
        }
    }
}
