/// The `difference` check kind of documented rules: a timestamp or number at most `max` greater than the value at `other`.
struct DifferenceCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "difference", meaning: "A timestamp or number at most `max` greater than the value at `other`.",
        arguments: [RuleFileSpec.arg("other", .pointer, "the other value"), RuleFileSpec.arg("max", .number, "the greatest difference (seconds for timestamps)")],
        placeholders: RuleFileSpec.otherPlaceholder.merging(["difference": "the difference, in words"]) { $1 },
        example: #"{"kind": "difference", "pointer": "/Schedule/EndTime", "other": "/Schedule/StartTime", "max": 2592000, "message": "the experiment lasts {difference}, more than 30 days"}"#)

    var other: PointerPattern
    var max: Double

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        guard let max = json["max"]?.doubleValue else { throw fail("difference needs max") }
        self.max = max
        other = try RuleCheck.pointer("other", in: json, fail: fail)
    }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard let other = e.other(other, match.bindings), let a = e.instant(match.node), let b = e.instant(other.node) else { return }
        if a - b > max { e.report(planned, match, other: other, extra: ["difference": Self.duration(a - b)]) }
    }

    /// `2592001` → "30 days 1 second".
    static func duration(_ seconds: Double) -> String {
        var rest = Int(seconds.rounded(.down))
        let days = rest / 86400
        rest %= 86400
        var parts: [String] = []
        if days > 0 { parts.append("\(days) day\(days == 1 ? "" : "s")") }
        if rest / 3600 > 0 { parts.append("\(rest / 3600) hour\(rest / 3600 == 1 ? "" : "s")") }
        if rest % 3600 / 60 > 0 { parts.append("\(rest % 3600 / 60) minute\(rest % 3600 / 60 == 1 ? "" : "s")") }
        if rest % 60 > 0 { parts.append("\(rest % 60) second\(rest % 60 == 1 ? "" : "s")") }
        let fraction = seconds - seconds.rounded(.down)
        if fraction > 0 {
            let millis = Int((fraction * 1000).rounded(.up))
            parts.append("\(millis) millisecond\(millis == 1 ? "" : "s")")
        }
        return parts.isEmpty ? "0 seconds" : parts.joined(separator: " ")
    }
}
