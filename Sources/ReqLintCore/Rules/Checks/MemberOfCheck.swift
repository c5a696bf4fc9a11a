/// The `memberOf` check kind of documented rules: a string equal to one of the values at `set` (a wildcard pointer).
struct MemberOfCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "memberOf", meaning: "A string equal to one of the values at `set` (a wildcard pointer).",
        arguments: [RuleFileSpec.arg("set", .pointer, "the values allowed")], placeholders: RuleFileSpec.otherPlaceholder.merging(["set": "the values allowed, listed"]) { $1 },
        example: #"{"kind": "memberOf", "pointer": "/ShadowModeConfig/SourceModelVariantName", "set": "/ModelVariants/*/VariantName", "message": "{value} is not one of {set}"}"#)

    var set: PointerPattern

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        set = try RuleCheck.pointer("set", in: json, fail: fail)
    }

    var secondPattern: PointerPattern? { self.set }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard let s = e.string(match.node) else { return }
        let members = e.matches(set, number: planned.set).filter { e.reliable($0) }
        guard !members.isEmpty else { return }
        if !members.contains(where: { e.string($0.node) == s }) {
            let names = members.compactMap { e.string($0.node) }.map { "\"\($0)\"" }.joined(separator: ", ")
            e.report(planned, match, other: members[0], extra: ["set": names])
        }
    }
}
