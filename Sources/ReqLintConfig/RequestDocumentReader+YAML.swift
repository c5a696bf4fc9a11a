import ReqLintCore
import ReqLintYAML

extension RequestDocumentReader {
    /// Lints a YAML request document (what `aws … --cli-input-yaml` takes): the YAML front end
    /// builds the same document tree as JSON, with positions into the YAML source, plus its
    /// own diagnostics for YAML-only hazards; every rule then applies the same way.
    static func lintYAML(_ bytes: [UInt8], linter: Linter, operation: OperationID?) -> LintResult {
        let parsed = YAMLRequestDocument.parse(bytes)
        guard let document = parsed.document else {
            let diagnostics = parsed.diagnostics.isEmpty
                ? [Diagnostic(rule: .syntax, message: "not a YAML request document", pointer: .root, range: .at(0))]
                : parsed.diagnostics
            // The report resolves positions against the document's bytes: keep the YAML source.
            return LintResult(status: .unparseable, operation: operation, diagnostics: diagnostics, document: JSONParser.parse(bytes))
        }
        var result = linter.lint(document, operation: operation)
        result.diagnostics = (result.diagnostics + parsed.diagnostics).sorted(by: Diagnostic.sourceOrder)
        return result
    }

    static func yamlTopLevelNames(_ bytes: [UInt8]) -> [String] { YAMLRequestDocument.topLevelNames(bytes) }
}
