import ArgumentParser
import ReqLintCommandLine
import ReqLintCore

/// The `reqlint` command.
@main
struct ReqLint: ParsableCommand {
    static var version: String { BuildInfo.version }

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
        subcommands: [Lint.self, Rules.self, Explain.self, ConfigCommand.self, LSPCommand.self, SchemaCommand.self, SkeletonCommand.self, SendCommand.self, VersionCommand.self],
        defaultSubcommand: Lint.self
    )

    /// Runs the command with reqlint's documented exit codes: a usage error exits 2 (not the
    /// parser's default 64), `--help` and `--version` exit 0.
    static func main() {
        var arguments = CommandLine.arguments
        if arguments.count > 1 && arguments[1] == "send" {
            Companion.exec("reqlint-send", arguments: Array(arguments.dropFirst(2)))
        }
        if Set(arguments.dropFirst()) == ["--version", "--verbose"] {
            arguments = ["reqlint", "version"]
        }
        do {
            var command: any ParsableCommand = try lintCommand(arguments) ?? parseAsRoot(Array(arguments.dropFirst()))
            try command.run()
        } catch let code as ExitCode {
            Self.exit(withError: code)
        } catch {
            if exitCode(for: error) == .success { Self.exit(withError: error) }
            Terminal.error(fullMessage(for: error))
            Self.exit(withError: ExitCode(2))
        }
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
