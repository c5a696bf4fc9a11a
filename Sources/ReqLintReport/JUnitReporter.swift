import ReqLintCore

/// JUnit XML: one test case per file and rule (`classname` the file, `name` the rule) that
/// fails with every finding of that rule in that file; a file with no finding is one passing
/// test case. Warnings and notes are listed in `system-out` of their test case, which passes.
public struct JUnitReporter: StreamingReporter {
    public static let identifier = "junit"
    public static let headComesFirst = false

    /// The least severity that fails a test case.
    public var failLevel: Severity

    /// The models that judged the files: one `<property name="model <operation>">` each.
    public var models: [ModelProvenance]

    public init(failLevel: Severity = .error, models: [ModelProvenance] = []) {
        self.failLevel = failLevel
        self.models = models
    }

    private var cases = 0
    private var failures = 0

    public mutating func part(_ files: [FileReport]) -> String {
        var out = ""
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
                cases += 1
                out += "    <testcase classname=\"\(Self.escape(file.path))\" name=\"reqlint\" time=\"0\"/>\n"
                continue
            }
            for (rule, diagnostics) in byRule {
                let lines = diagnostics.map { "\(file.path):\($0.start.line):\($0.start.column): \($0.diagnostic.severity.rawValue): \($0.diagnostic.message)" }
                let failing = diagnostics.contains { $0.diagnostic.severity >= failLevel }
                cases += 1
                out += "    <testcase classname=\"\(Self.escape(file.path))\" name=\"\(Self.escape(rule.rawValue))\" time=\"0\">\n"
                if failing {
                    failures += 1
                    let first = diagnostics[0].diagnostic.message
                    out += "      <failure message=\"\(Self.escape(first))\" type=\"\(Self.escape(rule.rawValue))\">\(Self.escape(lines.joined(separator: "\n")))</failure>\n"
                } else {
                    out += "      <system-out>\(Self.escape(lines.joined(separator: "\n")))</system-out>\n"
                }
                out += "    </testcase>\n"
            }
        }
        return out
    }

    /// The totals in the head are known only after the last part.
    public func frame() -> (head: String, tail: String) {
        var head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        head += "<testsuites name=\"reqlint\" tests=\"\(cases)\" failures=\"\(failures)\" errors=\"0\">\n"
        head += "  <testsuite name=\"reqlint\" tests=\"\(cases)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        if !models.isEmpty {
            head += "    <properties>\n"
            for model in models {
                let value = "\(model.summary) (\(model.origin.rawValue)), \(model.model) sha256 \(model.sha256)"
                head += "      <property name=\"model \(Self.escape(model.operation.description))\" value=\"\(Self.escape(value))\"/>\n"
            }
            head += "    </properties>\n"
        }
        return (head, "  </testsuite>\n</testsuites>\n")
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
