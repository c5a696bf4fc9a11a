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
        subcommands: [Lint.self, Rules.self, Explain.self, ConfigCommand.self, LSPCommand.self, SchemaCommand.self, SkeletonCommand.self, SendCommand.self],
        defaultSubcommand: Lint.self
    )

    /// Runs the command with reqlint's documented exit codes: a usage error exits 2 (not the
    /// parser's default 64), `--help` and `--version` exit 0.
    static func main() {
        let arguments = CommandLine.arguments
        if arguments.count > 1 && arguments[1] == "send" {
            Companion.exec("reqlint-send", arguments: Array(arguments.dropFirst(2)))
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
}
