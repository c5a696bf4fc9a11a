/// The `length` check kind of documented rules: a string of at most `max` Unicode code points.
struct LengthCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "length", meaning: "A string of at most `max` Unicode code points.",
        arguments: [RuleFileSpec.arg("max", .number, "the greatest length")], placeholders: ["length": "the value's length"],
        example: #"{"kind": "length", "pointer": "/JobName", "max": 40, "message": "{name} is longer than 40 characters ({length})"}"#)

    var max: Int

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        guard let max = json["max"]?.doubleValue else { throw fail("length needs max") }
        self.max = Int(max)
    }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard let s = e.string(match.node) else { return }
        let count = s.unicodeScalars.count
        if count > max { e.report(planned, match, extra: ["length": String(count)]) }
    }
}
