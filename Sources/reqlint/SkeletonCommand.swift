import ReqLintCommandLine
import ArgumentParser
import ReqLintCore
import ReqLintReport

/// `reqlint skeleton`: a request document to fill in, like `aws … --generate-cli-skeleton input`.
struct SkeletonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skeleton",
        abstract: "Print a request document to fill in, with placeholders that say what to write.",
        discussion: """
        Every member in model order (with --minimal only the required ones, at every depth). String \
        placeholders give their length and pattern, enums their values; numbers are 0 or their minimum, \
        booleans false, lists hold one element and maps one example entry.
        """
    )

    @Option(name: .long, help: "The operation, e.g. sagemaker:CreateInferenceRecommendationsJob.")
    var operation: String

    @Flag(name: .long, help: "Only the required members, recursively.")
    var minimal = false

    func validate() throws {
        if OperationID(operation) == nil {
            throw ValidationError("--operation takes service:Operation, e.g. sagemaker:CreateInferenceExperiment")
        }
    }

    func run() throws {
        let registry = try loadRegistry()
        let model = try operationModel(operation, in: registry)
        Terminal.output(SkeletonGenerator(minimal: minimal).generate(model))
    }
}
