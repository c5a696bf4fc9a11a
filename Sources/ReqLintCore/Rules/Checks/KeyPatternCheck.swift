/// The `keyPattern` check kind of documented rules: every member name of an object that `regex` (PCRE2) matches in full (or, with `negate`, does not).
struct KeyPatternCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "keyPattern", meaning: "Every member name of an object that `regex` (PCRE2) matches in full (or, with `negate`, does not).",
        arguments: [RuleFileSpec.arg("regex", .regex, "a PCRE2 regular expression"), RuleFileSpec.arg("negate", .boolean, required: false, "true: names must not match")],
        placeholders: ["key": "the member name"],
        example: #"{"kind": "keyPattern", "pointer": "/tags", "regex": "(?i)aws:.*", "negate": true, "message": "tag key {key} starts with aws:"}"#)

    var expression: RegexArgument
    var regex: String { expression.regex }
    var negate: Bool { expression.negate }

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        expression = try RegexArgument(json: json, kind: "keyPattern", fail: fail)
    }

    var regexes: [String] { [regex] }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard e.document[match.node].kind == .object, let compiled = e.patterns[regex] else { return }
        for (key, _) in e.document.members(of: match.node) {
            let name = e.document.string(key)
            let failed: Bool
            switch compiled.matches(name) {
            case .match: failed = negate
            case .noMatch: failed = !negate
            case let .limitExceeded(reason):
                e.reportNotChecked(planned.rule, match, reason: reason, node: key, pointer: e.pointer(match).appending(name))
                continue
            }
            if failed {
                e.report(planned, match, node: key, pointer: e.pointer(match).appending(name), extra: ["key": ShapeValidator.shown(name)])
            }
        }
    }
}
