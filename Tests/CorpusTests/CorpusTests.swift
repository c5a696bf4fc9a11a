import Foundation
import ReqLintCore
import ReqLintReport
import Testing

/// Runs every document under `corpus/<service>/<Operation>/` and compares what reqlint finds
/// with the `.expected` file beside it. Regenerate the expectations deliberately with
/// `scripts/update-corpus` (which sets `REQLINT_UPDATE_CORPUS=1`), then review the diff.
struct CorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var path: String
        var operation: OperationID
        var name: String { (path as NSString).lastPathComponent }
        var testDescription: String { path }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let cases: [Case] = {
        let corpus = root.appendingPathComponent("corpus").path
        var cases: [Case] = []
        let services = (try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []
        for service in services.sorted() {
            let operations = (try? FileManager.default.contentsOfDirectory(atPath: corpus + "/" + service)) ?? []
            for operation in operations.sorted() {
                let directory = corpus + "/" + service + "/" + operation
                let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                for file in files.sorted() where file.hasSuffix(".json") {
                    cases.append(Case(path: "corpus/\(service)/\(operation)/\(file)",
                                      operation: OperationID(service: service, name: operation)))
                }
            }
        }
        return cases
    }()

    static let linter = Linter(registry: try! BundledRules.registry())

    static func render(_ report: FileReport) -> String {
        var out = ""
        for located in report.diagnostics {
            let d = located.diagnostic
            out += "\(located.start.line):\(located.start.column)-\(located.end.line):\(located.end.column): "
            out += "\(d.severity.rawValue): \(d.message) [\(d.rule)] pointer=\(d.pointer)\n"
            for related in located.related {
                out += "  related \(related.start.line):\(related.start.column)-\(related.end.line):\(related.end.column): "
                out += "\(related.related.message) pointer=\(related.related.pointer)\n"
            }
        }
        return out
    }

    @Test func corpusIsPresent() {
        #expect(Self.cases.count > 100, "expected the corpus under \(Self.root.path)/corpus")
        for operation in try! BundledRules.registry().ids {
            #expect(Self.cases.contains { $0.operation == operation }, "no corpus documents for \(operation)")
        }
    }

    @Test(arguments: cases)
    func expectedDiagnostics(_ testCase: Case) throws {
        let url = Self.root.appendingPathComponent(testCase.path)
        let bytes = [UInt8](try Data(contentsOf: url))
        let result = Self.linter.lint(bytes, operation: testCase.operation)
        let rendered = Self.render(FileReport(path: testCase.path, result: result))
        let expectedURL = url.deletingPathExtension().appendingPathExtension("expected")
        if ProcessInfo.processInfo.environment["REQLINT_UPDATE_CORPUS"] == "1" {
            try rendered.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: expectedURL, encoding: .utf8)
        #expect(expected != nil, "\(testCase.path) has no .expected file: run scripts/update-corpus and review it")
        #expect(rendered == expected, "\(testCase.path): diagnostics differ from \(expectedURL.lastPathComponent)")
    }

    /// The file name says what a document is for; check it independently of the .expected file.
    @Test(arguments: cases)
    func nameMatchesFindings(_ testCase: Case) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent(testCase.path)))
        let result = Self.linter.lint(bytes, operation: testCase.operation)
        let name = testCase.name
        if name.hasPrefix("valid-nearmiss-") {
            // A near miss of a rule must not trigger it, nor any error.
            #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "near miss has errors: \(result.diagnostics.map(\.message))")
            for rule in try BundledRules.registry().documentedRules.rules(for: testCase.operation) {
                let short = String(rule.descriptor.id.rawValue.split(separator: "/").last!)
                if name.hasPrefix("valid-nearmiss-\(short)-") {
                    #expect(!result.diagnostics.contains { $0.rule == rule.descriptor.id }, "\(name) triggers \(rule.descriptor.id)")
                }
            }
        } else if name.hasPrefix("valid") {
            #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "valid document has errors: \(result.diagnostics.map(\.message))")
        } else if name.hasPrefix("syntax-") {
            #expect(result.status == .unparseable)
            #expect(result.diagnostics.map(\.rule) == [.syntax])
        } else if name.hasPrefix("invalid-") {
            let rest = name.dropFirst("invalid-".count)
            let documented = try BundledRules.registry().documentedRules.rules(for: testCase.operation).map(\.descriptor.id)
            let candidates = RuleCatalog.modelRules.map { ($0.id, $0.id.rawValue) }
                + documented.map { ($0, String($0.rawValue.split(separator: "/").last!)) }
            let rule = candidates.filter { rest.hasPrefix($0.1 + "-") }.max { $0.1.count < $1.1.count }?.0
            #expect(rule != nil, "cannot tell the rule of \(name)")
            if let rule {
                #expect(result.diagnostics.contains { $0.rule == rule }, "\(name) does not trigger \(rule): \(result.diagnostics.map(\.message))")
            }
        } else {
            Issue.record("corpus file names start with valid, invalid-<rule>- or syntax-: \(name)")
        }
    }

    /// Reformatting a document (minified, or with CRLF line ends) changes no finding but its
    /// position, and every range still covers the same text.
    @Test(arguments: cases.filter { !$0.name.hasPrefix("syntax-") })
    func findingsSurviveReformatting(_ testCase: Case) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent(testCase.path)))
        let original = Self.linter.lint(bytes, operation: testCase.operation)
        for variant in [Self.minified(bytes), Self.crlf(bytes)] {
            let result = Self.linter.lint(variant, operation: testCase.operation)
            #expect(result.diagnostics.map(\.rule) == original.diagnostics.map(\.rule))
            #expect(result.diagnostics.map(\.pointer) == original.diagnostics.map(\.pointer))
            for (a, b) in zip(original.diagnostics, result.diagnostics) where a.rule != .duplicateKey {
                #expect(Self.squeezed(bytes, a.range) == Self.squeezed(variant, b.range), "\(a.message)")
            }
        }
    }

    /// The bytes of `range` with whitespace outside strings removed.
    static func squeezed(_ bytes: [UInt8], _ range: SourceRange) -> [UInt8] {
        minified(Array(bytes[range.start ..< range.end]))
    }

    /// `bytes` with every space, tab, CR and LF outside strings removed.
    static func minified(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                out.append(byte)
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                out.append(byte)
            } else if ![0x20, 0x09, 0x0A, 0x0D].contains(byte) {
                out.append(byte)
            }
        }
        return out
    }

    /// `bytes` with each LF that is not already preceded by CR turned into CR LF.
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for (i, byte) in bytes.enumerated() {
            if byte == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) { out.append(0x0D) }
            out.append(byte)
        }
        return out
    }
}
