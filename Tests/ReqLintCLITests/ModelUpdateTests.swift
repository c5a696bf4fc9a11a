import Foundation
import Testing

/// `reqlint rules update`: a newer model file, imported into the user's pack cache, changes
/// what later runs accept; reports and `--version` say which model judged.
struct ModelUpdateTests {
    typealias CLI = CLITests

    /// The committed CreateInferenceExperiment pack written back as a botocore service model,
    /// with `extraInstanceType` added to `ProductionVariantInstanceType`: a model "newer" than
    /// the bundled one by exactly one enum value.
    static func newerModel(extraInstanceType: String) throws -> Data {
        let url = CLI.root.appendingPathComponent("rules/sagemaker/CreateInferenceExperiment.json")
        let pack = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let service = pack["service"] as! [String: Any]
        let operation = pack["operation"] as! [String: Any]
        var shapes: [String: Any] = [:]
        for (name, value) in pack["shapes"] as! [String: [String: Any]] {
            var shape = value
            for key in ["member", "key", "value"] { if let target = shape[key] as? String { shape[key] = ["shape": target] } }
            if name == "ProductionVariantInstanceType" { shape["enum"] = (shape["enum"] as! [String]) + [extraInstanceType] }
            shapes[name] = shape
        }
        var metadata = service
        metadata["name"] = nil
        let model: [String: Any] = [
            "version": "2.0", "metadata": metadata, "shapes": shapes,
            "operations": [operation["name"] as! String: ["name": operation["name"]!, "http": operation["http"]!,
                                                          "input": ["shape": operation["input"]!]]],
        ]
        return try JSONSerialization.data(withJSONObject: model)
    }

    static let request = """
    {"Name":"shadow-next-gen","Type":"ShadowMode","RoleArn":"arn:aws:iam::123456789012:role/R","EndpointName":"prod",
     "ModelVariants":[{"ModelName":"m1","VariantName":"prod","InfrastructureConfig":{"InfrastructureType":"RealTimeInference",
       "RealTimeInferenceConfig":{"InstanceType":"ml.m5.xlarge","InstanceCount":1}}},
      {"ModelName":"m2","VariantName":"shadow","InfrastructureConfig":{"InfrastructureType":"RealTimeInference",
       "RealTimeInferenceConfig":{"InstanceType":"ml.q9.2xlarge","InstanceCount":1}}}],
     "ShadowModeConfig":{"SourceModelVariantName":"prod","ShadowModelVariants":[{"ShadowModelVariantName":"shadow","SamplingPercentage":10}]}}
    """

    @Test func aNewerModelMakesANewInstanceTypeCleanAfterTheUpdate() throws {
        let directory = try CLI.temporaryDirectory([
            "models/sagemaker/2017-07-24/service-2.json": Array(try Self.newerModel(extraInstanceType: "ml.q9.2xlarge")),
            "shadow.json": Array(Self.request.utf8),
        ])
        let env = ["XDG_CACHE_HOME": directory.appendingPathComponent("cache").path]

        // Before: an error that names the bundled model and says how to update.
        let before = try CLI.run(["lint", "shadow.json"], in: directory, environment: env)
        #expect(before.status == 1)
        #expect(before.stdout.contains(#"InstanceType "ml.q9.2xlarge" is not one of the 277 values of ProductionVariantInstanceType in the model checked against (botocore 1.44.18 of 2026-12-02)"#), "\(before.stdout)")
        #expect(before.stdout.contains("run `reqlint rules update`"), "\(before.stdout)")

        let update = try CLI.run(["rules", "update", "--model", "models/sagemaker/2017-07-24/service-2.json"], in: directory, environment: env)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stderr.contains("sagemaker:CreateInferenceExperiment: now checked against"), "\(update.stderr)")
        let selection = directory.appendingPathComponent("cache/reqlint/selected.json")
        #expect(FileManager.default.fileExists(atPath: selection.path))

