import Foundation
import ReqLintCore
@testable import ReqLintLSP
import Testing

/// The language server reads `.reqlint.yaml` as the command line does, and reads it again
/// when it changes.
struct ConfigurationCacheTests {
    @Test func appliesAndReloadsTheConfiguration() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reqlint-lsp-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let config = directory.appendingPathComponent(".reqlint.yaml")
        try """
        rules:
          enum: off
          sagemaker/job-duration-max: warning
        operations:
          "shadow/*.json": sagemaker:CreateInferenceExperiment
        suppressions:
          - files: "shadow/*.json"
            rule: range
            pointer: /X
            reason: test
        """.write(to: config, atomically: true, encoding: .utf8)
        let cache = ConfigurationCache()
        let file = directory.appendingPathComponent("shadow/a b.json").path
        let uri = "file://" + file.replacingOccurrences(of: " ", with: "%20")
        #expect(ConfigurationCache.filePath(fromURI: uri) == file)
        let first = cache.configuration(for: file)
        #expect(first.disabledRules == [RuleID("enum")])
        #expect(first.severities[RuleID("sagemaker/job-duration-max")] == .warning)
        #expect(first.operation == OperationID("sagemaker:CreateInferenceExperiment"))
        #expect(first.suppressions == [DocumentConfiguration.Suppressed(rule: "range", pointer: JSONPointer("/X"))])

        Thread.sleep(forTimeInterval: 0.02)
        try "rules:\n  range: off\n".write(to: config, atomically: true, encoding: .utf8)
        let second = cache.configuration(for: file)
        #expect(second.disabledRules == [RuleID("range")])
        #expect(second.operation == nil)
    }

    /// The editor lints through the command line's LintSession: the configuration's baseline
    /// accepts what it lists, as `reqlint lint` does.
    @Test func theBaselineAppliesInTheEditor() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reqlint-lsp-baseline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try "baseline: base.json\n".write(to: directory.appendingPathComponent(".reqlint.yaml"), atomically: true, encoding: .utf8)
        try #"{"version": 2, "findings": [{"path": "job.json", "rule": "enum", "pointer": "/JobType", "message": "m"}]}"#
            .write(to: directory.appendingPathComponent("base.json"), atomically: true, encoding: .utf8)
        let text = #"{"JobName": "j", "JobType": "default", "RoleArn": "arn:aws:iam::123456789012:role/R", "InputConfig": {}}"#
        let analyzer = DocumentAnalyzer(registry: try BundledRules.registry())
        let cache = ConfigurationCache(registry: analyzer.registry)
        for name in ["job.json", "other.json"] {
            let configuration = cache.configuration(for: directory.appendingPathComponent(name).path)
            // Linted twice: each lint starts from the whole baseline.
            for _ in 0 ..< 2 {
                let analysis = analyzer.analyze(Array(text.utf8), syntax: .json, configuration: configuration)
                #expect(analysis.diagnostics.map(\.rule) == (name == "job.json" ? [] : [.enum]), "\(name)")
            }
        }
    }
}
