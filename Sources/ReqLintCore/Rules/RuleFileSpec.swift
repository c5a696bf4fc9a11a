/// What a documented-rule file may hold, as data: the keys of a rule, of each check kind with
/// its arguments and placeholders, and what each means. ``RuleFileValidator`` checks a file
/// against it (every unknown key, misspelled argument or placeholder is an error at its
/// position), the rule format's JSON Schema and `docs/rule-language.md` are generated from
/// it, so the three cannot disagree.
public enum RuleFileSpec {
    /// One argument of a check kind.
    public struct Argument: Sendable {
        public enum ValueType: String, Sendable { case number, string, pointer, boolean, strings, regex }
        public var name: String
        public var type: ValueType
        public var required: Bool
        public var meaning: String
    }

    /// A check kind: its arguments, the placeholders its message may use, what it checks.
    public struct Kind: Sendable {
        public var name: String
        public var meaning: String
        public var arguments: [Argument]
        /// Placeholders besides `{value}` and `{name}`, which every kind has.
        public var placeholders: [String: String]
        /// At least one of these arguments must be given (`range`: min or max).
        public var oneOfRequired: [String] = []
        /// An example check, as JSON.
        public var example: String
        /// Whether the kind names a second value (`other`, `set`): `relatedMessage` applies.
        public var hasRelated: Bool { placeholders["other"] != nil }
    }

    static func arg(_ name: String, _ type: Argument.ValueType, required: Bool = true, _ meaning: String) -> Argument {
        Argument(name: name, type: type, required: required, meaning: meaning)
    }

    static let otherPlaceholder = ["other": "the other value"]

