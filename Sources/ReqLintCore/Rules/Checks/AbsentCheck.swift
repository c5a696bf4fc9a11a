/// The `absent` check kind of documented rules: the value should not be given at all.
struct AbsentCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "absent", meaning: "The value should not be given at all.",
        arguments: [], placeholders: [:],
        example: #"{"kind": "absent", "pointer": "/InputConfig/VolumeKmsKeyId", "message": "we encrypt with the default key: remove {name}"}"#)

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {}

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        e.report(planned, match)
    }
}
