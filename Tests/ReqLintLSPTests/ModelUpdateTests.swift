import Foundation
import ReqLintConfig
import ReqLintCore
import ReqLintImport
@testable import ReqLintLSP
import Testing

/// The language server checks against the packs `reqlint rules update` put in the user's
/// cache, exactly as the command line does (`StdioServer` loads `PackCache.user()?.registry()`).
struct LSPModelUpdateTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The committed CreateInferenceExperiment pack written back as a botocore service model,
    /// with one more value in `ProductionVariantInstanceType`.
    static func newerModel(extraInstanceType: String) throws -> Data {
        let pack = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("rules/sagemaker/CreateInferenceExperiment.json"))) as! [String: Any]
        let operation = pack["operation"] as! [String: Any]
        var shapes: [String: Any] = [:]
        for (name, value) in pack["shapes"] as! [String: [String: Any]] {
            var shape = value
            for key in ["member", "key", "value"] { if let target = shape[key] as? String { shape[key] = ["shape": target] } }
            if name == "ProductionVariantInstanceType" { shape["enum"] = (shape["enum"] as! [String]) + [extraInstanceType] }
            shapes[name] = shape
        }
        var metadata = pack["service"] as! [String: Any]
        metadata["name"] = nil
        return try JSONSerialization.data(withJSONObject: [
            "version": "2.0", "metadata": metadata, "shapes": shapes,
            "operations": [operation["name"] as! String: ["name": operation["name"]!, "http": operation["http"]!,
                                                          "input": ["shape": operation["input"]!]]],
        ] as [String: Any])
    }

    static let request = """
    {"Name":"shadow-next-gen","Type":"ShadowMode","RoleArn":"arn:aws:iam::123456789012:role/R","EndpointName":"prod",
     "ModelVariants":[{"ModelName":"m1","VariantName":"prod","InfrastructureConfig":{"InfrastructureType":"RealTimeInference",
       "RealTimeInferenceConfig":{"InstanceType":"ml.m5.xlarge","InstanceCount":1}}},
      {"ModelName":"m2","VariantName":"shadow","InfrastructureConfig":{"InfrastructureType":"RealTimeInference",
       "RealTimeInferenceConfig":{"InstanceType":"ml.q9.2xlarge","InstanceCount":1}}}],
     "ShadowModeConfig":{"SourceModelVariantName":"prod","ShadowModelVariants":[{"ShadowModelVariantName":"shadow","SamplingPercentage":10}]}}
    """

    func diagnostics(_ registry: OperationRegistry) async throws -> [JSONValue] {
        let client = try TestClient(registry: registry)
        try await client.initialize()
        let uri = "file:///tmp/shadow.json"
        client.open(uri, Self.request)
        _ = try await client.waitFor { _ in !client.publications(uri).isEmpty }
        return client.publications(uri).last?["params"]?["diagnostics"]?.arrayValue ?? []
    }

    @Test func aValueTheUpdatedModelAddsIsAnErrorBeforeAndCleanAfter() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reqlint-lsp-update-\(UUID().uuidString)")
        let modelFolder = folder.appendingPathComponent("models/sagemaker/2017-07-24")
        try FileManager.default.createDirectory(at: modelFolder, withIntermediateDirectories: true)
        let model = modelFolder.appendingPathComponent("service-2.json")
        try Self.newerModel(extraInstanceType: "ml.q9.2xlarge").write(to: model)
        let cache = PackCache(directory: folder.appendingPathComponent("cache/reqlint").path)

        let before = try await diagnostics(try cache.registry())
        #expect(before.count == 1)
        let code = before.first?["code"]
        #expect(code == .string("enum"))
        let message = before.first?["message"]?.stringValue ?? ""
        #expect(message.contains("in the model checked against (botocore 1.44.18 of 2026-12-02)"), "\(message)")
        #expect(message.contains("run `reqlint rules update` in a terminal, then restart the language server"), "\(message)")

        let outcomes = try cache.update(models: [model.path])
        #expect(outcomes.map(\.operation.description) == ["sagemaker:CreateInferenceExperiment"])
        let allSelected = outcomes.allSatisfy { $0.selected }
        #expect(allSelected)

        let registry = try cache.registry()
        #expect(registry.provenance(of: OperationID("sagemaker:CreateInferenceExperiment")!)?.origin == .cache)
        #expect(registry.provenance(of: OperationID("sagemaker:CreateInferenceRecommendationsJob")!)?.origin == .bundled)
        let after = try await diagnostics(registry)
        #expect(after.isEmpty, "\(after.map { $0.serialized() })")

        // Forgetting the selection brings the bundled pack, and the error, back.
        #expect(cache.clearSelection())
        let again = try await diagnostics(try cache.registry())
        #expect(again.count == 1)
    }

    /// A configuration's `model:` (``DocumentConfiguration/models``) takes the place of the
    /// server's packs for the documents it governs.
    @Test func aConfigurationsModelJudgesItsDocuments() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reqlint-lsp-model-\(UUID().uuidString)")
        let modelFolder = folder.appendingPathComponent("sagemaker/2017-07-24")
        try FileManager.default.createDirectory(at: modelFolder, withIntermediateDirectories: true)
        let path = modelFolder.appendingPathComponent("service-2.json")
        try Self.newerModel(extraInstanceType: "ml.q9.2xlarge").write(to: path)
        let id = OperationID("sagemaker:CreateInferenceExperiment")!
        let pack = try PackCache(directory: folder.appendingPathComponent("cache").path).pack(id, from: ServiceModelFile(path: path.path))
        let registry = OperationRegistry([try OperationModel(pack: pack)], origins: [id: .file])
        var configuration = DocumentConfiguration()
        let analyzer = DocumentAnalyzer(registry: try BundledRules.registry())
        let bundled = analyzer.analyze(Array(Self.request.utf8), syntax: .json, configuration: configuration)
        #expect(bundled.diagnostics.map(\.rule) == [.enum])
        configuration.models = DocumentConfiguration.Models(linter: Linter(registry: registry))
        let withModel = analyzer.analyze(Array(Self.request.utf8), syntax: .json, configuration: configuration)
        #expect(withModel.outcome == .checked)
        #expect(withModel.diagnostics.isEmpty, "\(withModel.diagnostics.map(\.message))")
    }
}

