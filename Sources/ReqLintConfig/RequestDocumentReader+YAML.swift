import ReqLintCore
import ReqLintYAML

extension RequestDocumentReader {
    /// Reads a YAML request document (what `aws … --cli-input-yaml` takes): the YAML front end
    /// builds the same document tree as JSON, with positions into the YAML source, plus its
    /// own diagnostics for YAML-only hazards.
    static func parseYAML(_ bytes: [UInt8]) -> Parsed {
        let parsed = YAMLRequestDocument.parse(bytes)
        return Parsed(bytes: bytes, document: parsed.document, diagnostics: parsed.diagnostics)
    }

    static func yamlTopLevelNames(_ bytes: [UInt8]) -> [String] { YAMLRequestDocument.topLevelNames(bytes) }
}
