import ArgumentParser
import ReqLintCommandLine

/// The `reqlint` command.
@main
struct ReqLint: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "reqlint",
        abstract: "Catch bad AWS API request documents (aws ... --cli-input-json) before they are sent.",
        discussion: """
        Operations: sagemaker:CreateInferenceRecommendationsJob, sagemaker:CreateInferenceExperiment, \
        cleanroomsml:StartTrainedModelInferenceJob.

        Exit codes: 0 no errors; 1 errors found; 2 usage error, or a file that could not be read, \
        parsed or classified (every other file is still checked and reported).
        """,
        version: version,
        subcommands: [Lint.self, Rules.self, Explain.self, ConfigCommand.self, LSPCommand.self, SchemaCommand.self, SkeletonCommand.self, SendCommand.self, PreflightCommand.self],
        defaultSubcommand: Lint.self
    )

    /// Runs the command with reqlint's documented exit codes: a usage error exits 2 (not the
    /// parser's default 64), `--help` and `--version` exit 0.
    static func main() {
        let arguments = CommandLine.arguments
        if arguments.count > 1 && arguments[1] == "send" {
            Companion.exec("reqlint-send", arguments: Array(arguments.dropFirst(2)))
        }
        if arguments.count > 1 && arguments[1] == "preflight" {
            Companion.exec("reqlint-send", arguments: Array(arguments.dropFirst(1)))
        }
        if arguments.count == 2 && arguments[1] == "--version" {
            Terminal.output(versionText())
            Self.exit(withError: nil)
        }
        do {
            var command: any ParsableCommand = try lintCommand(arguments) ?? parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Self.exit(withError: code)
        } catch {
            if exitCode(for: error) == .success { Self.exit(withError: error) }
            Terminal.error(fullMessage(for: error))
            Self.exit(withError: ExitCode(2))
        }
    }

    /// The version, then the model each operation is checked against (bundled, or selected by
    /// `reqlint rules update`).
    static func versionText() -> String {
        var text = version + "\n"
        guard let registry = try? loadEffectiveRegistry() else { return text }
        for entry in registry.provenance {
            text += "\(entry.operation): \(entry.summary) (\(entry.origin.rawValue)), \(entry.model) sha256 \(entry.sha256)\n"
        }
        return text
    }

    /// `reqlint lint ARGUMENTS`, parsed as the `lint` command alone, or `nil` when that fails.
    ///
    /// Parsing `reqlint lint FILE` through the whole command tree runs about 4.7 million
    /// instructions more than parsing `FILE` as `Lint` alone (a third of ArgumentParser's
    /// work): for every question about the default subcommand (does `lint` capture the
    /// remaining arguments?) ArgumentParser reflects over all of `Lint`'s options again.
    /// Arguments that parse as `Lint` alone parse the same way under `reqlint`, whose own
    /// options are only ArgumentParser's built-in ones (help, version, completion scripts),
    /// and those make parsing `Lint` alone throw. Whatever throws, a usage error or a request
    /// for help, returns `nil` and is parsed again through the whole tree, so help, messages
    /// and exit codes stay those of `reqlint lint`.
    static func lintCommand(_ arguments: [String]) -> Lint? {
        guard arguments.count > 1 && arguments[1] == Lint.configuration.commandName else { return nil }
        return (try? Lint.parseAsRoot(Array(arguments.dropFirst(2)))) as? Lint
    }
}
