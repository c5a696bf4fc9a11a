import ArgumentParser
import ReqLintCore
import ReqLintImport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `reqlint rules`: list the rules, and import rule packs from a service model.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the rules, or import an operation's rule pack from a botocore service model.",
        subcommands: [List.self, Import.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rule: id, severity, source.")

        func run() throws {
            var out = ""
            for rule in RuleCatalog.modelRules {
                out += "\(rule.id.rawValue.padding(18)) \(rule.severity.rawValue.padding(8)) \(rule.title) (\(rule.source))\n"
            }
            Terminal.output(out)
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
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

enum FileWriting {
    static func write(_ text: String, to path: String) throws {
        guard let file = fopen(path, "wb") else { throw ReqLintError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { fclose(file) }
        var text = text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == text.utf8.count else { throw ReqLintError("cannot write \(path)") }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
