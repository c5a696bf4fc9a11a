import ReqLintCore

// The YAML front end's rules: their ids and their descriptions (`reqlint rules`, docs/rules.md,
// SARIF), beside the code that reports them.

extension RuleID {
    /// An alias (`*name`) that repeats an anchored value (a warning at each alias; the value is
    /// expanded in the tree), or an anchor (`&name`) that no alias uses.
    public static let yamlAlias: RuleID = "yaml/alias"
    /// An explicit tag: a warning for the YAML core tags (`!!str`, `!!int`, `!!float`,
    /// `!!bool`, `!!null`, `!!map`, `!!seq`), which are applied; an error for any other tag
    /// (`!Ref`, `!!binary`, ...), which the AWS CLI cannot load.
    public static let yamlTag: RuleID = "yaml/tag"
    /// An unquoted value that YAML 1.1 and YAML 1.2 parsers read as different types or values
    /// (`yes`, `0123`, `1_000`, `1:30`, `2026-12-01`, `1e3`, ...).
    public static let yamlImplicitType: RuleID = "yaml/implicit-type"
    /// More than one document in the stream (the AWS CLI reads exactly one).
    public static let yamlMultipleDocuments: RuleID = "yaml/multiple-documents"
    /// A merge key (`<<: *base`): a warning, and the members are merged; an error when its
    /// value is not a mapping or a list of mappings.
    public static let yamlMergeKey: RuleID = "yaml/merge-key"
}

extension RuleCatalog {
    /// The rules of YAML request documents (`--cli-input-yaml`): hazards that JSON does not have.
    public static let yamlRules: [RuleDescriptor] = [
        RuleDescriptor(id: .yamlAlias, title: "YAML anchor or alias",
                       summary: "An alias (*name) repeats an anchored value, or an anchor (&name) is unused; the AWS CLI expands aliases, but a reviewer reading the request sees only the reference.", severity: .warning,
                       source: "YAML 1.2 section 3.2.2.2"),
        RuleDescriptor(id: .yamlTag, title: "YAML tag",
                       summary: "An explicit tag: the core tags (!!str, !!int, ...) are applied with a warning; any other tag (!Ref, !!binary, ...) cannot be loaded by the AWS CLI and is an error.",
                       source: "YAML 1.2 section 6.8.1"),
        RuleDescriptor(id: .yamlImplicitType, title: "YAML implicit type",
                       summary: "An unquoted value that YAML 1.1 and YAML 1.2 parsers read as different types (yes, no, on, off, 0123, 1_000, 1:30, 2026-12-01): quote it or write the intended type.", severity: .warning,
                       source: "YAML 1.1 and 1.2 core schemas"),
        RuleDescriptor(id: .yamlMultipleDocuments, title: "One YAML document",
                       summary: "The stream holds more than one document; the AWS CLI reads exactly one.",
                       source: "AWS CLI --cli-input-yaml"),
        RuleDescriptor(id: .yamlMergeKey, title: "YAML merge key",
                       summary: "A merge key (<<: *base) merges another mapping's members; not every YAML loader supports it (it is not part of YAML 1.2).", severity: .warning,
                       source: "YAML 1.1 merge key type"),
    ]
}
