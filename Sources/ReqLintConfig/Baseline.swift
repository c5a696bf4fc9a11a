import ReqLintCore
import ReqLintReport

/// Findings accepted when reqlint was adopted, so that only new ones are reported.
///
/// A finding is keyed by its file, rule and JSON pointer — not its line or message — so
/// reformatting a file does not turn old findings into new ones; a key counts as many
/// findings as the baseline recorded, so a second identical problem at the same pointer is
/// still new.
public struct Baseline: Sendable {
    /// How many findings of each key are accepted.
    public private(set) var counts: [String: Int] = [:]

    public init() {}

    static func key(path: String, _ diagnostic: Diagnostic) -> String {
        var relative = path
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        return relative + "\u{0}" + diagnostic.rule.rawValue + "\u{0}" + diagnostic.pointer.description
    }

    /// The baseline of everything in `reports`.
    public init(recording reports: [FileReport]) {
        for report in reports {
            for located in report.diagnostics { counts[Self.key(path: report.path, located.diagnostic), default: 0] += 1 }
        }
    }

    /// The baseline file's contents.
    public func serialized(_ reports: [FileReport]) -> String {
        var findings: [JSONValue] = []
        for report in reports {
            for located in report.diagnostics {
                let d = located.diagnostic
                findings.append(.object([
                    ("path", .string(report.path)), ("rule", .string(d.rule.rawValue)),
                    ("pointer", .string(d.pointer.description)), ("message", .string(d.message)),
                ]))
            }
        }
        return JSONValue.object([("version", .integer(1)), ("findings", .array(findings))]).serialized(pretty: true)
    }

    /// Reads a baseline file.
    public init(bytes: [UInt8]) throws {
        let document = JSONParser.parse(bytes)
        guard let root = document.root, let findings = document.value(at: root)["findings"]?.arrayValue else {
            throw ReqLintError("not a reqlint baseline: expected {\"version\":1,\"findings\":[...]}")
        }
        for finding in findings {
            guard let path = finding["path"]?.stringValue, let rule = finding["rule"]?.stringValue,
                  let pointer = finding["pointer"]?.stringValue else {
                throw ReqLintError("not a reqlint baseline: each finding needs path, rule and pointer")
            }
            var relative = path
            while relative.hasPrefix("./") { relative.removeFirst(2) }
            counts[relative + "\u{0}" + rule + "\u{0}" + pointer, default: 0] += 1
        }
    }

    /// `report` without the findings the baseline accepts (each accepted once).
    public mutating func filter(_ report: FileReport) -> (report: FileReport, accepted: Int) {
        var kept: [LocatedDiagnostic] = []
        var accepted = 0
        for located in report.diagnostics {
            let key = Self.key(path: report.path, located.diagnostic)
            if let count = counts[key], count > 0 {
                counts[key] = count - 1
                accepted += 1
            } else {
                kept.append(located)
            }
        }
        var filtered = report
        filtered.diagnostics = kept
        return (filtered, accepted)
    }
}
