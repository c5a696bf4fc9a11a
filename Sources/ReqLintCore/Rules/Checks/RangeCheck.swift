/// The `range` check kind of documented rules: a number within `min`...`max` (either bound may be left out, not both).
struct RangeCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "range", meaning: "A number within `min`...`max` (either bound may be left out, not both).",
        arguments: [RuleFileSpec.arg("min", .number, required: false, "the least value allowed"), RuleFileSpec.arg("max", .number, required: false, "the greatest value allowed")],
        placeholders: [:], oneOfRequired: ["min", "max"],
        example: #"{"kind": "range", "pointer": "/InputConfig/JobDurationInSeconds", "max": 18000, "message": "{name} is at most 18000 seconds (found {value})"}"#)

    var min: Double?
    var max: Double?

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        min = json["min"]?.doubleValue
        max = json["max"]?.doubleValue
    }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard let n = e.number(match.node) else { return }
        if let min, n < min { e.report(planned, match) } else if let max, n > max { e.report(planned, match) }
    }
}
