import Foundation
@testable import ReqLintConfig
import ReqLintCore
import Testing

/// The user's pack cache: where it is, what counts as newer, and that a stored pack is read
/// back and selected.
struct PackCacheTests {
    @Test func followsXDG() {
        func directory(_ env: [String: String]) -> String? { PackCache.user(environment: { env[$0] })?.directory }
        #expect(directory(["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"]) == "/x/cache/reqlint")
        #expect(directory(["XDG_CACHE_HOME": "relative", "HOME": "/home/u"]) == "/home/u/.cache/reqlint")
        #expect(directory(["HOME": "/home/u"]) == "/home/u/.cache/reqlint")
        #expect(directory([:]) == nil)
    }

    static func provenance(_ botocore: String?, _ date: String?, sha: String = "a") -> ModelProvenance {
        ModelProvenance(operation: OperationID("sagemaker:CreateInferenceExperiment")!, apiVersion: "2017-07-24",
                        model: "sagemaker/2017-07-24/service-2.json", sha256: sha, botocore: botocore, date: date, origin: .cache)
    }

    @Test func newerByReleaseThenByDate() {
        let bundled = Self.provenance("1.44.18", "2026-12-02", sha: "b")
        #expect(Self.provenance("1.44.19", nil).isNewer(than: bundled))
        #expect(Self.provenance("1.45.0", nil).isNewer(than: bundled))
        #expect(!Self.provenance("1.44.9", "2027-01-01").isNewer(than: bundled), "releases compare numerically, before dates")
        #expect(!Self.provenance("1.43.11", nil).isNewer(than: bundled))
        #expect(!Self.provenance("1.44.18", nil).isNewer(than: bundled))
        #expect(Self.provenance(nil, "2026-12-09").isNewer(than: bundled))
        #expect(!Self.provenance(nil, "2026-05-19").isNewer(than: bundled))
        #expect(Self.provenance(nil, nil).isNewer(than: bundled), "a model file of unknown age was chosen on purpose")
        #expect(!Self.provenance(nil, nil, sha: "b").isNewer(than: bundled), "the same model is not newer")
    }

    @Test func storedPacksAreSelectedAndReadBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reqlint-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = PackCache(directory: folder)
        #expect(cache.selection().isEmpty)
        let bundled = try BundledRules.packs().first { $0.id == OperationID("sagemaker:CreateInferenceExperiment")! }!
        var pack = try #require(try BundledRules.packs().first { $0.id == bundled.id })
        pack.provenance = .init(model: pack.provenance.model, sha256: String(repeating: "c", count: 64), generator: "test", botocore: "9.0.0")
        pack.shapes["ProductionVariantInstanceType"]!.enumValues!.append("ml.q9.2xlarge")
        try cache.store(pack)
        try cache.select([(pack, ["Name", "Type"])])
        // Written through a temporary file and a rename: nothing else is left in the folders.
        let packFolder = folder + "/packs/" + String(repeating: "c", count: 64) + "/sagemaker"
        #expect(try FileManager.default.contentsOfDirectory(atPath: packFolder) == ["CreateInferenceExperiment.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["packs", "selected.json"])

        let selected = try #require(cache.selection()[pack.id])
        #expect(selected.provenance.botocore == "9.0.0")
        #expect(selected.inputMembers == ["Name", "Type"])
        let registry = try cache.registry()
        #expect(registry.provenance(of: pack.id)?.origin == .cache)
        let model = try #require(registry.model(pack.id))
        #expect(model.pack.shapes["ProductionVariantInstanceType"]?.enumValues?.last == "ml.q9.2xlarge")
        #expect(registry.provenance(of: OperationID("cleanroomsml:StartTrainedModelInferenceJob")!)?.origin == .bundled)

        #expect(cache.clearSelection())
        #expect(try cache.registry().provenance(of: pack.id)?.origin == .bundled)
    }
}
