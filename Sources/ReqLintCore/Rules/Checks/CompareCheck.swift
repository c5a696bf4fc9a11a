/// The `compare` check kind of documented rules: a number or timestamp compared with the value at `other`: `<` or `<=`; `!=` also compares strings.
struct CompareCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "compare", meaning: "A number or timestamp compared with the value at `other`: `<` or `<=`; `!=` also compares strings.",
        arguments: [RuleFileSpec.arg("other", .pointer, "the other value (wildcards bind as in `pointer`)"), RuleFileSpec.arg("op", .string, "<, <= or !=")],
        placeholders: RuleFileSpec.otherPlaceholder,
        example: #"{"kind": "compare", "pointer": "/Schedule/StartTime", "other": "/Schedule/EndTime", "op": "<", "message": "StartTime {value} is not before EndTime {other}"}"#)

    var other: PointerPattern
    var op: String

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        guard let op = json["op"]?.stringValue, ["<", "<=", "!="].contains(op) else { throw fail("compare needs op <, <= or !=") }
        self.op = op
        other = try RuleCheck.pointer("other", in: json, fail: fail)
    }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard let other = e.other(other, match.bindings) else { return }
        let holds: Bool
        if op == "!=" {
            holds = e.exact(match.node) != e.exact(other.node) || e.document[match.node].kind != e.document[other.node].kind
        } else {
            guard let a = e.instant(match.node), let b = e.instant(other.node) else { return }
            holds = op == "<" ? a < b : a <= b
        }
        if !holds { e.report(planned, match, other: other) }
    }
}
