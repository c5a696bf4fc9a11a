/// What a rule is, for documentation, `reqlint rules`, SARIF's `tool.driver.rules` and the
/// editor: a stable id, a title, a summary, the default severity and where it is documented.
public struct RuleDescriptor: Hashable, Sendable {
    public var id: RuleID
    /// A short title ("Required member").
    public var title: String
    /// What the rule checks, in a sentence or two.
    public var summary: String
    public var severity: Severity
    /// The document that states the constraint.
    public var source: String
    /// The public page of that document (docs.aws.amazon.com), for documented rules.
    public var sourceURL: String?

    public init(id: RuleID, title: String, summary: String, severity: Severity = .error, source: String, sourceURL: String? = nil) {
        self.id = id
        self.title = title
        self.summary = summary
        self.severity = severity
        self.source = source
        self.sourceURL = sourceURL
    }

    /// The rule's section in the project's rules catalogue.
    public var catalogueURI: String { RuleCatalog.documentationURL + "#" + String(id.rawValue.filter { $0 != "/" }) }

    /// The page a user follows for the rule: a documented rule's public source page, otherwise
    /// the rule's section in the catalogue.
    public var helpURI: String { sourceURL ?? catalogueURI }
}

/// Every rule reqlint knows.
public enum RuleCatalog {
    /// Where the rule documentation lives (the repository's `docs/rules.md`, at the project's
    /// address: `BuildInfo.projectURL`).
    public static var documentationURL: String { BuildInfo.rulesDocumentationURL }

    static let model = "the operation's service model (botocore service-2.json)"

    /// The rules that check the service model's constraints, which the operation's page in the
    /// AWS API reference states (`BuildInfo.apiReferenceURL`).
    public static let modelConstraintRules: Set<RuleID> = [.required, .unknownMember, .type, .length, .range, .size, .pattern, .enum]

    /// The rules that check the service model's machine-readable constraints.
    public static let modelRules: [RuleDescriptor] = [
        RuleDescriptor(id: .syntax, title: "Well-formed JSON",
                       summary: "The document must be well-formed JSON (RFC 8259): no comments, trailing commas, single quotes, invalid UTF-8, lone surrogate escapes or content after the document.",
                       source: "RFC 8259"),
        RuleDescriptor(id: .duplicateKey, title: "Duplicate member",
                       summary: "A member name must appear once per object: the AWS CLI keeps only the last value and silently drops the others.",
                       source: "RFC 8259 section 4; the AWS CLI's JSON reader keeps the last value"),
        RuleDescriptor(id: .required, title: "Required member",
                       summary: "Every member the model marks as required must be present (null does not count as absent: it is a type error).",
                       source: model),
        RuleDescriptor(id: .unknownMember, title: "Unknown member",
                       summary: "Every member must be one the operation's input shape defines, spelled with the same letter case.",
                       source: model),
        RuleDescriptor(id: .type, title: "Value type",
                       summary: "Each value must have the model's type: strings, integers without fraction or exponent that fit 32 (integer) or 64 (long) bits, finite numbers, booleans, timestamps as epoch seconds or ISO 8601 date-times, objects, arrays. null is never valid.",
                       source: model),
        RuleDescriptor(id: .length, title: "String length",
                       summary: "A string's length, counted in Unicode code points, must be within the model's min and max.",
                       source: model),
        RuleDescriptor(id: .range, title: "Numeric range",
                       summary: "A number must be within the model's min and max.",
                       source: model),
        RuleDescriptor(id: .size, title: "List or map size",
                       summary: "A list's or map's number of entries must be within the model's min and max.",
                       source: model),
        RuleDescriptor(id: .pattern, title: "Pattern",
                       summary: "A string must match the model's regular expression in full, with Java's semantics (as AWS applies it).",
                       source: model),
        RuleDescriptor(id: .enum, title: "Enumerated value",
                       summary: "A string must be exactly one of the model's enum values (letter case matters).",
                       source: model),
        RuleDescriptor(id: .unknownOperation, title: "Operation of the document",
                       summary: "reqlint must be able to tell which operation a document is for, from its members or from --operation.",
                       source: "reqlint"),
        RuleDescriptor(id: .ioError, title: "Readable file",
                       summary: "The file must exist and be readable.",
                       source: "reqlint"),
    ]

    /// Rules about reqlint's own inputs and answers rather than a request's content: every
    /// rule id that can appear in output is documented (`reqlint rules`, SARIF rules).
    public static let toolRules: [RuleDescriptor] = [
        RuleDescriptor(id: "config", title: "Configuration",
                       summary: "The configuration file (.reqlint.yaml) must be valid: known keys, rule ids and operations, valid settings, suppressions with a reason. A suppression that matched no finding is a warning, so stale ones get removed.",
                       source: "reqlint"),
        RuleDescriptor(id: "service", title: "The service's answer",
                       summary: "reqlint send: the service rejected the request; a ValidationException that names a member is shown at that member.",
                       source: "the service's response"),
    ]

    /// Every rule of the core, by id (the YAML front end's are ``yamlRules``, in ReqLintYAML).
    public static let all: [RuleID: RuleDescriptor] = Dictionary(uniqueKeysWithValues: (modelRules + toolRules).map { ($0.id, $0) })

    /// The descriptor of `id`, or a generic one for an id reqlint does not know.
    public static func descriptor(_ id: RuleID) -> RuleDescriptor {
        all[id] ?? RuleDescriptor(id: id, title: id.rawValue, summary: id.rawValue, source: "reqlint")
    }
}
