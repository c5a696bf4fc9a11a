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
    /// What a check compares.
    public enum Kind: Hashable, Sendable {
        /// A number within `min`...`max`.
        case range(min: Double?, max: Double?)
        /// A number in `min`, `min + step`, ... `max`.
        case step(min: Double, max: Double, step: Double)
        /// A string that is one of `values`.
        case oneOf([String])
        /// A string that the PCRE2 `regex` matches in full (or, `negate`d, does not).
        case pattern(regex: String, negate: Bool)
        /// Every key of an object that `regex` matches in full (or, `negate`d, does not).
        case keyPattern(regex: String, negate: Bool)
        /// A string of at most `max` code points.
        case length(max: Int)
        /// A number or timestamp compared with the value at `other`: `<`, `<=`, or `!=` (also strings).
        case compare(other: PointerPattern, op: String)
        /// A timestamp or number at most `max` greater than the value at `other`.
        case difference(other: PointerPattern, max: Double)
        /// When the value equals `equals`, the value at `present` must exist.
        case requires(equals: String, present: PointerPattern)
        /// The values matched by the (wildcard) pointer are all different.
        case unique
        /// A string equal to one of the values at `set`.
        case memberOf(set: PointerPattern)
        /// An object with at most `max` keys, not counting keys `excluding` matches.
        case countKeys(max: Int, excluding: String?)
        /// A string that is JSON text (with `object`, a JSON object).
        case jsonText(object: Bool)
        /// The value must be absent when the value at `other` is present.
        case excludes(other: PointerPattern)
        /// The value should not be given at all.
        case absent
    }

    public var kind: Kind
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
        func pointer(_ key: String) throws -> PointerPattern {
            guard let text = json[key]?.stringValue, let pattern = PointerPattern(text) else { throw fail("check needs a JSON pointer \"\(key)\"") }
            return pattern
        }
        guard let kindName = json["kind"]?.stringValue else { throw fail("check needs a \"kind\"") }
        guard let message = json["message"]?.stringValue else { throw fail("check needs a \"message\"") }
        self.message = message
        relatedMessage = json["relatedMessage"]?.stringValue
        self.pointer = try pointer("pointer")
        if let condition = json["when"] {
            guard let text = condition["pointer"]?.stringValue, let p = PointerPattern(text),
                  condition["equals"]?.stringValue != nil || condition["absent"] == .bool(true) else {
                throw fail("\"when\" needs \"pointer\" and \"equals\" (or \"absent\": true)")
            }
            when = RuleCondition(pointer: p, equals: condition["equals"]?.stringValue)
        }
        switch kindName {
        case "range": kind = .range(min: json["min"]?.doubleValue, max: json["max"]?.doubleValue)
        case "step":
            guard let min = json["min"]?.doubleValue, let max = json["max"]?.doubleValue, let step = json["step"]?.doubleValue, step > 0 else {
                throw fail("step needs min, max and a positive step")
            }
            kind = .step(min: min, max: max, step: step)
        case "oneOf":
            guard let values = json["values"]?.arrayValue?.compactMap(\.stringValue), !values.isEmpty else { throw fail("oneOf needs values") }
            kind = .oneOf(values)
        case "pattern", "keyPattern":
            guard let regex = json["regex"]?.stringValue else { throw fail("\(kindName) needs a regex") }
            let negate = json["negate"] == .bool(true)
            kind = kindName == "pattern" ? .pattern(regex: regex, negate: negate) : .keyPattern(regex: regex, negate: negate)
        case "length":
            guard let max = json["max"]?.doubleValue else { throw fail("length needs max") }
            kind = .length(max: Int(max))
        case "compare":
            guard let op = json["op"]?.stringValue, ["<", "<=", "!="].contains(op) else { throw fail("compare needs op <, <= or !=") }
            kind = .compare(other: try pointer("other"), op: op)
        case "difference":
            guard let max = json["max"]?.doubleValue else { throw fail("difference needs max") }
            kind = .difference(other: try pointer("other"), max: max)
        case "requires":
            guard let equals = json["equals"]?.stringValue else { throw fail("requires needs equals") }
            kind = .requires(equals: equals, present: try pointer("present"))
        case "unique": kind = .unique
        case "memberOf": kind = .memberOf(set: try pointer("set"))
        case "countKeys":
            guard let max = json["max"]?.doubleValue else { throw fail("countKeys needs max") }
            kind = .countKeys(max: Int(max), excluding: json["excluding"]?.stringValue)
        case "jsonText": kind = .jsonText(object: json["object"] == .bool(true))
        case "excludes": kind = .excludes(other: try pointer("other"))
        case "absent": kind = .absent
        default: throw fail("unknown check kind \"\(kindName)\"")
        }
    }
}