        // After: clean, and the reports say which model judged.
        let after = try CLI.run(["lint", "--format", "json", "shadow.json"], in: directory, environment: env)
        #expect(after.status == 0, "\(after.stdout + after.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as! [String: Any]
        let models = report["models"] as! [[String: Any]]
        let experiment = try #require(models.first { $0["operation"] as? String == "sagemaker:CreateInferenceExperiment" })
        #expect(experiment["origin"] as? String == "cache")
        #expect((experiment["sha256"] as? String)?.count == 64)
        #expect(experiment["apiVersion"] as? String == "2017-07-24")
        let cleanRooms = try #require(models.first { $0["operation"] as? String == "cleanroomsml:StartTrainedModelInferenceJob" })
        #expect(cleanRooms["origin"] as? String == "bundled")
        #expect(cleanRooms["botocore"] as? String == "1.44.18")

        let sarif = try CLI.run(["lint", "--format", "sarif", "shadow.json"], in: directory, environment: env)
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as! [String: Any]
        let run = (log["runs"] as! [[String: Any]])[0]
        let sarifModels = (run["properties"] as? [String: Any])?["models"] as? [[String: Any]] ?? []
        #expect(sarifModels.contains { $0["operation"] as? String == "sagemaker:CreateInferenceExperiment" && $0["origin"] as? String == "cache" })

        let junit = try CLI.run(["lint", "--format", "junit", "shadow.json"], in: directory, environment: env)
        #expect(junit.stdout.contains(#"<property name="model sagemaker:CreateInferenceExperiment" value="sagemaker/2017-07-24/service-2.json sha256 "#), "\(junit.stdout)")
        #expect(junit.stdout.contains(#"<property name="model cleanroomsml:StartTrainedModelInferenceJob" value="botocore 1.44.18, 2026-12-02 (bundled)"#))

        let version = try CLI.run(["--version"], in: directory, environment: env)
        #expect(version.stdout.hasPrefix("0.1.0\n"))
        #expect(version.stdout.contains("sagemaker:CreateInferenceExperiment: sagemaker/2017-07-24/service-2.json sha256"), "\(version.stdout)")
        #expect(version.stdout.contains("(cache)"))
        #expect(version.stdout.contains("cleanroomsml:StartTrainedModelInferenceJob: botocore 1.44.18, 2026-12-02 (bundled)"))

        // Reset: back to the bundled packs.
        #expect(try CLI.run(["rules", "update", "--reset"], in: directory, environment: env).status == 0)
        #expect(try CLI.run(["lint", "shadow.json"], in: directory, environment: env).status == 1)
    }

    @Test func aModelWithoutTheOperationsIsRefused() throws {
        let directory = try CLI.temporaryDirectory([
            "models/sagemaker/2017-07-24/service-2.json": Array(#"{"metadata":{},"operations":{},"shapes":{}}"#.utf8),
        ])
        let env = ["XDG_CACHE_HOME": directory.appendingPathComponent("cache").path]
        let update = try CLI.run(["rules", "update", "--model", "models/sagemaker/2017-07-24/service-2.json"], in: directory, environment: env)
        #expect(update.status == 2)
        #expect(update.stderr.contains("has none of the operations reqlint checks"), "\(update.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("cache/reqlint/selected.json").path))
    }

    @Test func bundledVersionShowsEveryOperationsModel() throws {
        let env = ["XDG_CACHE_HOME": FileManager.default.temporaryDirectory.appendingPathComponent("reqlint-empty-\(UUID().uuidString)").path]
        let version = try CLI.run(["--version"], environment: env)
        #expect(version.status == 0)
        for operation in ["cleanroomsml:StartTrainedModelInferenceJob", "sagemaker:CreateInferenceExperiment", "sagemaker:CreateInferenceRecommendationsJob"] {
            #expect(version.stdout.contains("\(operation): botocore 1.44.18, 2026-12-02 (bundled)"), "\(version.stdout)")
        }
    }
}
