/// The `requires` check kind of documented rules: when the value equals `equals`, the value at `present` must exist.
struct RequiresCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "requires", meaning: "When the value equals `equals`, the value at `present` must exist.",
        arguments: [RuleFileSpec.arg("equals", .string, "the value that needs the other"), RuleFileSpec.arg("present", .pointer, "the value that must then exist")],
        placeholders: [:],
        example: #"{"kind": "requires", "pointer": "/Type", "equals": "ShadowMode", "present": "/KmsKey", "message": "set KmsKey to the team's KMS key"}"#)

    var equals: String
    var present: PointerPattern

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        guard let equals = json["equals"]?.stringValue else { throw fail("requires needs equals") }
        self.equals = equals
        present = try RuleCheck.pointer("present", in: json, fail: fail)
    }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard e.string(match.node) == equals else { return }
        if present.matches(in: e.document, bindings: match.bindings).isEmpty { e.report(planned, match) }
    }
}
