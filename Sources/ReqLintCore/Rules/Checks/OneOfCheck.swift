/// The `oneOf` check kind of documented rules: a string that is one of `values`.
struct OneOfCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "oneOf", meaning: "A string that is one of `values`.",
        arguments: [RuleFileSpec.arg("values", .strings, "the strings allowed")], placeholders: [:],
        example: #"{"kind": "oneOf", "pointer": "/InputConfig/EndpointConfigurations/*/InstanceType", "values": ["ml.m5.large", "ml.c5.xlarge"], "message": "use an approved instance type, not {value}"}"#)

    var values: [String]

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        guard let values = json["values"]?.arrayValue?.compactMap(\.stringValue), !values.isEmpty else { throw fail("oneOf needs values") }
        self.values = values
    }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard let s = e.string(match.node) else { return }
        if !values.contains(s) { e.report(planned, match) }
    }
}
