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
        subcommands: [List.self, Import.self, Docs.self],
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

        func run() throws {
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

/// The bundled rules, or exit 2 with the reason.
func loadRegistry() throws -> OperationRegistry {
    do {
        return try BundledRules.registry()
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
