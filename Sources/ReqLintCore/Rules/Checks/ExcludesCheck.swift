/// The `excludes` check kind of documented rules: the value must be absent when the value at `other` is present.
struct ExcludesCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "excludes", meaning: "The value must be absent when the value at `other` is present.",
        arguments: [RuleFileSpec.arg("other", .pointer, "the value that excludes this one")], placeholders: RuleFileSpec.otherPlaceholder,
        example: #"{"kind": "excludes", "pointer": "/InputConfig/TrafficPattern/Stairs", "other": "/InputConfig/TrafficPattern/Phases", "message": "give Phases or Stairs, not both"}"#)

    var other: PointerPattern

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        other = try RuleCheck.pointer("other", in: json, fail: fail)
    }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard let other = e.other(other, match.bindings) else { return }
        e.report(planned, match, other: other)
    }
}
