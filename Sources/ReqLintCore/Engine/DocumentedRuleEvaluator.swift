/// The documented rules of every operation. An operation's rules are read, its checks planned
/// and their regular expressions compiled when a document of that operation is first judged:
/// linting one file reads the rules of one operation, not every rule.
public struct DocumentedRuleSet: Sendable {
    /// A rule that may not be read yet: the operations it applies to, and how to read it, with
    /// its examples (for documentation and tests) or without (all that checking needs).
    public struct Source: Sendable {
        public var operations: [OperationID]
        public var load: @Sendable (_ examples: Bool) throws -> DocumentedRule

        public init(operations: [OperationID], load: @escaping @Sendable (_ examples: Bool) throws -> DocumentedRule) {
            self.operations = operations
            self.load = load
        }
    }

    /// A check ready to run: its rule, and the numbers of the patterns whose matches a
    /// document's evaluation caches.
    final class PlannedCheck: Sendable {
        let rule: RuleDescriptor
        let check: RuleCheck
        /// The number of ``RuleCheck/pointer``.
        let pointer: Int
        /// The number of the kind's second pattern (a `memberOf` check's set), else -1.
        let set: Int

        /// ``RuleCheck/kind``, held apart so that running the check copies no `RuleCheck`
        /// (7.5 M instructions of a 1,000-document run).
        let kind: any CheckKind

        init(rule: RuleDescriptor, check: RuleCheck, pointer: Int, set: Int) {
            self.rule = rule
            self.check = check
            self.pointer = pointer
            self.set = set
            kind = check.kind.base
        }
    }

    /// One operation's checks in rule order, with their pointer patterns numbered and their
    /// regular expressions compiled.
    struct Plan: Sendable {
        let checks: [PlannedCheck]
        let patterns: [String: CompiledPattern]
        /// The number of distinct pointer patterns (the size of a document's match cache).
        let patternCount: Int

        /// Plans `rules` (sorted by id) for `operation`; throws when a regular expression does not compile.
        init(_ rules: [DocumentedRule], operation: OperationID) throws {
            // Distinct pointer patterns are numbered: a document's match cache is an array.
            var numbers: [PointerPattern: Int] = [:]
            func number(_ pattern: PointerPattern) -> Int {
                if let known = numbers[pattern] { return known }
                numbers[pattern] = numbers.count
                return numbers.count - 1
            }
            var checks: [PlannedCheck] = []
            var patterns: [String: CompiledPattern] = [:]
            for rule in rules where rule.operations.contains(operation) {
                for check in rule.checks {
                    var set = -1
                    if let pattern = check.kind.base.secondPattern { set = number(pattern) }
                    checks.append(PlannedCheck(rule: rule.descriptor, check: check, pointer: number(check.pointer), set: set))
                    for regex in check.kind.base.regexes where patterns[regex] == nil { patterns[regex] = try CompiledPattern(pcre2: regex) }
                }
            }
            self.checks = checks
            self.patterns = patterns
            patternCount = numbers.count
        }
    }

    private let storage: Storage

    /// Every rule with its examples, sorted by id (reading those not read yet).
    public var rules: [DocumentedRule] { storage.allRules() }

    /// The rules `rules`, planned for every operation now; throws when a rule's regular
    /// expression does not compile.
    public init(_ rules: [DocumentedRule]) throws {
        storage = Storage(rules.map { rule in Source(operations: rule.operations, load: { _ in rule }) })
        for operation in Set(rules.flatMap(\.operations)) { _ = try storage.plan(operation) }
    }

    /// Rules read and planned on first use, by operation. A rule that cannot be read or
    /// compiled then stops the process: use this for rules the tests have compiled (the
    /// bundled ones).
    public init(lazy sources: [Source]) {
        storage = Storage(sources)
    }

    /// The rules that apply to `operation`, with their examples, sorted by id.
    public func rules(for operation: OperationID) -> [DocumentedRule] { storage.rules(for: operation) }

    /// The diagnostics of every documented rule of `operation` on `document`. Values the model
    /// checks already found wrong are not judged again: `untyped` (a type error: nothing at or
    /// below them) and `invalid` (another constraint).
    func evaluate(_ document: JSONDocument, operation: OperationID, untyped: Set<Int32>, invalid: Set<Int32>) -> [Diagnostic] {
        let plan: Plan
        do {
            plan = try storage.plan(operation)
        } catch {
            fatalError("documented rules of \(operation) do not compile: \(error)")  // a lazy set's rules are compiled by the tests
        }
        var evaluator = DocumentedRuleEvaluator(document: document, patterns: plan.patterns, patternCount: plan.patternCount)
        evaluator.untypedNodes = untyped
        evaluator.invalidNodes = invalid
        for planned in plan.checks { evaluator.run(planned) }
        return evaluator.diagnostics
    }

