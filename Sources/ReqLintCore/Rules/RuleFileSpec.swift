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

    /// Every check kind (each one type in `Rules/Checks/`, listed in ``CheckKinds``).
    public static let kinds: [Kind] = CheckKinds.all.map { $0.spec }

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
