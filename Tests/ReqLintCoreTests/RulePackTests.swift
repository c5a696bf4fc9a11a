import Foundation
@testable import ReqLintCore
import ReqLintImport
import Testing

/// The committed packs are exactly what `reqlint rules import` makes of the installed botocore
/// models, and the binary embeds exactly the committed files.
struct RulePackTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let operations: [(service: String, version: String, operation: String)] = [
        ("sagemaker", "2017-07-24", "CreateInferenceRecommendationsJob"),
        ("sagemaker", "2017-07-24", "CreateInferenceExperiment"),
        ("cleanroomsml", "2023-09-06", "StartTrainedModelInferenceJob"),
    ]

    /// botocore's data folder, from the installed Python package, or `nil`.
    static let botocoreData: String? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let path = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : path + "/data"
    }()

    @Test(.enabled(if: botocoreData != nil, "botocore is not installed (pip install botocore==1.43.11); the packs cannot be compared with the model"),
          arguments: operations.map { "\($0.service)/\($0.version)/\($0.operation)" })
    func committedPackEqualsImport(_ id: String) throws {
        let parts = id.split(separator: "/").map(String.init)
        let modelPath = "\(Self.botocoreData!)/\(parts[0])/\(parts[1])/service-2.json.gz"
        let model = try ServiceModelFile(path: modelPath)
        let imported = try PackImporter.importPack(from: model, operation: parts[2])
        let committed = try String(contentsOf: Self.root.appendingPathComponent("rules/\(parts[0])/\(parts[2]).json"), encoding: .utf8)
        #expect(imported.jsonValue().serialized(pretty: true) == committed,
                "rules/\(parts[0])/\(parts[2]).json is not what the importer makes of \(modelPath): rerun `reqlint rules import` (scripts/generate-rules)")
    }

    @Test func embeddedFilesEqualCommittedFiles() throws {
        var onDisk: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: Self.root.appendingPathComponent("rules").path)
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".json") { onDisk.append("rules/" + path) }
        }
        #expect(Set(onDisk) == Set(BundledRuleFiles.files.map(\.path)), "run scripts/embed-rules")
        for file in BundledRuleFiles.files {
            let text = try String(contentsOf: Self.root.appendingPathComponent(file.path), encoding: .utf8)
            #expect(text == file.contents, "\(file.path) differs from the embedded copy: run scripts/embed-rules")
        }
    }

    /// The registry compiles each bundled operation on first use from the generated list of
    /// operations: that list must name every pack with its input's members (overlay included),
    /// and the model compiled lazily must be the one built from `packs()`.
    @Test func lazilyCompiledOperationsMatchThePacks() throws {
        let packs = try BundledRules.packs()
        #expect(Set(BundledRuleFiles.operations.map(\.id)) == Set(packs.map(\.id.description)), "run scripts/embed-rules")
        let registry = try BundledRules.registry()
        for pack in packs {
            let entry = try #require(BundledRuleFiles.operations.first { $0.id == pack.id.description })
            let input = try #require(pack.shapes[pack.input])
            #expect(entry.inputMembers == input.members.map(\.name), "run scripts/embed-rules")
            #expect(registry.model(pack.id)?.pack == pack)
        }
        #expect(registry.ids == packs.map(\.id).sorted())
    }

    @Test func packsRoundTripThroughTheirDataForm() throws {
        for pack in try BundledRules.packs() {
            let text = pack.jsonValue().serialized(pretty: true)
            let document = JSONParser.parse(text)
            #expect(try OperationPack(json: document.value(at: document.root!)) == pack)
        }
    }

    @Test func overlayAddsPayerAccountWithSource() throws {
        let registry = try BundledRules.registry()
        let model = try #require(registry.operations[OperationID("cleanroomsml:StartTrainedModelInferenceJob")!])
        let member = try #require(model.inputShape.members.first { $0.name == "mlModelInferencePayerAccountId" })
        #expect(member.shape == "AccountId")
        #expect(member.source?.contains("https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_StartTrainedModelInferenceJob.html") == true)
        #expect(!model.inputShape.required.contains("mlModelInferencePayerAccountId"))
    }

    @Test func everyPackHasProvenance() throws {
        for pack in try BundledRules.packs() {
            #expect(pack.provenance.sha256.count == 64)
            #expect(pack.provenance.model.hasSuffix("/service-2.json"))
            #expect(pack.provenance.generator == "reqlint rules import")
        }
    }

    @Test func operationDetection() throws {
        let registry = try BundledRules.registry()
        func detect(_ text: String) -> OperationRegistry.Detection { registry.detect(JSONParser.parse(text)) }
        #expect(detect(#"{"JobName":"a","JobType":"Default"}"#) == .operation(OperationID("sagemaker:CreateInferenceRecommendationsJob")!))
        #expect(detect(#"{"Name":"a","ShadowModeConfig":{}}"#) == .operation(OperationID("sagemaker:CreateInferenceExperiment")!))
        #expect(detect(#"{"membershipIdentifier":"x","Name":"n","trainedModelArn":"a"}"#) == .operation(OperationID("cleanroomsml:StartTrainedModelInferenceJob")!))
        #expect(detect(#"{"jobname":"a","jobtype":"Default"}"#) == .operation(OperationID("sagemaker:CreateInferenceRecommendationsJob")!))
        #expect(detect(#"{"RoleArn":"a","Tags":[]}"#) == .ambiguous([OperationID("sagemaker:CreateInferenceExperiment")!, OperationID("sagemaker:CreateInferenceRecommendationsJob")!]))
        #expect(detect("{}") == .unknown)
        #expect(detect(#"{"Unrelated":1}"#) == .unknown)
        #expect(detect(#"{"name":"not-a-request"}"#) == .unknown)
        #expect(detect(#"{"name":"x","version":"1.0.0","private":true}"#) == .unknown)
    }
}