    /// The sources, what has been read of them and the plans made, behind one lock.
    private final class Storage: @unchecked Sendable {
        private let lock = Lock()
        private let sources: [Source]
        private var loaded: [DocumentedRule?]
        /// Whether `loaded[i]` has its examples.
        private var withExamples: [Bool]
        private var plans: [OperationID: Plan] = [:]

        init(_ sources: [Source]) {
            self.sources = sources
            loaded = Array(repeating: nil, count: sources.count)
            withExamples = Array(repeating: false, count: sources.count)
        }

        /// The rules of the sources `include` selects, read if need be, sorted by id. Under `lock`.
        private func read(examples: Bool, where include: (Source) -> Bool) -> [DocumentedRule] {
            var rules: [DocumentedRule] = []
            for (index, source) in sources.enumerated() where include(source) {
                if loaded[index] == nil || (examples && !withExamples[index]) {
                    do {
                        loaded[index] = try source.load(examples)
                        withExamples[index] = examples
                    } catch {
                        fatalError("a documented rule cannot be read: \(error)")  // a lazy set's rules are read by the tests
                    }
                }
                rules.append(loaded[index]!)
            }
            return rules.sorted { $0.descriptor.id < $1.descriptor.id }
        }

        func allRules() -> [DocumentedRule] { lock.withLock { read(examples: true) { _ in true } } }

        func rules(for operation: OperationID) -> [DocumentedRule] {
            lock.withLock { read(examples: true) { $0.operations.contains(operation) } }
        }

        func plan(_ operation: OperationID) throws -> Plan {
            try lock.withLock {
                if let plan = plans[operation] { return plan }
                let plan = try Plan(read(examples: false) { $0.operations.contains(operation) }, operation: operation)
                plans[operation] = plan
                return plan
            }
        }
    }
}

/// Runs documented-rule checks on one document.
struct DocumentedRuleEvaluator {
    let document: JSONDocument
    let patterns: [String: CompiledPattern]
    /// Values with a type error: nothing at or below them is judged.
    var untypedNodes: Set<Int32> = []
    /// Values that broke another model constraint.
    var invalidNodes: Set<Int32> = []
    var diagnostics: [Diagnostic] = []
    /// The matches of each pointer pattern in this document: checks share pointers, and a
    /// condition (`when`) is looked up again for every match of its check.
    final class MatchCache {
        /// By pattern number (``DocumentedRuleSet/PlannedCheck``).
        var entries: [[PointerPattern.Match]?]
        /// ``JSONDocument/parents()``, computed when the first pointer is needed.
        var parents: [Int32]?
        /// ``JSONDocument/childSlots()``, computed when the first pointer is needed.
        var slots: [Int32]?

        init(count: Int) { entries = Array(repeating: nil, count: count) }
    }
    let cache: MatchCache

    init(document: JSONDocument, patterns: [String: CompiledPattern], patternCount: Int) {
        self.document = document
        self.patterns = patterns
        cache = MatchCache(count: patternCount)
    }

    /// The pointer of a matched value (built only for messages).
    func pointer(_ match: PointerPattern.Match) -> JSONPointer {
        if cache.parents == nil { cache.parents = document.parents() }
        if cache.slots == nil { cache.slots = document.childSlots() }
        return document.pointer(to: match.node, parents: cache.parents!, slots: cache.slots)
    }

    /// Whether the value `match` found is fit to be judged.
    func reliable(_ match: PointerPattern.Match) -> Bool {
        // Most documents have no model errors: then nothing needs the document's parents.
        if invalidNodes.isEmpty && untypedNodes.isEmpty { return true }
        if invalidNodes.contains(match.node) { return false }
        if untypedNodes.isEmpty { return true }
        if cache.parents == nil { cache.parents = document.parents() }
        var node = match.node
        while node >= 0 {
            if untypedNodes.contains(node) { return false }
            node = cache.parents![Int(node)]
        }
        return true
    }

    /// `pattern.matches(in: document)`, computed once per pattern.
    func matches(_ pattern: PointerPattern, number: Int) -> [PointerPattern.Match] {
        if let cached = cache.entries[number] { return cached }
        let found = pattern.matches(in: document)
        cache.entries[number] = found
        return found
    }

    // MARK: Values

    func number(_ node: Int32) -> Double? {
        document[node].kind == .number ? Double(document.literal(node)) : nil
    }

    func string(_ node: Int32) -> String? {
        document[node].kind == .string ? document.string(node) : nil
    }

