import ReqLintCommandLine
import ArgumentParser
import ReqLintConfig
import ReqLintCore
import ReqLintImport
import ReqLintReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `reqlint rules`: list the rules, and import rule packs from a service model.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules, or import an operation's rule pack from a botocore service model.",
        subcommands: [List.self, Import.self, Update.self, Docs.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every rule: id, severity, source.")

        func run() throws {
            let registry = try loadRegistry()
            var out = ""
            for rule in RuleDocumentation.descriptors(registry) {
                out += "\(rule.id.rawValue.padding(46)) \(rule.severity.rawValue.padding(8)) \(rule.title)\n"
                out += String(repeating: " ", count: 56) + "source: \(rule.source)\n"
            }
            Terminal.output(out)
        }
    }

    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "docs",
            abstract: "Print the rule documentation (docs/rules.md), or with --table the README's rules table."
        )

        @Flag(help: "Print the README's rules table instead.")
        var table = false

        @Flag(help: "Print the rule language's documentation (docs/rule-language.md) instead.")
        var language = false

        func run() throws {
            if language { return Terminal.output(RuleLanguage.markdown()) }
            let registry = try loadRegistry()
            Terminal.output(table ? RuleDocumentation.table(registry)
                                  : RuleDocumentation.markdown(registry, bases: try BundledRules.exampleBases()))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Write rules/<service>/<Operation>.json from a botocore service-2.json[.gz]."
        )

        @Option(help: "The botocore model: .../botocore/data/<service>/<version>/service-2.json[.gz].")
        var model: String

        @Option(help: "The operation name, e.g. CreateInferenceRecommendationsJob.")
        var operation: String

        @Option(help: "The service name, if the model's path does not show it (e.g. sagemaker).")
        var service: String?

        @Option(help: "The folder that holds the packs.")
        var output: String = "rules"

        func run() throws {
            do {
                let file = try ServiceModelFile(path: model)
                let pack = try PackImporter.importPack(from: file, operation: operation, service: service)
                _ = try OperationModel(pack: pack)
                let directory = output + "/" + pack.id.service
                mkdir(output, 0o755)
                mkdir(directory, 0o755)
                let path = directory + "/" + pack.id.name + ".json"
                try FileWriting.write(pack.jsonValue().serialized(pretty: true), to: path)
                Terminal.error("reqlint: wrote \(path) (\(pack.shapes.count) shapes, model sha256 \(pack.provenance.sha256))")
            } catch let error as ReqLintError {
                Terminal.error("reqlint: \(error.message)")
                throw ExitCode(2)
            }
        }
    }
}

