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

    func run() throws {
        Terminal.output(Self.text())
    }

    /// The version, the commit, the project's address, and each operation's model: the
    /// bundled one, or the one `reqlint rules update` selected (its provenance says which).
    static func text() -> String {
        var out = "reqlint \(BuildInfo.version)\n"
        out += "commit: \(BuildInfo.commit ?? "unknown (a development build; scripts/release stamps the commit)")\n"
        out += "project: \(BuildInfo.projectURL)\n"
        out += "models:\n"
        guard let registry = try? loadEffectiveRegistry() else { return out + "  (the rule packs could not be loaded)\n" }
        for entry in registry.provenance {
            var line = "  \(entry.operation): service \(entry.operation.service), API version \(entry.apiVersion), "
            line += "botocore \(entry.botocore ?? "unknown") (\(entry.model)\(entry.date.map { ", \($0)" } ?? "")), \(entry.origin.rawValue), sha256 \(entry.sha256)"
            out += line + "\n"
        }
        return out
    }
}