    /// A timestamp or number as seconds.
    func instant(_ node: Int32) -> Double? {
        if let n = number(node) { return n }
        return string(node).flatMap(Timestamp.epochSeconds)
    }

    /// A value's whole text, for comparisons (``shown(_:)`` cuts long values).
    func exact(_ node: Int32) -> String { string(node) ?? document.literal(node) }

    /// How a value appears in a message.
    func shown(_ node: Int32) -> String {
        if let s = string(node) { return ShapeValidator.shown(s) }
        return ShapeValidator.shown(document.literal(node))
    }

    /// The single reliable value `pattern` names once `bindings` fill its wildcards.
    func other(_ pattern: PointerPattern, _ bindings: [Int32]) -> PointerPattern.Match? {
        let matches = pattern.matches(in: document, bindings: bindings)
        guard matches.count == 1, reliable(matches[0]) else { return nil }
        return matches[0]
    }

    static func name(_ pointer: JSONPointer) -> String {
        var suffix = ""
        for token in pointer.tokens.reversed() {
            if Int(token) != nil { suffix = "[\(token)]" + suffix } else { return token + suffix }
        }
        return "the request" + suffix
    }

    /// The rule's message with its placeholders (`{value}`, `{name}`, `{other}` and the
    /// check's own, such as `{min}`) filled in, in one pass; an unknown `{...}` stays as written.
    func message(_ template: String, _ match: PointerPattern.Match, other: PointerPattern.Match? = nil, extra: [String: String] = [:]) -> String {
        let utf8 = Array(template.utf8)
        var out = ""
        var plain = 0
        var i = 0
        while i < utf8.count {
            guard utf8[i] == UInt8(ascii: "{"), let close = utf8[(i + 1)...].firstIndex(of: UInt8(ascii: "}")) else {
                i += 1
                continue
            }
            let key = String(decoding: utf8[(i + 1) ..< close], as: UTF8.self)
            let value: String?
            switch key {
            case "value": value = shown(match.node)
            case "name": value = Self.name(pointer(match))
            case "other": value = other.map { shown($0.node) } ?? extra[key]
            default: value = extra[key]
            }
            guard let value else {
                i += 1
                continue
            }
            out += String(decoding: utf8[plain ..< i], as: UTF8.self) + value
            i = close + 1
            plain = i
        }
        return out + String(decoding: utf8[plain...], as: UTF8.self)
    }

    mutating func report(_ planned: DocumentedRuleSet.PlannedCheck, _ match: PointerPattern.Match, node: Int32? = nil,
                         pointer given: JSONPointer? = nil, other: PointerPattern.Match? = nil, extra: [String: String] = [:]) {
        let rule = planned.rule, check = planned.check
        var related: [Diagnostic.Related] = []
        if let other {
            let otherPointer = pointer(other)
            let text = check.relatedMessage.map { message($0, match, other: other, extra: extra) } ?? "\(Self.name(otherPointer)) is here"
            related.append(Diagnostic.Related(message: text, pointer: otherPointer, range: document[other.node].range))
        }
        diagnostics.append(Diagnostic(rule: rule.id, severity: rule.severity, message: message(check.message, match, other: other, extra: extra),
                                      pointer: given ?? pointer(match), range: document[node ?? match.node].range, related: related))
    }

    /// A check that could not be completed (the regular expression engine stopped at its
    /// limit) is reported as not checked, at the rule's severity, whatever the check's
    /// polarity: an incomplete check never passes.
    mutating func reportNotChecked(_ rule: RuleDescriptor, _ match: PointerPattern.Match, reason: String, node: Int32? = nil, pointer given: JSONPointer? = nil) {
        let target = given ?? pointer(match)
        diagnostics.append(Diagnostic(rule: rule.id, severity: rule.severity,
                                      message: "\(Self.name(target)) could not be checked by this rule: the regular expression engine stopped (\(reason)); it is not known to pass",
                                      pointer: target, range: document[node ?? match.node].range))
    }

    // MARK: Checks

    mutating func run(_ planned: DocumentedRuleSet.PlannedCheck) {
        let kind = planned.kind
        for match in matches(planned.check.pointer, number: planned.pointer) where reliable(match) {
            if let condition = planned.check.when {
                if let equals = condition.equals {
                    guard let value = other(condition.pointer, match.bindings), string(value.node) == equals else { continue }
                } else if !condition.pointer.matches(in: document, bindings: match.bindings).isEmpty {
                    continue  // the condition asks for the value to be absent
                }
            }
            kind.judge(match, planned, &self)
        }
        kind.finish(planned, &self)
    }
}
