/// The `countKeys` check kind of documented rules: an object with at most `max` members, not counting those whose name `excluding` (PCRE2) matches.
struct CountKeysCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "countKeys", meaning: "An object with at most `max` members, not counting those whose name `excluding` (PCRE2) matches.",
        arguments: [RuleFileSpec.arg("max", .number, "the greatest count"), RuleFileSpec.arg("excluding", .regex, required: false, "names not counted")],
        placeholders: ["count": "the number counted"],
        example: #"{"kind": "countKeys", "pointer": "/tags", "max": 50, "excluding": "(?i)aws:.*", "message": "{count} tags, more than 50"}"#)

    var max: Int
    var excluding: String?

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        guard let max = json["max"]?.doubleValue else { throw fail("countKeys needs max") }
        self.max = Int(max)
        excluding = json["excluding"]?.stringValue
    }

    var regexes: [String] { excluding.map { [$0] } ?? [] }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard e.document[match.node].kind == .object else { return }
        var names = Set<String>()
        var unknown = Set<String>()  // names the regex engine could not judge
        var incomplete: String?
        for (key, _) in e.document.members(of: match.node) {
            let name = e.document.string(key)
            if let excluding, let compiled = e.patterns[excluding] {
                switch compiled.matches(name) {
                case .match: continue
                case .noMatch: break
                case let .limitExceeded(reason):
                    incomplete = reason
                    unknown.insert(name)
                    continue
                }
            }
            names.insert(name)
        }
        // Not checked only when the answer depends on the names that could not be judged.
        if let incomplete, names.count <= max, names.union(unknown).count > max {
            e.reportNotChecked(planned.rule, match, reason: incomplete)
            return
        }
        if names.count > max { e.report(planned, match, extra: ["count": String(names.count)]) }
    }
}