/// The editor lints with a configuration's own rules (`rule-paths`), as the command line does.
struct LSPRulePathsTests {
    @Test func rulePathsRulesAreReportedInTheEditor() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reqlint-lsp-rules-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("policies"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("rule-paths: [policies/]\n".utf8).write(to: folder.appendingPathComponent(".reqlint.yaml"))
        try Data("""
        {"id": "acme/kms-required", "title": "KMS key required", "severity": "error",
         "operations": ["sagemaker:CreateInferenceExperiment"], "summary": "Shadow tests encrypt with our key.",
         "source": {"document": "ACME security policy 7", "quote": "All ML storage is encrypted with a customer key."},
         "checks": [{"kind": "requires", "pointer": "/Type", "equals": "ShadowMode", "present": "/KmsKey", "message": "set KmsKey to the team's KMS key"}]}
        """.utf8).write(to: folder.appendingPathComponent("policies/kms.json"))
        let client = try TestClient()
        try await client.initialize()
        let uri = "file://" + folder.appendingPathComponent("shadow.json").path
        client.open(uri, LSPModelUpdateTests.request.replacingOccurrences(of: "ml.q9.2xlarge", with: "ml.m5.xlarge"))
        _ = try await client.waitFor { _ in !client.publications(uri).isEmpty }
        let codes = client.publications(uri).last?["params"]?["diagnostics"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(codes == ["acme/kms-required"], "\(codes)")
    }
}
