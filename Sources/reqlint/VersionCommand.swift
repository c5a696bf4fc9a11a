import ArgumentParser
import ReqLintCommandLine
import ReqLintCore

/// `reqlint version` (also `reqlint --version --verbose`): the version, the commit it was built
/// from, and the provenance of every bundled service model, so that a user can tell which
/// verdicts they got. The provenance comes from each bundled pack's `provenance` block.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version, the commit it was built from and the bundled service models' provenance."
    )

    /// The botocore release the bundled packs were imported from, when a pack does not name it:
    /// the one scripts/bootstrap pins, against which the test suite re-imports every pack.
    static let botocorePin = "1.43.11"

    func run() throws {
        Terminal.output(try Self.text())
    }

    static func text() throws -> String {
        var out = "reqlint \(BuildInfo.version)\n"
        out += "commit: \(BuildInfo.commit ?? "unknown (a development build; scripts/release stamps the commit)")\n"
        out += "project: \(BuildInfo.projectURL)\n"
        out += "bundled models:\n"
        for pack in try BundledRules.packs().sorted(by: { $0.id < $1.id }) {
            out += "  \(pack.id): service \(pack.service.name), API version \(pack.service.apiVersion), "
            out += "botocore \(botocorePin) (\(pack.provenance.model)), sha256 \(pack.provenance.sha256)\n"
        }
        return out
    }
}
