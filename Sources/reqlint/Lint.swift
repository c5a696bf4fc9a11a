import ArgumentParser
import ReqLintCore
import ReqLintReport

/// `reqlint lint`: check request documents and report what is wrong.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check request documents against their operation's model.",
        discussion: "Directories are searched for .json files. Exit codes: 0 clean, 1 errors found, 2 a file could not be read, parsed or classified, or a usage error."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @Option(name: .shortAndLong, help: "Output format: text, json or sarif.")
    var format: Format = .text

    @Option(name: .long, help: "The operation of every file (otherwise told from each file's members), e.g. sagemaker:CreateInferenceExperiment.")
    var operation: String?

    @Flag(name: .shortAndLong, help: "Do not print the summary line to standard error.")
    var quiet = false

    @Argument(help: "Request documents, or directories to search for them.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file or directory to lint") }
        if let operation, OperationID(operation) == nil {
            throw ValidationError("--operation takes service:Operation, e.g. sagemaker:CreateInferenceExperiment")
        }
    }

    func run() throws {
        let registry: OperationRegistry
        do {
            registry = try BundledRules.registry()
        } catch {
            Terminal.error("reqlint: cannot load the bundled rules: \(error)")
            throw ExitCode(2)
        }
        let requested = operation.flatMap(OperationID.init)
        if let requested, registry.operations[requested] == nil {
            Terminal.error("reqlint: unknown operation \(requested); expected one of \(registry.ids.map(\.description).joined(separator: ", "))")
            throw ExitCode(2)
        }
        let inputs = FileWalk.expand(paths)
        let linter = Linter(registry: registry)
        let reports = LintRun.run(inputs.files, linter: linter, operation: requested)
        for skipped in inputs.problems { Terminal.error("reqlint: \(skipped)") }
        let output: String
        switch format {
        case .text: output = TextReporter().report(reports)
        case .json: output = JSONReporter().report(reports)
        case .sarif: output = SARIFReporter(toolVersion: ReqLint.version, workingDirectory: FileWalk.workingDirectory(),
                                      rules: RuleDocumentation.descriptors(registry)).report(reports)
        }
        Terminal.output(output)
        let errors = reports.reduce(0) { $0 + $1.count(.error) }
        let warnings = reports.reduce(0) { $0 + $1.count(.warning) }
        if !quiet {
            let failed = reports.filter(\.failed).count
            var summary = "reqlint: \(reports.count) file\(reports.count == 1 ? "" : "s") checked, \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            if failed > 0 { summary += ", \(failed) file\(failed == 1 ? "" : "s") could not be checked" }
            Terminal.error(summary)
        }
        if reports.contains(where: \.failed) || !inputs.problems.isEmpty { throw ExitCode(2) }
        if errors > 0 { throw ExitCode(1) }
    }
}
