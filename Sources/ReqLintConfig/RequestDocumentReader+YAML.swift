import ReqLintCore

extension RequestDocumentReader {
    static func lintYAML(_ bytes: [UInt8], linter: Linter, operation: OperationID?) -> LintResult {
        // Filled in by the YAML front end.
        let document = JSONParser.parse([UInt8]())
        let d = Diagnostic(rule: .syntax, message: "YAML request documents are not supported yet", pointer: .root, range: .at(0))
        return LintResult(status: .unparseable, operation: operation, diagnostics: [d], document: document)
    }
}
