/// The rule packs built into reqlint (generated from `rules/` into ``BundledRuleFiles``).
public enum BundledRules {
    /// The bundled packs with their overlays merged, compiled once per process.
    public static func registry() throws -> OperationRegistry {
        try cached.get()
    }

    private static let cached: Result<OperationRegistry, any Error> = Result {
        try OperationRegistry(packs().map(OperationModel.init(pack:)))
    }

    /// The bundled packs, overlays applied.
    public static func packs() throws -> [OperationPack] {
        var packs: [OperationPack] = []
        var overlays: [OperationID: Overlay] = [:]
        for file in BundledRuleFiles.files {
            let document = JSONParser.parse(file.contents)
            guard let root = document.root else {
                throw ReqLintError("\(file.path): \(document.syntaxError?.message ?? "not JSON")")
            }
            let value = document.value(at: root)
            if file.path.hasSuffix(".overlay.json") {
                let overlay = try Overlay(json: value)
                overlays[overlay.operation] = overlay
            } else {
                packs.append(try OperationPack(json: value))
            }
        }
        return try packs.map { pack in try overlays[pack.id]?.applied(to: pack) ?? pack }
    }
}
