import ReqLintCore
import ReqLintReport

/// Findings accepted when reqlint was adopted, so that only new ones are reported.
///
/// A finding is keyed by its file, rule and JSON pointer — not its line or message — so
/// reformatting a file does not turn old findings into new ones; a key counts as many
/// findings as the baseline recorded, so a second identical problem at the same pointer is
/// still new. Files are named relative to the baseline file's own folder (version 2), so the
/// same baseline matches whichever folder reqlint runs from.
public struct Baseline: Sendable {
    /// How many findings of each key are accepted.
    public private(set) var counts: [String: Int] = [:]
    /// The absolute folder that paths in the baseline are relative to.
    public let folder: String
    /// The files (relative to ``folder``) the baseline lists findings for, with how many.
    public private(set) var listedFiles: [String: Int] = [:]
    /// How many findings it accepted so far, and how many it lists for the files filtered.
    public private(set) var accepted = 0
    public private(set) var listedForFiltered = 0
    private var filtered: Set<String> = []

    /// An empty baseline that will be written to (or was read from) the file at absolute `path`.
    public init(path: String) { folder = FileSystem.parent(path) }

    /// The path of a file (absolute) as the baseline names it.
    func name(_ absolutePath: String) -> String {
        FileSystem.relative(absolutePath, to: folder) ?? absolutePath
    }

    static func key(_ name: String, _ diagnostic: Diagnostic) -> String {
        name + "\u{0}" + diagnostic.rule.rawValue + "\u{0}" + diagnostic.pointer.description
    }

    /// The baseline file's contents for `reports`, each with the absolute path of its file.
    public func serialized(_ reports: [(report: FileReport, absolutePath: String)]) -> String {
        var findings: [JSONValue] = []
        for (report, absolutePath) in reports {
            for located in report.diagnostics {
                let d = located.diagnostic
                findings.append(.object([
                    ("path", .string(name(absolutePath))), ("rule", .string(d.rule.rawValue)),
                    ("pointer", .string(d.pointer.description)), ("message", .string(d.message)),
                ]))
            }
        }
        return JSONValue.object([
            ("version", .integer(2)),
            ("paths", .string("relative to this file's folder")),
            ("findings", .array(findings)),
        ]).serialized(pretty: true)
    }

    /// Reads the baseline file at absolute `path` with contents `bytes`. Version 1 files named
    /// files relative to where reqlint ran: they are read relative to `workingDirectory`.
    public init(bytes: [UInt8], path: String, workingDirectory: String = FileSystem.currentDirectory()) throws {
        self.init(path: path)
        let document = JSONParser.parse(bytes)
        guard let root = document.root, let findings = document.value(at: root)["findings"]?.arrayValue else {
            throw ReqLintError("not a reqlint baseline: expected {\"version\":2,\"findings\":[...]}")
        }
        let base = document.value(at: root)["version"] == .integer(2) ? folder : workingDirectory
        for finding in findings {
            guard let path = finding["path"]?.stringValue, let rule = finding["rule"]?.stringValue,
                  let pointer = finding["pointer"]?.stringValue else {
                throw ReqLintError("not a reqlint baseline: each finding needs path, rule and pointer")
            }
            let file = name(FileSystem.absolute(path, from: base))
            listedFiles[file, default: 0] += 1
            counts[file + "\u{0}" + rule + "\u{0}" + pointer, default: 0] += 1
        }
    }

    /// `report` (of the file at `absolutePath`) without the findings the baseline accepts
    /// (each accepted once).
    public mutating func filter(_ report: FileReport, absolutePath: String) -> (report: FileReport, accepted: Int) {
        var filtered = report
        let accepted: Int
        (filtered.diagnostics, accepted) = filter(report.diagnostics, absolutePath: absolutePath, \.diagnostic)
        return (filtered, accepted)
    }

    /// `diagnostics` (of the file at `absolutePath`) without the findings the baseline accepts
    /// (each accepted once).
    public mutating func filter(_ diagnostics: [Diagnostic], absolutePath: String) -> (diagnostics: [Diagnostic], accepted: Int) {
        filter(diagnostics, absolutePath: absolutePath) { $0 }
    }

    private mutating func filter<Finding>(_ findings: [Finding], absolutePath: String, _ diagnostic: (Finding) -> Diagnostic)
        -> ([Finding], Int) {
        let file = name(absolutePath)
        if let listed = listedFiles[file], filtered.insert(file).inserted { listedForFiltered += listed }
        var kept: [Finding] = []
        var accepted = 0
        for finding in findings {
            let key = Self.key(file, diagnostic(finding))
            if let count = counts[key], count > 0 {
                counts[key] = count - 1
                accepted += 1
            } else {
                kept.append(finding)
            }
        }
        self.accepted += accepted
        return (kept, accepted)
    }

    /// A warning when the baseline lists findings for the files linted and accepted none of
    /// them (it was written for other paths, or every listed problem was fixed).
    public var unmatchedWarning: String? {
        guard accepted == 0, listedForFiltered > 0 else { return nil }
        return "the baseline lists \(listedForFiltered) finding\(listedForFiltered == 1 ? "" : "s") for the files linted and matched none of them: they were fixed, or the baseline was written for other paths (it names files relative to its own folder, \(folder))"
    }
}
