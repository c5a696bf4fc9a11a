/// What linting one document found.
public struct LintResult: Sendable {
    /// How far linting got.
    public enum Status: Sendable, Equatable {
        /// The document was parsed and checked; `diagnostics` holds what was found.
        case checked
        /// The document is not well-formed JSON (the `syntax` diagnostic says where).
        case unparseable
        /// The operation could not be told (the `unknown-operation` diagnostic says why).
        case unknownOperation
    }

    public var status: Status
    /// The operation the document was checked against.
    public var operation: OperationID?
    /// The findings, in source order.
    public var diagnostics: [Diagnostic]
    /// The parsed document (for positions and fixes).
    public var document: JSONDocument

    public init(status: Status, operation: OperationID?, diagnostics: [Diagnostic], document: JSONDocument) {
        self.status = status
        self.operation = operation
        self.diagnostics = diagnostics
        self.document = document
    }
}

/// Lints request documents: parse, tell the operation, check the shape, collect diagnostics.
/// A pure function of its inputs; it prints nothing and never exits.
public struct Linter: Sendable {
    public let registry: OperationRegistry

    public init(registry: OperationRegistry) { self.registry = registry }

    /// Lints `bytes` as a document of `operation`, or of the operation its content shows.
    public func lint(_ bytes: [UInt8], operation: OperationID? = nil) -> LintResult {
        let document = JSONParser.parse(bytes)
        return lint(document, operation: operation)
    }

    /// Lints a parsed document.
    public func lint(_ document: JSONDocument, operation requested: OperationID? = nil) -> LintResult {
        if let error = document.syntaxError {
            let diagnostic = Diagnostic(rule: .syntax, message: error.message, pointer: .root, range: error.range)
            return LintResult(status: .unparseable, operation: requested, diagnostics: [diagnostic], document: document)
        }
        var diagnostics = duplicateKeyDiagnostics(document)
        let root = document.root!
        if document[root].kind != .object {
            var validator = ShapeValidator(model: nil, document: document)
            validator.typeError(root, expected: "an object", shape: Shape(name: "request", kind: .structure))
            return LintResult(status: .checked, operation: requested, diagnostics: validator.diagnostics, document: document)
        }
        let model: OperationModel
        if let requested {
            guard let found = registry.model(requested) else {
                let known = registry.ids.map(\.description).joined(separator: ", ")
                let d = Diagnostic(rule: .unknownOperation, message: "unknown operation \(requested); expected one of \(known)",
                                   pointer: .root, range: SourceRange(start: 0, end: 0))
                return LintResult(status: .unknownOperation, operation: nil, diagnostics: [d], document: document)
            }
            model = found
        } else {
            switch registry.detect(document) {
            case let .operation(id):
                model = registry.model(id)!
            case let .ambiguous(ids):
                let list = ids.map(\.description).joined(separator: " or ")
                return undetermined(document, "cannot tell whether this document is for \(list): it has members of each")
            case .unknown:
                let list = registry.ids.map(\.description).joined(separator: ", ")
                return undetermined(document, "cannot tell which operation this document is for (one of \(list))")
            }
        }
        var validator = ShapeValidator(model: model, document: document)
        validator.check(root, shape: model.input)
        diagnostics += validator.diagnostics
        diagnostics += registry.documentedRules.evaluate(document, operation: model.id, untyped: validator.untypedNodes,
                                                         invalid: validator.invalidNodes)
        diagnostics.sort(by: Diagnostic.sourceOrder)
        return LintResult(status: .checked, operation: model.id, diagnostics: diagnostics, document: document)
    }

    func undetermined(_ document: JSONDocument, _ message: String) -> LintResult {
        let range = document.root.map { SourceRange(start: Int(document[$0].start), end: Int(document[$0].start) + 1) } ?? .at(0)
        var d = Diagnostic(rule: .unknownOperation, message: message, pointer: .root, range: range)
        d.advice = .chooseOperation
        return LintResult(status: .unknownOperation, operation: nil, diagnostics: [d], document: document)
    }

    func duplicateKeyDiagnostics(_ document: JSONDocument) -> [Diagnostic] {
        let duplicates = document.duplicateKeys()
        guard !duplicates.isEmpty else { return [] }
        let parents = document.parents()
        let slots = document.childSlots()
        let lines = LineTable(document.bytes)
        return duplicates.map { duplicate in
            let name = document.string(duplicate.key)
            let first = lines.position(of: Int(document[duplicate.first].start))
            return Diagnostic(
                rule: .duplicateKey,
                message: "duplicate member \"\(name)\" (first at line \(first.line), column \(first.column)): the AWS CLI keeps only this last value; remove one of them",
                pointer: document.pointer(to: duplicate.key, parents: parents, slots: slots), range: document[duplicate.key].range,
                related: [Diagnostic.Related(message: "first \"\(name)\"", pointer: document.pointer(to: duplicate.first, parents: parents, slots: slots),
                                             range: document[duplicate.first].range)]
            )
        }
    }
}
