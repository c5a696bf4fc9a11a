/// A rule that AWS's documentation states in prose or across fields, kept as data in
/// `rules/<service>/documented/<name>.json`: id, severity, the sentence it comes from, the
/// checks, and examples that must and must not trigger it (the tests run them all).
public struct DocumentedRule: Hashable, Sendable {
    /// An example document, as a JSON merge patch (RFC 7396) over the operation's example base.
    public struct Example: Hashable, Sendable {
        public var patch: JSONValue
        /// The operation whose example base the patch applies to.
        public var operation: OperationID
        /// The pointers the rule must report (empty for a valid example).
        public var expected: [JSONPointer]
        /// What the example shows.
        public var comment: String?
        /// Other rules the example cannot help triggering.
        public var alsoReported: [RuleID] = []
    }

    public var descriptor: RuleDescriptor
    /// The operations the rule applies to.
    public var operations: [OperationID]
    /// The sentence that states the constraint, quoted.
    public var quote: String
    /// Disagreements between sources and how they were settled.
    public var note: String?
    public var checks: [RuleCheck]
    public var valid: [Example]
    public var invalid: [Example]

    /// Reads a rule from its data form. Bundled rules must carry valid and invalid examples;
    /// an organisation's own rules (`rule-paths`) may leave them out (`requireExamples: false`).
    public init(json: JSONValue, requireExamples: Bool = true) throws {
        guard let id = json["id"]?.stringValue, id.contains("/") else { throw ReqLintError("documented rule: \"id\" must be service/name") }
        func text(_ key: String) throws -> String {
            guard let value = json[key]?.stringValue else { throw ReqLintError("rule \(id): \"\(key)\" is required") }
            return value
        }
        guard let severity = Severity(rawValue: try text("severity")) else { throw ReqLintError("rule \(id): severity must be error, warning or info") }
        guard let source = json["source"], let document = source["document"]?.stringValue, let quote = source["quote"]?.stringValue else {
            throw ReqLintError("rule \(id): \"source\" needs \"document\" and \"quote\"")
        }
        descriptor = RuleDescriptor(id: RuleID(id), title: try text("title"), summary: try text("summary"), severity: severity, source: document,
                                    sourceURL: source["url"]?.stringValue)
        self.quote = quote
        note = json["note"]?.stringValue
        operations = try (json["operations"]?.arrayValue ?? []).map {
            guard let text = $0.stringValue, let op = OperationID(text) else { throw ReqLintError("rule \(id): bad operation id") }
            return op
        }
        guard !operations.isEmpty else { throw ReqLintError("rule \(id): \"operations\" is required") }
        checks = try (json["checks"]?.arrayValue ?? []).map { try RuleCheck(json: $0, rule: id) }
        guard !checks.isEmpty else { throw ReqLintError("rule \(id): \"checks\" is required") }
        let examples = json["examples"]
        let operations = operations
        func operation(_ entry: JSONValue) throws -> OperationID {
            guard let text = entry["operation"]?.stringValue else { return operations[0] }
            guard let op = OperationID(text), operations.contains(op) else { throw ReqLintError("rule \(id): example operation \(text) is not one of the rule's") }
            return op
        }
        valid = try (examples?["valid"]?.arrayValue ?? []).map { entry in
            guard let patch = entry["patch"] else { throw ReqLintError("rule \(id): a valid example needs \"patch\"") }
            return Example(patch: patch, operation: try operation(entry), expected: [], comment: entry["comment"]?.stringValue)
        }
        invalid = try (examples?["invalid"]?.arrayValue ?? []).map { entry in
            guard let patch = entry["patch"] else { throw ReqLintError("rule \(id): an invalid example needs \"patch\"") }
            let expected = try (entry["expect"]?.arrayValue ?? []).map {
                guard let text = $0.stringValue, let pointer = JSONPointer(text) else { throw ReqLintError("rule \(id): \"expect\" holds JSON pointers") }
                return pointer
            }
            guard !expected.isEmpty else { throw ReqLintError("rule \(id): an invalid example needs \"expect\"") }
            return Example(patch: patch, operation: try operation(entry), expected: expected, comment: entry["comment"]?.stringValue,
                           alsoReported: (entry["alsoReported"]?.arrayValue ?? []).compactMap(\.stringValue).map { RuleID(rawValue: $0) })
        }
        if requireExamples, valid.isEmpty || invalid.isEmpty { throw ReqLintError("rule \(id): needs valid and invalid examples") }
    }
}

extension JSONValue {
    /// `self` with `patch` applied as a JSON merge patch (RFC 7396).
    public func merging(_ patch: JSONValue) -> JSONValue {
        guard case let .object(patchMembers) = patch else { return patch }
        var members: [(String, JSONValue)] = []
        if case let .object(existing) = self { members = existing }
        for (key, value) in patchMembers {
            let index = members.firstIndex { $0.0 == key }
            if value == .null {
                if let index { members.remove(at: index) }
            } else if let index {
                members[index].1 = members[index].1.merging(value)
            } else {
                members.append((key, JSONValue.null.merging(value)))
            }
        }
        return .object(members)
    }
}