extension Rules {
    /// `reqlint rules update`: imports the operations from a newer botocore model into the
    /// user's pack cache, where every later run (and the language server) takes them from.
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Check against a newer botocore: import the operations from the installed botocore (or --model files) into the user's pack cache.",
            discussion: """
            Later runs of reqlint and of the language server use a cached pack instead of the bundled one \
            as long as it is newer than the bundled model. The cache is $XDG_CACHE_HOME/reqlint \
            (default ~/.cache/reqlint). Without --model, the models come from the botocore that \
            `python3 -c "import botocore"` finds.
            """
        )

        @Option(name: .customLong("model"), help: "A botocore service-2.json[.gz] (repeatable); default: the installed botocore's models.")
        var models: [String] = []

        @Flag(help: "Forget the selection: use the bundled packs again.")
        var reset = false

        func run() throws {
            guard let cache = PackCache.user() else {
                Terminal.error("reqlint: no cache folder: set XDG_CACHE_HOME or HOME")
                throw ExitCode(2)
            }
            if reset {
                _ = cache.clearSelection()
                Terminal.error("reqlint: using the bundled packs again (\(cache.directory))")
                return
            }
            let bundled = try loadRegistry()
            var paths = models.map { FileSystem.absolute($0) }
            if paths.isEmpty {
                guard let data = InstalledBotocore.dataFolder() else {
                    Terminal.error("reqlint: botocore is not installed for python3; pass --model PATH/service-2.json.gz")
                    throw ExitCode(2)
                }
                let folders = Set(bundled.provenance.map { $0.model.split(separator: "/").dropLast().joined(separator: "/") })
                paths = folders.sorted().map { "\(data)/\($0)/service-2.json.gz" }
            }
            var outcomes: [PackCache.UpdateOutcome]
            var failed = false
            do {
                outcomes = try cache.update(models: paths)
            } catch let error as PackCache.UpdateError {
                outcomes = error.outcomes
                for problem in error.problems { Terminal.error("reqlint: \(problem)") }
                failed = true
            } catch {
                Terminal.error("reqlint: \(error)")
                throw ExitCode(2)
            }
            for outcome in outcomes {
                if outcome.selected {
                    Terminal.error("reqlint: \(outcome.operation): now checked against \(outcome.imported.summary) (bundled: \(outcome.bundled.summary))")
                } else {
                    Terminal.error("reqlint: \(outcome.operation): \(outcome.imported.summary) is not newer than the bundled \(outcome.bundled.summary); keeping the bundled pack")
                }
            }
            if outcomes.contains(where: \.selected) {
                Terminal.error("reqlint: cached in \(cache.directory); `reqlint rules update --reset` goes back to the bundled packs")
            }
            if failed { throw ExitCode(2) }
        }
    }
}

/// The botocore package that `python3` imports.
enum InstalledBotocore {
    /// Its `data` folder, or `nil` when python3 or botocore is missing.
    static func dataFolder() -> String? {
        guard let pipe = popen("python3 -c 'import botocore,os;print(os.path.dirname(botocore.__file__))' 2>/dev/null", "r") else { return nil }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, pipe)
            if n <= 0 { break }
            output += buffer[0 ..< n]
        }
        guard pclose(pipe) == 0 else { return nil }
        let path = String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        return path.isEmpty ? nil : path + "/data"
    }
}

/// The bundled rules, or exit 2 with the reason.
func loadRegistry() throws -> OperationRegistry {
    do {
        return try BundledRules.registry()
    } catch {
        Terminal.error("reqlint: cannot load the bundled rules: \(error)")
        throw ExitCode(2)
    }
}

/// The rules later runs use: the bundled ones, or the newer packs `reqlint rules update`
/// selected; or exit 2 with the reason.
func loadEffectiveRegistry() throws -> OperationRegistry {
    do {
        return try PackCache.user()?.registry() ?? BundledRules.registry()
    } catch {
        Terminal.error("reqlint: cannot load the bundled rules: \(error)")
        throw ExitCode(2)
    }
}

/// `reqlint explain RULE`: a rule's documentation, source and examples.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a rule: what it checks, the sentence it comes from, examples.")

    @Argument(help: "A rule id, e.g. sagemaker/phase-initial-users or enum.")
    var rule: String

    func run() throws {
        let registry = try loadRegistry()
        guard let text = RuleDocumentation.explain(rule, registry: registry, bases: try BundledRules.exampleBases()) else {
            let ids = RuleDocumentation.descriptors(registry).map(\.id.rawValue)
            let near = ids.filter { $0.contains(rule) || rule.contains($0.split(separator: "/").last.map(String.init) ?? $0) }
            Terminal.error("reqlint: no rule \(rule)" + (near.isEmpty ? "; see `reqlint rules`" : "; did you mean \(near.joined(separator: ", "))?"))
            throw ExitCode(2)
        }
        Terminal.output(text)
    }
}

enum FileWriting {
    /// Replaces the file at `path` atomically (``FileSystem/replace(_:raw:shown:links:)``).
    static func write(_ text: String, to path: String) throws {
        if let error = FileSystem.replace(text, at: path) { throw ReqLintError(error.description) }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
