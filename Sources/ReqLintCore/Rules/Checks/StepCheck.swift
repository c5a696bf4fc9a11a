/// The `step` check kind of documented rules: a number in `min`, `min + step`, ... `max`.
struct StepCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "step", meaning: "A number in `min`, `min + step`, ... `max`.",
        arguments: [RuleFileSpec.arg("min", .number, "the first value"), RuleFileSpec.arg("max", .number, "the last value"), RuleFileSpec.arg("step", .number, "the step, greater than 0")],
        placeholders: [:],
        example: #"{"kind": "step", "pointer": "/InputConfig/EndpointConfigurations/*/ServerlessConfig/MemorySizeInMB", "min": 1024, "max": 6144, "step": 1024, "message": "{name} is 1024, 2048, ... 6144 (found {value})"}"#)

    var min: Double
    var max: Double
    var step: Double

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        guard let min = json["min"]?.doubleValue, let max = json["max"]?.doubleValue, let step = json["step"]?.doubleValue, step > 0 else {
            throw fail("step needs min, max and a positive step")
        }
        (self.min, self.max, self.step) = (min, max, step)
    }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard let n = e.number(match.node), n >= min, n <= max else { return }
        let steps = (n - min) / step
        if steps != steps.rounded() { e.report(planned, match) }
    }
}
