import ReqLintCommandLine
import ArgumentParser
import ReqLintCore
import ReqLintReport

/// `reqlint schema`: a JSON Schema of an operation's request document, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Write a JSON Schema (draft 2020-12) of an operation's request document, for editors.",
        discussion: """
        The schema states the model's types, required members, lengths, ranges, sizes and enum values, with \
        the model's documentation as titles and descriptions. The model's patterns (Java regular expressions) \
        are given in the descriptions, not as JSON Schema patterns, and the cross-field and documented rules \
        are left to `reqlint lint`.
        """
    )

    @Option(name: .long, help: "The operation, e.g. sagemaker:CreateInferenceExperiment.")
    var operation: String?

    @Flag(name: .long, help: "Write the JSON Schema of rule files (rule-paths) instead, for editors; see docs/rule-language.md.")
    var rules = false

    @Option(name: .shortAndLong, help: "Write the schema to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if rules { return }
        guard let operation else { throw ValidationError("name an --operation, or pass --rules for the rule file schema") }
        if OperationID(operation) == nil {
            throw ValidationError("--operation takes service:Operation, e.g. sagemaker:CreateInferenceExperiment")
        }
    }

    func run() throws {
        let text: String
        if rules {
            text = RuleLanguage.jsonSchema()
        } else {
            let registry = try loadRegistry()
            text = JSONSchemaGenerator().generate(try operationModel(operation!, in: registry))
        }
        guard let output else { return Terminal.output(text) }
        do { try FileWriting.write(text, to: output) } catch {
            Terminal.error("reqlint: \(error)")
            throw ExitCode(2)
        }
    }
}

/// The model of the operation named `text`, or a message listing the known ones and exit 2.
func operationModel(_ text: String, in registry: OperationRegistry) throws -> OperationModel {
    guard let id = OperationID(text), let model = registry.operations[id] else {
        Terminal.error("reqlint: unknown operation \(text); expected one of \(registry.ids.map(\.description).joined(separator: ", "))")
        throw ExitCode(2)
    }
    return model
}
