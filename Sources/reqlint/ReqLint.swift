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
        subcommands: [Lint.self, Rules.self, Explain.self, ConfigCommand.self, LSPCommand.self, SchemaCommand.self, SkeletonCommand.self, SendCommand.self,
                      PreflightCommand.self, VersionCommand.self],
        defaultSubcommand: Lint.self
    )

    /// Runs the command with reqlint's documented exit codes: a usage error exits 2 (not the
    /// parser's default 64), `--help` and `--version` exit 0.
    static func main() {
        ProcessStart.prepare()
        var arguments = CommandLine.arguments
        if arguments.count > 1 && arguments[1] == "send" {
            Companion.exec("reqlint-send", arguments: (2 ..< arguments.count).map(RawArguments.bytes(at:)))
        }
        if arguments.count == 1 {
            // `reqlint` alone: what `lint` (the default) takes, not the parser's complaint.
            Terminal.error("reqlint: name the request documents or folders to lint (or - for standard input)\n\n" + Lint.helpMessage(columns: 100))
            Self.exit(withError: ExitCode(2))
        }
        if arguments.count > 1 && arguments[1] == "preflight" {
            Companion.exec("reqlint-send", arguments: (1 ..< arguments.count).map(RawArguments.bytes(at:)))
        }
        if arguments.count == 2 && arguments[1] == "--version" {
            Terminal.output(versionText())
            Self.exit(withError: nil)
        }
        if arguments.count == 3, Set(arguments.dropFirst()) == ["--version", "--verbose"] {
            arguments = ["reqlint", "version"]
        }
        do {
            if let settings = lintCommand(arguments) {
                try settings.run()
            } else {
                var command = try parseAsRoot(Array(arguments.dropFirst()))
                try command.run()
            }
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
    ///
    /// The paths are kept out of ArgumentParser: it unions a set of input origins for every
    /// positional value, so N paths cost N² (8,000 paths as arguments took 1.5 s, 12 times a
    /// folder walk of the same files). ``LintArguments`` splits them off by Lint's own option
    /// table; ArgumentParser parses the options and one path, and the paths are set after.
    /// `reqlint FILE…` (lint being the default subcommand) takes the same way.
    static func lintCommand(_ arguments: [String]) -> LintSettings? {
        guard arguments.count > 1 else { return nil }
        var rest = Array(arguments.dropFirst())
        var offset = 1  // of rest[0] in the process's arguments
        if rest[0] == Lint.configuration.commandName {
            rest.removeFirst()
            offset = 2
        } else if subcommandNames.contains(rest[0]) {
            return nil
        } else if rest[0].hasPrefix("-"), rest[0] != "-",
                  !LintArguments.flags.contains(rest[0]), !LintArguments.valued.contains(String(rest[0].split(separator: "=")[0])) {
            return nil  // --help, --version, or a mistake: the whole tree says what it is
        }
        guard let split = LintArguments.split(rest) else {
            return ((try? Lint.parseAsRoot(rest)) as? Lint)?.settings
        }
        var lint: LintSettings
        let flags = Set(split.options)
        if flags.count == split.options.count, flags.isSubset(of: LintArguments.flags) {
            // Only flags, each once: no ArgumentParser at all (``LintSettings/init(flags:paths:)``).
            lint = LintSettings(flags: flags, paths: split.paths)
        } else {
            guard let parsed = (try? Lint.parseAsRoot(split.options + (split.paths.first.map { ["--", $0] } ?? []))) as? Lint else { return nil }
            lint = parsed.settings
            lint.paths = split.paths
        }
        guard (try? lint.validate()) != nil else { return nil }
        LintArguments.rawPaths = split.positions.map { RawArguments.bytes(at: offset + $0) }
        return lint
    }

    /// The names that select a subcommand rather than the default `lint`.
    static let subcommandNames: Set<String> = Set(configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"])
}
