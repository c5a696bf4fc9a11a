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

    @Test(.enabled(if: botocoreData != nil, "botocore is not installed (pip install botocore==1.44.18, the version scripts/bootstrap pins); the packs cannot be compared with the model"),
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

    /// botocore 1.43.13 added `mlModelInferencePayerAccountId`, which the overlay used to add:
    /// the model now defines it (no overlay source), and the overlay records when it caught up.
    @Test func payerAccountComesFromTheModel() throws {
        let registry = try BundledRules.registry()
        let model = try #require(registry.operations[OperationID("cleanroomsml:StartTrainedModelInferenceJob")!])
        let member = try #require(model.inputShape.members.first { $0.name == "mlModelInferencePayerAccountId" })
        #expect(member.shape == "AccountId")
        #expect(member.source == nil)
        #expect(!model.inputShape.required.contains("mlModelInferencePayerAccountId"))
        let overlay = try #require(try BundledRules.overlays()[OperationID("cleanroomsml:StartTrainedModelInferenceJob")!])
        #expect(overlay.caughtUp.map(\.name) == ["mlModelInferencePayerAccountId"])
        #expect(overlay.caughtUp.first?.since == "botocore 1.43.13")
    }

    /// The linter compiles a bundled pack's patterns at their first match: here every one is
    /// compiled now, so none can fail then.
    @Test func everyBundledPatternCompiles() throws {
        var patterns = 0
        for pack in try BundledRules.packs() {
            _ = try OperationModel(pack: pack)
            for shape in pack.shapes.values where shape.pattern != nil {
                #expect(throws: Never.self) { try CompiledPattern(java: shape.pattern!) }
                patterns += 1
            }
        }
        #expect(patterns > 20)
    }

    /// A deferred pattern that does not compile leaves its values unchecked, never passed.
    @Test func aDeferredPatternThatDoesNotCompileChecksNothing() {
        let broken = CompiledPattern(deferringJava: "[a-")
        guard case let .limitExceeded(reason) = broken.matches("abc") else {
            Issue.record("a pattern that does not compile must not match or fail to match")
            return
        }
        #expect(reason.contains("[a-"), "\(reason)")
        #expect(CompiledPattern(deferringJava: "[a-c]+").matches("abc") == .match)
        #expect(CompiledPattern(deferringJava: "[a-c]+").matches("abd") == .noMatch)
    }

    /// The packs the linter compiles are generated as Swift values (``BundledRuleFiles/pack(_:)``):
    /// each must be exactly what its embedded JSON file reads as, member order and all.
    @Test func eachPackAsSwiftValuesIsItsJSONFile() throws {
        #expect(BundledRuleFiles.operations.count == 3)
        for file in BundledRuleFiles.operations {
            let embedded = try #require(BundledRuleFiles.files.first { $0.path == file.path })
            let document = JSONParser.parse(embedded.contents)
            let fromJSON = try OperationPack(json: document.value(at: document.root!))
            let generated = try #require(BundledRuleFiles.pack(file.path))
            #expect(generated == fromJSON, "\(file.path): rerun scripts/embed-rules")
            for (name, shape) in fromJSON.shapes {
                #expect(generated.shapes[name]?.members.map(\.name) == shape.members.map(\.name), "\(file.path) \(name)")
            }
        }
    }

    /// The overlays keep only what the generated packs still lack: an added member or prose
    /// enum the model now defines must move to `inModel`, and every `inModel` entry must be in
    /// the model.
    @Test func overlaysHoldOnlyWhatTheModelLacks() throws {
        let overlays = try BundledRules.overlays()
        for file in BundledRuleFiles.operations {
            let generated = try #require(BundledRuleFiles.files.first { $0.path == file.path })
            let document = JSONParser.parse(generated.contents)
            let pack = try OperationPack(json: document.value(at: document.root!))
            guard let overlay = overlays[pack.id] else { continue }
            for added in overlay.members {
                let members = pack.shapes[added.structure]?.members.map(\.name) ?? []
                #expect(!members.contains(added.member.name),
                        "\(pack.id): the model now defines \(added.structure).\(added.member.name); move it to inModel with the botocore version")
            }
            for prose in overlay.enums {
                let structure = try #require(pack.shapes[prose.structure])
                let shape = try #require(structure.members.first { $0.name == prose.member }.flatMap { pack.shapes[$0.shape] })
                #expect(shape.enumValues == nil, "\(pack.id): the model now has an enum for \(prose.structure).\(prose.member)")
            }
            for entry in overlay.caughtUp {
                #expect(pack.shapes[entry.structure]?.members.contains { $0.name == entry.name } == true,
                        "\(pack.id): inModel names \(entry.structure).\(entry.name), which the model lacks")
            }
        }
    }

    @Test func everyPackHasProvenance() throws {
        for pack in try BundledRules.packs() {
            #expect(pack.provenance.sha256.count == 64)
            #expect(pack.provenance.model.hasSuffix("/service-2.json"))
            #expect(pack.provenance.generator == "reqlint rules import")
            #expect(pack.provenance.botocore == "1.44.18", "the packs come from the botocore scripts/bootstrap pins")
            #expect(pack.provenance.date?.count == 10)
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
