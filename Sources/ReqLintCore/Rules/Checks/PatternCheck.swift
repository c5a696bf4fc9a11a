/// The `pattern` check kind of documented rules: a string that the PCRE2 regular expression `regex` matches in full (or, with `negate`, does not). Rule files use PCRE2 syntax; the model's own patterns are Java's.
struct PatternCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "pattern", meaning: "A string that the PCRE2 regular expression `regex` matches in full (or, with `negate`, does not). Rule files use PCRE2 syntax; the model's own patterns are Java's.",
        arguments: [RuleFileSpec.arg("regex", .regex, "a PCRE2 regular expression, matched against the whole value"), RuleFileSpec.arg("negate", .boolean, required: false, "true: the value must not match")],
        placeholders: [:],
        example: #"{"kind": "pattern", "pointer": "/JobName", "regex": "team-[a-z]+-.*", "message": "{name} starts with team-<name>- (found {value})"}"#)

    var expression: RegexArgument
    var regex: String { expression.regex }
    var negate: Bool { expression.negate }

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        expression = try RegexArgument(json: json, kind: "pattern", fail: fail)
    }

    var regexes: [String] { [regex] }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard let s = e.string(match.node), let compiled = e.patterns[regex] else { return }
        switch compiled.matches(s) {
        case .match: if negate { e.report(planned, match) }
        case .noMatch: if !negate { e.report(planned, match) }
        case let .limitExceeded(reason): e.reportNotChecked(planned.rule, match, reason: reason)
        }
    }
}
