/// A condition on another value that a check needs before it applies: that it equals a
/// string (`{"pointer": "/JobType", "equals": "Advanced"}`) or that it is absent
/// (`{"pointer": "/InputConfig/TrafficPattern/TrafficType", "absent": true}`).
public struct RuleCondition: Hashable, Sendable {
    public var pointer: PointerPattern
    /// The value required, or `nil` when the condition is that the value is absent.
    public var equals: String?
}

/// One declarative check of a documented rule. Every kind applies only to values that are
/// present and passed the model's own checks; a cross-field check is silent when the other
/// value is absent. Messages may use `{value}` (the value found), `{other}` (the other
/// value) and `{name}` (the member's name).
public struct RuleCheck: Hashable, Sendable {
    /// What the check compares: one of ``CheckKinds/all``.
    var kind: AnyCheckKind
    /// The values checked.
    public var pointer: PointerPattern
    /// Applies only when this holds.
    public var when: RuleCondition?
    /// The diagnostic's message template.
    public var message: String
    /// The message of the related location, for checks that name another value.
    public var relatedMessage: String?
}

extension RuleCheck {
    /// Reads a check from its data form.
    init(json: JSONValue, rule: String) throws {
        func fail(_ what: String) -> ReqLintError { ReqLintError("rule \(rule): \(what)") }
        guard let kindName = json["kind"]?.stringValue else { throw fail("check needs a \"kind\"") }
        guard let message = json["message"]?.stringValue else { throw fail("check needs a \"message\"") }
        self.message = message
        relatedMessage = json["relatedMessage"]?.stringValue
        pointer = try Self.pointer("pointer", in: json, fail: fail)
        if let condition = json["when"] {
            guard let text = condition["pointer"]?.stringValue, let p = PointerPattern(text),
                  condition["equals"]?.stringValue != nil || condition["absent"] == .bool(true) else {
                throw fail("\"when\" needs \"pointer\" and \"equals\" (or \"absent\": true)")
            }
            when = RuleCondition(pointer: p, equals: condition["equals"]?.stringValue)
        }
        guard let kind = CheckKinds.byName[kindName] else { throw fail("unknown check kind \"\(kindName)\"") }
        self.kind = AnyCheckKind(base: try kind.init(json: json, fail: fail))
    }

    /// The pointer pattern at `key` of a check's JSON.
    static func pointer(_ key: String, in json: JSONValue, fail: (String) -> ReqLintError) throws -> PointerPattern {
        guard let text = json[key]?.stringValue, let pattern = PointerPattern(text) else { throw fail("check needs a JSON pointer \"\(key)\"") }
        return pattern
    }
}
