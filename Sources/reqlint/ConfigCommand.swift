import ReqLintCommandLine
import ArgumentParser
import ReqLintConfig
import ReqLintCore

/// `reqlint config --print`: the effective configuration and where each value came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective configuration for a file or folder, and where each value came from."
    )

    @Flag(name: .long, help: "Print the effective configuration.")
    var print = false

    @Option(name: .long, help: "The configuration file (otherwise the nearest .reqlint.yaml).")
    var config: String?

    @Argument(help: "The file or folder whose configuration to show (default: the working directory).")
    var path: String = "."

    func run() throws {
        guard print else { throw ValidationError("use --print") }
        let workspace = try Workspace(configuration: config)
        let absolute = FileSystem.absolute(path)
        let probe = FileSystem.kind(absolute) == .directory ? absolute + "/.reqlint-probe.json" : absolute
        let resolved = workspace.configuration(for: probe)
        if let report = resolved.report {
            for located in report.diagnostics {
                Terminal.error("\(report.path):\(located.start.line):\(located.start.column): \(located.diagnostic.severity.rawValue): \(located.diagnostic.message) [\(located.diagnostic.rule)]")
            }
            if report.failed { throw ExitCode(2) }
        }
        let c = resolved.configuration
        func origin(_ key: String) -> String { c.origins[key].map { "# from \($0)" } ?? "# default" }
        var out = "# configuration: \(c.path ?? "none (defaults)")\n"
        out += "include: [\(c.include.map { "\"\($0)\"" }.joined(separator: ", "))]  \(origin("include"))\n"
        out += "exclude: [\(c.exclude.map { "\"\($0)\"" }.joined(separator: ", "))]  \(origin("exclude"))\n"
        out += "fail-level: \(c.failLevel.rawValue)  \(origin("fail-level"))\n"
        out += "operations:  \(origin("operations"))\n"
        for (glob, operation) in c.operations { out += "  \"\(glob)\": \(operation)\n" }
        out += "rules:  \(origin("rules"))\n"
        for (id, setting) in c.rules.sorted(by: { $0.key < $1.key }) { out += "  \(id): \(setting.rawValue)\n" }
        out += "rule-paths: [\(c.rulePaths.joined(separator: ", "))]  \(origin("rule-paths"))\n"
        out += "model: [\(c.models.joined(separator: ", "))]  \(origin("model"))\n"
        out += "suppressions:  \(origin("suppressions"))\n"
        for s in c.suppressions {
            out += "  - {files: \"\(s.files)\", rule: \(s.rule)\(s.pointer.map { ", pointer: \"\($0)\"" } ?? ""), reason: \"\(s.reason)\"}  # \(s.origin)\n"
        }
        Terminal.output(DisplayText.escaped(out, keepingNewlines: true))  // values from a configuration file
    }
}