    /// Every check kind.
    public static let kinds: [Kind] = [
        Kind(name: "range", meaning: "A number within `min`...`max` (either bound may be left out, not both).",
             arguments: [arg("min", .number, required: false, "the least value allowed"), arg("max", .number, required: false, "the greatest value allowed")],
             placeholders: [:], oneOfRequired: ["min", "max"],
             example: #"{"kind": "range", "pointer": "/InputConfig/JobDurationInSeconds", "max": 18000, "message": "{name} is at most 18000 seconds (found {value})"}"#),
        Kind(name: "step", meaning: "A number in `min`, `min + step`, ... `max`.",
             arguments: [arg("min", .number, "the first value"), arg("max", .number, "the last value"), arg("step", .number, "the step, greater than 0")],
             placeholders: [:],
             example: #"{"kind": "step", "pointer": "/InputConfig/EndpointConfigurations/*/ServerlessConfig/MemorySizeInMB", "min": 1024, "max": 6144, "step": 1024, "message": "{name} is 1024, 2048, ... 6144 (found {value})"}"#),
        Kind(name: "oneOf", meaning: "A string that is one of `values`.",
             arguments: [arg("values", .strings, "the strings allowed")], placeholders: [:],
             example: #"{"kind": "oneOf", "pointer": "/InputConfig/EndpointConfigurations/*/InstanceType", "values": ["ml.m5.large", "ml.c5.xlarge"], "message": "use an approved instance type, not {value}"}"#),
        Kind(name: "pattern", meaning: "A string that the PCRE2 regular expression `regex` matches in full (or, with `negate`, does not). Rule files use PCRE2 syntax; the model's own patterns are Java's.",
             arguments: [arg("regex", .regex, "a PCRE2 regular expression, matched against the whole value"), arg("negate", .boolean, required: false, "true: the value must not match")],
             placeholders: [:],
             example: #"{"kind": "pattern", "pointer": "/JobName", "regex": "team-[a-z]+-.*", "message": "{name} starts with team-<name>- (found {value})"}"#),
        Kind(name: "keyPattern", meaning: "Every member name of an object that `regex` (PCRE2) matches in full (or, with `negate`, does not).",
             arguments: [arg("regex", .regex, "a PCRE2 regular expression"), arg("negate", .boolean, required: false, "true: names must not match")],
             placeholders: ["key": "the member name"],
             example: #"{"kind": "keyPattern", "pointer": "/tags", "regex": "(?i)aws:.*", "negate": true, "message": "tag key {key} starts with aws:"}"#),
        Kind(name: "length", meaning: "A string of at most `max` Unicode code points.",
             arguments: [arg("max", .number, "the greatest length")], placeholders: ["length": "the value's length"],
             example: #"{"kind": "length", "pointer": "/JobName", "max": 40, "message": "{name} is longer than 40 characters ({length})"}"#),
        Kind(name: "compare", meaning: "A number or timestamp compared with the value at `other`: `<` or `<=`; `!=` also compares strings.",
             arguments: [arg("other", .pointer, "the other value (wildcards bind as in `pointer`)"), arg("op", .string, "<, <= or !=")],
             placeholders: otherPlaceholder,
             example: #"{"kind": "compare", "pointer": "/Schedule/StartTime", "other": "/Schedule/EndTime", "op": "<", "message": "StartTime {value} is not before EndTime {other}"}"#),
        Kind(name: "difference", meaning: "A timestamp or number at most `max` greater than the value at `other`.",
             arguments: [arg("other", .pointer, "the other value"), arg("max", .number, "the greatest difference (seconds for timestamps)")],
             placeholders: otherPlaceholder.merging(["difference": "the difference, in words"]) { $1 },
             example: #"{"kind": "difference", "pointer": "/Schedule/EndTime", "other": "/Schedule/StartTime", "max": 2592000, "message": "the experiment lasts {difference}, more than 30 days"}"#),
        Kind(name: "requires", meaning: "When the value equals `equals`, the value at `present` must exist.",
             arguments: [arg("equals", .string, "the value that needs the other"), arg("present", .pointer, "the value that must then exist")],
             placeholders: [:],
             example: #"{"kind": "requires", "pointer": "/Type", "equals": "ShadowMode", "present": "/KmsKey", "message": "set KmsKey to the team's KMS key"}"#),
        Kind(name: "unique", meaning: "The values the (wildcard) pointer matches are all different.",
             arguments: [], placeholders: otherPlaceholder,
             example: #"{"kind": "unique", "pointer": "/Tags/*/Key", "message": "tag key {value} is used twice"}"#),
        Kind(name: "memberOf", meaning: "A string equal to one of the values at `set` (a wildcard pointer).",
             arguments: [arg("set", .pointer, "the values allowed")], placeholders: otherPlaceholder.merging(["set": "the values allowed, listed"]) { $1 },
             example: #"{"kind": "memberOf", "pointer": "/ShadowModeConfig/SourceModelVariantName", "set": "/ModelVariants/*/VariantName", "message": "{value} is not one of {set}"}"#),
        Kind(name: "countKeys", meaning: "An object with at most `max` members, not counting those whose name `excluding` (PCRE2) matches.",
             arguments: [arg("max", .number, "the greatest count"), arg("excluding", .regex, required: false, "names not counted")],
             placeholders: ["count": "the number counted"],
             example: #"{"kind": "countKeys", "pointer": "/tags", "max": 50, "excluding": "(?i)aws:.*", "message": "{count} tags, more than 50"}"#),
        Kind(name: "jsonText", meaning: "A string that is JSON text (with `object`, a JSON object).",
             arguments: [arg("object", .boolean, required: false, "true: the text must be a JSON object")],
             placeholders: ["error": "why the text is not JSON"],
             example: #"{"kind": "jsonText", "pointer": "/InputConfig/ContainerConfig/DataInputConfig", "object": true, "message": "{name} is not a JSON dictionary: {error}"}"#),
        Kind(name: "excludes", meaning: "The value must be absent when the value at `other` is present.",
             arguments: [arg("other", .pointer, "the value that excludes this one")], placeholders: otherPlaceholder,
             example: #"{"kind": "excludes", "pointer": "/InputConfig/TrafficPattern/Stairs", "other": "/InputConfig/TrafficPattern/Phases", "message": "give Phases or Stairs, not both"}"#),
        Kind(name: "absent", meaning: "The value should not be given at all.",
             arguments: [], placeholders: [:],
             example: #"{"kind": "absent", "pointer": "/InputConfig/VolumeKmsKeyId", "message": "we encrypt with the default key: remove {name}"}"#),
    ]

    /// Every kind by name.
    public static let kindsByName: [String: Kind] = Dictionary(uniqueKeysWithValues: kinds.map { ($0.name, $0) })

    /// Keys every check has or may have.
    public static let checkKeys: [(name: String, required: Bool, meaning: String)] = [
        ("kind", true, "the check kind (below)"),
        ("pointer", true, "the values checked: a JSON pointer, `*` for any array element or member"),
        ("message", true, "what to write instead, with placeholders such as {value}"),
        ("when", false, "a condition: {\"pointer\": …, \"equals\": \"…\"} or {\"pointer\": …, \"absent\": true}"),
        ("relatedMessage", false, "the message at the other value, for kinds that name one"),
    ]

    /// Placeholders every kind has.
    public static let commonPlaceholders = ["value": "the value found (long values cut)", "name": "the member's name"]

    /// The keys of a rule file, with whether they are required (for `rule-paths` rules;
    /// bundled rules also need examples).
    public static let ruleKeys: [(name: String, required: Bool, meaning: String)] = [
        ("id", true, "service/name, or your organisation's prefix: acme/kms-required"),
        ("title", true, "a short title"),
        ("summary", true, "one sentence: what the rule checks"),
        ("severity", true, "error, warning or info"),
        ("operations", true, "the operations it applies to, such as sagemaker:CreateInferenceExperiment"),
        ("source", true, "{\"document\": where the rule is stated, \"quote\": the sentence, \"url\": its public page (optional)}"),
        ("checks", true, "the checks (below)"),
        ("note", false, "anything a reader should know"),
        ("examples", false, "{\"valid\": [{\"patch\": …}], \"invalid\": [{\"patch\": …, \"expect\": [pointers]}]}: run as tests"),
        ("$schema", false, "the rule format's JSON Schema, for editors (reqlint schema --rules)"),
    ]
    public static let sourceKeys = ["document", "quote", "url"]
    public static let whenKeys = ["pointer", "equals", "absent"]
    public static let exampleKeys = ["valid", "invalid"]
    public static let exampleEntryKeys = ["patch", "expect", "operation", "comment", "alsoReported"]
}
