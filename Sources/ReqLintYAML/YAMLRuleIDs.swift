import ReqLintCore

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
