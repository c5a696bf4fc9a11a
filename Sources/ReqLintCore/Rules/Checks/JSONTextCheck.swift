/// The `jsonText` check kind of documented rules: a string that is JSON text (with `object`, a JSON object).
struct JSONTextCheck: CheckKind {
    static let spec = RuleFileSpec.Kind(name: "jsonText", meaning: "A string that is JSON text (with `object`, a JSON object).",
        arguments: [RuleFileSpec.arg("object", .boolean, required: false, "true: the text must be a JSON object")],
        placeholders: ["error": "why the text is not JSON"],
        example: #"{"kind": "jsonText", "pointer": "/InputConfig/ContainerConfig/DataInputConfig", "object": true, "message": "{name} is not a JSON dictionary: {error}"}"#)

    var object: Bool

    init(json: JSONValue, fail: (String) -> ReqLintError) throws {
        object = json["object"] == .bool(true)
    }

    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {
        guard let s = e.string(match.node) else { return }
        let parsed = JSONParser.parse(Array(s.utf8))
        if let error = parsed.syntaxError {
            e.report(planned, match, extra: ["error": error.message])
        } else if object, let root = parsed.root, parsed[root].kind != .object {
            e.report(planned, match, extra: ["error": "it is JSON, but not a dictionary (object)"])
        }
    }
}
