/// How serious a finding is.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A stable rule identifier, such as `required` or `sagemaker/phase-duration-within-job`.
public struct RuleID: RawRepresentable, Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public init(_ value: String) { rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension RuleID {
    /// A required member is absent.
    public static let required: RuleID = "required"
    /// A member the operation does not have.
    public static let unknownMember: RuleID = "unknown-member"
    /// A value of the wrong JSON type (including `null`).
    public static let type: RuleID = "type"
    /// A string shorter or longer than the model allows (in code points).
    public static let length: RuleID = "length"
    /// A number outside the model's range.
    public static let range: RuleID = "range"
    /// A list or map with too few or too many entries.
    public static let size: RuleID = "size"
    /// A string that the model's pattern does not match in full.
    public static let pattern: RuleID = "pattern"
    /// A string that is not one of the model's enum values.
    public static let `enum`: RuleID = "enum"
    /// A member name that appears twice in one object.
    public static let duplicateKey: RuleID = "duplicate-key"
    /// A document that is not well-formed JSON.
    public static let syntax: RuleID = "syntax"
    /// A document whose operation could not be told (pass `--operation`).
    public static let unknownOperation: RuleID = "unknown-operation"
    /// A file that could not be read.
    public static let ioError: RuleID = "io-error"
}

/// One finding about a request document: which rule, how serious, what to write instead, and
/// where, as a JSON pointer and a byte range of the source.
public struct Diagnostic: Hashable, Sendable {
    /// Another place a diagnostic refers to, such as the other field of a cross-field rule or
    /// the first occurrence of a duplicate member.
    public struct Related: Hashable, Sendable {
        public var message: String
        public var pointer: JSONPointer
        public var range: SourceRange

        public init(message: String, pointer: JSONPointer, range: SourceRange) {
            self.message = message
            self.pointer = pointer
            self.range = range
        }
    }

    public var rule: RuleID
    public var severity: Severity
    /// What is wrong and what to write instead.
    public var message: String
    /// The member or value concerned.
    public var pointer: JSONPointer
    /// The bytes of the value concerned (for a missing member: the object that lacks it; for
    /// an unknown or duplicate member: its name).
    public var range: SourceRange
    public var related: [Related]
    /// What a front end may add to the message in its own words (the core names no command-
    /// line flag and no editor action): how to choose the operation, where to see every
    /// valid value, how to check against a newer model.
    public enum Advice: Hashable, Sendable {
        /// The document's operation could not be told.
        case chooseOperation
        /// The value is none of many enum values, and none is close.
        case listValues
        /// The finding may come from a model older than the value (an instance type newer
        /// than the model).
        case newerModel
    }

    /// The advice a front end may add, if any.
    public var advice: Advice?

    /// Set when the finding may come from a model older than the value.
    public var mayNeedNewerModel: Bool {
        get { advice == .newerModel }
        set { advice = newValue ? .newerModel : (advice == .newerModel ? nil : advice) }
    }

    public init(rule: RuleID, severity: Severity = .error, message: String, pointer: JSONPointer, range: SourceRange,
                related: [Related] = []) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.pointer = pointer
        self.range = range
        self.related = related
    }

    /// The diagnostic with `advice` (how a front end updates the model) added to its message
    /// when ``mayNeedNewerModel`` is set; unchanged otherwise.
    public func addingModelUpdateAdvice(_ advice: String) -> Diagnostic {
        addingAdvice { $0 == .newerModel ? "to update the model, \(advice)" : nil }
    }

    /// The diagnostic with a front end's words for its ``advice`` added to the message
    /// (`; ` and the text), when the front end has some; unchanged otherwise.
    public func addingAdvice(_ text: (Advice) -> String?) -> Diagnostic {
        guard let advice, let words = text(advice) else { return self }
        var d = self
        d.message += "; " + words
        return d
    }

    /// The order reports use: by position, then rule, then message.
    public static func sourceOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.range.start != b.range.start { return a.range.start < b.range.start }
        if a.range.end != b.range.end { return a.range.end < b.range.end }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message < b.message
    }
}
