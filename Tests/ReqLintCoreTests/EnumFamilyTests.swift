@testable import ReqLintCore
import Testing

/// An `enum` finding for a value that looks newer than the model names the model and its
/// date instead of only suggesting the closest value; a typo keeps the plain message.
struct EnumFamilyTests {
    /// The bundled instance types without the ml.g7 generation: the list of botocore 1.43.11.
    static let olderInstanceTypes: [String] = {
        let registry = try! BundledRules.registry()
        let model = registry.model(OperationID("sagemaker:CreateInferenceExperiment")!)!
        return model.pack.shapes["ProductionVariantInstanceType"]!.enumValues!.filter { !$0.hasPrefix("ml.g7.") }
    }()

    @Test(arguments: [
        ("ml.g7.2xlarge", true), ("ml.g7.48xlarge", true), ("ml.zz9.xlarge", true), ("ml.p6e.4xlarge", true),
        ("ml.g5.2xlarge", false),   // known: not an error at all, and not newer
        ("ml.g5.96xlarge", false),  // a known generation with an unknown size: a typo as likely as a new size
        ("ml.m5.xlarg", false),     // an unknown size: a typo
        ("ml.g7.2xlarg", false),
        ("ML.G7.2XLARGE", false),   // letter case
        ("ml.g7.2xlarge ", false),  // a space
        ("ml.gpu.2xlarge", false),  // a generation without a number
        ("ml..2xlarge", false), ("g7.2xlarge", false), ("ml.g7", false), ("", false),
    ])
    func looksNewer(_ value: String, _ expected: Bool) {
        #expect(EnumFamily.looksNewer(value, than: Self.olderInstanceTypes) == expected)
    }

    @Test func aSmallEnumIsNoFamily() {
        #expect(!EnumFamily.looksNewer("a.b1.c", than: ["a.b.c", "a.c.c", "Default"]))
        #expect(!EnumFamily.looksNewer("Defaul7", than: ["Default", "Advanced"]))
    }

    static let shadow = """
    {"Name":"s","Type":"ShadowMode","RoleArn":"arn:aws:iam::123456789012:role/R","EndpointName":"e",
     "ModelVariants":[{"ModelName":"m1","VariantName":"a","InfrastructureConfig":{"InfrastructureType":"RealTimeInference",
       "RealTimeInferenceConfig":{"InstanceType":"ml.g8.2xlarge","InstanceCount":1}}},
      {"ModelName":"m2","VariantName":"b","InfrastructureConfig":{"InfrastructureType":"RealTimeInference",
       "RealTimeInferenceConfig":{"InstanceType":"ml.m5.xlarg","InstanceCount":1}}}],
     "ShadowModeConfig":{"SourceModelVariantName":"a","ShadowModelVariants":[{"ShadowModelVariantName":"b","SamplingPercentage":10}]}}
    """

    @Test func theFindingNamesTheModelAndItsDate() throws {
        let linter = Linter(registry: try BundledRules.registry())
        let findings = linter.lint(Array(Self.shadow.utf8)).diagnostics.filter { $0.rule == .enum }
        #expect(findings.count == 2)
        let newer = try #require(findings.first { $0.pointer.description == "/ModelVariants/0/InfrastructureConfig/RealTimeInferenceConfig/InstanceType" })
        #expect(newer.message == #"InstanceType "ml.g8.2xlarge" is not one of the 277 values of ProductionVariantInstanceType in the model checked against (botocore 1.44.18 of 2026-12-02), but looks like a newer value of the same family (closest known: "ml.g5.2xlarge"): if AWS accepts it, check against a newer model"#)
        #expect(newer.mayNeedNewerModel)
        #expect(newer.severity == .error)
        let typo = try #require(findings.first { $0.pointer.description == "/ModelVariants/1/InfrastructureConfig/RealTimeInferenceConfig/InstanceType" })
        #expect(typo.message.hasSuffix(#"did you mean "ml.m5.xlarge"?"#))
        #expect(!typo.mayNeedNewerModel)

        // A front end adds how it updates the model, to the flagged finding only.
        #expect(newer.addingModelUpdateAdvice("do X").message.hasSuffix("check against a newer model; to update the model, do X"))
        #expect(typo.addingModelUpdateAdvice("do X") == typo)
    }

    @Test func theCoreMessageNamesNoCommandLineWords() throws {
        let linter = Linter(registry: try BundledRules.registry())
        for finding in linter.lint(Array(Self.shadow.utf8)).diagnostics where finding.mayNeedNewerModel {
            #expect(!finding.message.contains("reqlint"))
            #expect(!finding.message.contains("--"))
        }
    }
}
