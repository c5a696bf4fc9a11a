/// The `unique` check kind of documented rules: the values the (wildcard) pointer matches are all different.
struct UniqueCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "unique", meaning: "The values the (wildcard) pointer matches are all different.",
        arguments: [], placeholders: RuleFileSpec.otherPlaceholder,
        example: #"{"kind": "unique", "pointer": "/Tags/*/Key", "message": "tag key {value} is used twice"}"#)

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {}

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {}

    /// Over all matches at once (its condition, `when`, is not applied).
    func finish(_ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        var first: [String: PointerPattern.Match] = [:]
        for match in e.matches(planned.check.pointer, number: planned.pointer) where e.reliable(match) {
            guard let s = e.string(match.node) else { continue }
            if let earlier = first[s] {
                e.report(planned, match, other: earlier)
            } else {
                first[s] = match
            }
        }
    }
}
