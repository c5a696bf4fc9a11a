import ReqLintCore

/// JUnit XML: one test case per file and rule (`classname` the file, `name` the rule) that
/// fails with every finding of that rule in that file; a file with no finding is one passing
/// test case. Warnings and notes are listed in `system-out` of their test case, which passes.
public struct JUnitReporter: Reporter {
    public static let identifier = "junit"

    /// The least severity that fails a test case.
    public var failLevel: Severity

    /// The models that judged the files: one `<property name="model <operation>">` each.
    public var models: [ModelProvenance]

    public init(failLevel: Severity = .error, models: [ModelProvenance] = []) {
        self.failLevel = failLevel
        self.models = models
    }

    public func report(_ files: [FileReport]) -> String {
        var cases: [String] = []
        var failures = 0
        for file in files {
            var byRule: [(RuleID, [LocatedDiagnostic])] = []
            for located in file.diagnostics {
                if let index = byRule.firstIndex(where: { $0.0 == located.diagnostic.rule }) {
                    byRule[index].1.append(located)
                } else {
                    byRule.append((located.diagnostic.rule, [located]))
                }
            }
            if byRule.isEmpty {
                cases.append("    <testcase classname=\"\(Self.escape(file.path))\" name=\"reqlint\" time=\"0\"/>")
                continue
            }
            for (rule, diagnostics) in byRule {
                let lines = diagnostics.map { "\(file.path):\($0.start.line):\($0.start.column): \($0.diagnostic.severity.rawValue): \($0.diagnostic.message)" }
                let failing = diagnostics.contains { $0.diagnostic.severity >= failLevel }
                var text = "    <testcase classname=\"\(Self.escape(file.path))\" name=\"\(Self.escape(rule.rawValue))\" time=\"0\">\n"
                if failing {
                    failures += 1
                    let first = diagnostics[0].diagnostic.message
                    text += "      <failure message=\"\(Self.escape(first))\" type=\"\(Self.escape(rule.rawValue))\">\(Self.escape(lines.joined(separator: "\n")))</failure>\n"
                } else {
                    text += "      <system-out>\(Self.escape(lines.joined(separator: "\n")))</system-out>\n"
                }
                text += "    </testcase>"
                cases.append(text)
            }
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"reqlint\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        out += "  <testsuite name=\"reqlint\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        if !models.isEmpty {
            out += "    <properties>\n"
            for model in models {
                let value = "\(model.summary) (\(model.origin.rawValue)), \(model.model) sha256 \(model.sha256)"
                out += "      <property name=\"model \(Self.escape(model.operation.description))\" value=\"\(Self.escape(value))\"/>\n"
            }
            out += "    </properties>\n"
        }
        out += cases.joined(separator: "\n") + (cases.isEmpty ? "" : "\n")
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// XML-escapes text; characters XML 1.0 cannot hold become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(c)
            default:
                if c.value < 0x20 || (0xFFFE ... 0xFFFF).contains(c.value) { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}
