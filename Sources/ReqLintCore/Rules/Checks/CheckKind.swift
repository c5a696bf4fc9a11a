/// One kind of documented-rule check, all in one type: its specification (meaning,
/// arguments, placeholders and example, from which the rule-file validator, the rule format's
/// JSON Schema and `docs/rule-language.md` are made), how its arguments are read from a rule
/// file, and how it judges a value. A new kind is a new type in `Rules/Checks/`, listed in
/// ``CheckKinds/all``.
protocol CheckKind: Hashable, Sendable {
    /// What the kind checks and takes, as data.
    static var spec: RuleFileSpec.Kind { get }
    /// Reads the kind's arguments from a check's JSON; `fail` makes the error to throw.
    init(json: JSONValue, fail: (String) -> ReqLintError) throws
    /// The PCRE2 regular expressions it uses (compiled once per rule set).
    var regexes: [String] { get }
    /// A second pointer whose matches a document's evaluation caches (`memberOf`'s set).
    var secondPattern: PointerPattern? { get }
    /// Judges one value the check's pointer matched (present, reliable, its `when` holding).
    func judge(_ match: PointerPattern.Match, _ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator)
    /// Runs after every match was judged (for kinds that compare all matches).
    func finish(_ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator)
}

extension CheckKind {
    var regexes: [String] { [] }
    var secondPattern: PointerPattern? { nil }
    func finish(_ planned: DocumentedRuleSet.PlannedCheck, _ e: inout DocumentedRuleEvaluator) {}
}

/// Every check kind, in the order the documentation lists them.
enum CheckKinds {
    static let all: [any CheckKind.Type] = [
        RangeCheck.self, StepCheck.self, OneOfCheck.self, PatternCheck.self, KeyPatternCheck.self, LengthCheck.self, CompareCheck.self,
        DifferenceCheck.self, RequiresCheck.self, UniqueCheck.self, MemberOfCheck.self, CountKeysCheck.self, JSONTextCheck.self,
        ExcludesCheck.self, AbsentCheck.self,
    ]

    static let byName: [String: any CheckKind.Type] = Dictionary(uniqueKeysWithValues: all.map { ($0.spec.name, $0) })
}

/// A check kind as a value of ``RuleCheck`` (equal when the kinds and their arguments are).
struct AnyCheckKind: Hashable, Sendable {
    let base: any CheckKind

    static func == (lhs: AnyCheckKind, rhs: AnyCheckKind) -> Bool { AnyHashable(lhs.base) == AnyHashable(rhs.base) }
    func hash(into hasher: inout Hasher) { hasher.combine(AnyHashable(base)) }
}

/// The `regex` and `negate` arguments of the kinds that match a regular expression.
struct RegexArgument: Hashable, Sendable {
    var regex: String
    var negate: Bool

    init(json: JSONValue, kind: String, fail: (String) -> ReqLintError) throws {
        guard let regex = json["regex"]?.stringValue else { throw fail("\(kind) needs a regex") }
        self.regex = regex
        negate = json["negate"] == .bool(true)
    }
}
