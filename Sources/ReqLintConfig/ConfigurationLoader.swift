import ReqLintCore
import ReqLintYAML

/// Reads a `.reqlint.yaml`. Every problem (an unknown key, a bad value, an unknown rule id or
/// operation, a suppression without a reason) is a diagnostic with its position in the file;
/// nothing is silently ignored.
public enum ConfigurationLoader {
    /// The rule id of configuration problems.
    public static let rule: RuleID = "config"

    /// The result of reading a configuration file.
    public struct Loaded: Sendable {
        public var configuration: Configuration
        /// Problems found; any error means the configuration is not usable (exit 2).
        public var diagnostics: [Diagnostic]
        /// The file's bytes, for positions.
        public var bytes: [UInt8]
    }

    /// Reads the configuration in `bytes` (the file at `path`, whose folder is `directory`).
    /// `knownRules` and `knownOperations` validate rule ids and operation ids.
    public static func load(bytes: [UInt8], path: String, directory: String,
                            knownRules: Set<RuleID>, knownOperations: Set<OperationID>) -> Loaded {
        var reader = Reader(bytes: bytes, path: path)
        var configuration = Configuration(directory: directory)
        configuration.path = path
        let (parsed, yamlDiagnostics) = YAMLRequestDocument.parse(bytes)
        // Warnings about YAML 1.1 readings (`off`, `yes`), aliases or merge keys do not matter
        // here: values are read as the text they are written with.
        let fatal = yamlDiagnostics.filter { $0.severity == .error }
        guard let document = parsed, fatal.isEmpty else {
            if fatal.count == 1, fatal[0].message == YAMLRequestDocument.emptyDocumentMessage {
                return Loaded(configuration: configuration, diagnostics: [], bytes: bytes)  // empty or comments only
            }
            for problem in fatal {
                reader.diagnostics.append(Diagnostic(rule: rule, message: "\(path) is not valid YAML: \(problem.message)", pointer: .root, range: problem.range))
            }
            return Loaded(configuration: configuration, diagnostics: reader.diagnostics, bytes: bytes)
        }
        reader.document = document
        let root = document.root!
        guard let mapping = reader.mapping(root) else {
            reader.error(root, "the configuration must be a mapping of keys such as rules:, exclude:, suppressions:", pointer: .root)
            return Loaded(configuration: configuration, diagnostics: reader.diagnostics, bytes: bytes)
        }
        let parents = document.parents()
        let slots = document.childSlots()
        for duplicate in document.duplicateKeys() {
            let first = reader.lines.position(of: Int(document[duplicate.first].range.start))
            reader.error(duplicate.key, "duplicate key \"\(document.string(duplicate.key))\" (first at line \(first.line)): keep one of them",
                         pointer: document.pointer(to: duplicate.key, parents: parents, slots: slots))
        }
        for (keyNode, value) in mapping {
            guard let key = reader.scalar(keyNode) else {
                reader.error(keyNode, "configuration keys are strings", pointer: .root)
                continue
            }
            let pointer = JSONPointer(tokens: [key])
            configuration.origins[key] = reader.origin(keyNode)
            switch key {
            case "version":
                if reader.scalar(value) != "1" { reader.error(value, "version must be 1", pointer: pointer) }
            case "include":
                configuration.include = reader.strings(value, pointer).map(Glob.init)
            case "exclude":
                configuration.exclude = reader.strings(value, pointer).map(Glob.init)
            case "operations":
                guard let entries = reader.mapping(value) else {
                    reader.error(value, "operations maps file globs to operation ids, e.g. \"requests/shadow/*.json\": sagemaker:CreateInferenceExperiment", pointer: pointer)
                    continue
                }
                for (globNode, opNode) in entries {
                    guard let glob = reader.scalar(globNode), let text = reader.scalar(opNode) else {
                        reader.error(globNode, "each entry maps a glob to an operation id", pointer: pointer)
                        continue
                    }
                    guard let id = OperationID(text), knownOperations.contains(id) else {
                        let known = knownOperations.sorted().map(\.description).joined(separator: ", ")
                        reader.error(opNode, "unknown operation \"\(text)\"; expected one of \(known)", pointer: pointer.appending(glob))
                        continue
                    }
                    configuration.operations.append((Glob(glob), id))
                }
            case "rules":
                guard let entries = reader.mapping(value) else {
                    reader.error(value, "rules maps rule ids to off, info, warning or error", pointer: pointer)
                    continue
                }
                for (idNode, settingNode) in entries {
                    guard let id = reader.scalar(idNode) else { continue }
                    let rulePointer = pointer.appending(id)
                    if !knownRules.contains(RuleID(id)) {
                        reader.error(idNode, "unknown rule \"\(id)\"" + Self.nearestRule(id, knownRules), pointer: rulePointer)
                        continue
                    }
                    guard let text = reader.scalar(settingNode), let setting = Configuration.RuleSetting(rawValue: text) else {
                        reader.error(settingNode, "\(Self.quoted(reader.scalar(settingNode))) is not a rule setting: a rule is set to off, info, warning or error"
                                     + Self.didYouMean(reader.scalar(settingNode), Configuration.RuleSetting.allCases.map(\.rawValue)), pointer: rulePointer)
                        continue
                    }
                    configuration.rules[RuleID(id)] = setting
                }
            case "fail-level":
                guard let text = reader.scalar(value), let level = Severity(rawValue: text) else {
                    reader.error(value, "\(Self.quoted(reader.scalar(value))) is not a fail level: fail-level is error, warning or info"
                                 + Self.didYouMean(reader.scalar(value), Severity.allCases.map(\.rawValue)), pointer: pointer)
                    continue
                }
                configuration.failLevel = level
            case "rule-paths":
                configuration.rulePaths = reader.strings(value, pointer).map { absolute($0, in: directory) }
            case "model":
                configuration.models = reader.strings(value, pointer).map { absolute($0, in: directory) }
            case "baseline":
                guard let text = reader.scalar(value), !text.isEmpty else {
                    reader.error(value, "baseline is the path of a baseline file (written by --write-baseline), relative to this file", pointer: pointer)
                    continue
                }
                configuration.baseline = absolute(text, in: directory)
            case "suppressions":
                guard let list = reader.sequence(value) else {
                    reader.error(value, "suppressions is a list of {files, rule, pointer, reason}", pointer: pointer)
                    continue
                }
                for (index, entry) in list.enumerated() {
                    if let suppression = reader.suppression(entry, pointer: pointer.appending(index), knownRules: knownRules) {
                        configuration.suppressions.append(suppression)
                    }
                }
            default:
                let near = Configuration.keys.first { $0.replacingAll("-", "") == key.lowercased().replacingAll("-", "").replacingAll("_", "") }
                    ?? Suggestions.closest(to: key, in: Configuration.keys)
                reader.error(keyNode, "unknown key \"\(key)\"" + (near.map { "; did you mean \"\($0)\"?" } ?? "; expected one of \(Configuration.keys.joined(separator: ", "))"), pointer: pointer)
            }
        }
        return Loaded(configuration: configuration, diagnostics: reader.diagnostics, bytes: bytes)
    }

    /// A value as a message quotes it: `"warn"` (or "an empty value").
    static func quoted(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "an empty value" }
        return "\"" + DisplayText.abbreviated(value) + "\""
    }

    /// `; did you mean "x"?` for the nearest of `candidates`, or nothing.
    static func didYouMean(_ value: String?, _ candidates: [String]) -> String {
        guard let value, let near = Suggestions.closest(to: value, in: candidates) else { return "" }
        return "; did you mean \"\(near)\"?"
    }

    /// The nearest known rule ids to a mistyped one (by edit distance, or a shared last part:
    /// `phase-initial-users` for `sagemaker/phase-initial-users`).
    static func nearestRule(_ id: String, _ known: Set<RuleID>) -> String {
        let ids = known.map(\.rawValue).sorted()
        var near = ids.filter { $0.hasSuffix("/" + id) || id.hasSuffix("/" + ($0.split(separator: "/").last.map(String.init) ?? $0)) }
        if near.isEmpty, let closest = Suggestions.closest(to: id, in: ids) { near = [closest] }
        return near.isEmpty ? "; see the rule list (reqlint rules)" : "; did you mean \(near.map { "\"\($0)\"" }.joined(separator: ", "))?"
    }

    /// `path` made absolute against `directory`.
    static func absolute(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : (directory.hasSuffix("/") ? directory : directory + "/") + path
    }
}

/// Reads values out of the configuration's document (the YAML front end's tree, whose ranges
/// point into the file), recording problems with their positions.
struct Reader {
    typealias Node = Int32
    let bytes: [UInt8]
    let path: String
    let lines: LineTable
    var document = JSONParser.parse(Array("{}".utf8))
    var diagnostics: [Diagnostic] = []

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
        lines = LineTable(bytes)
    }

    /// A scalar as written: a string's value, or the literal of a number, boolean or null.
    func scalar(_ node: Node) -> String? {
        switch document[node].kind {
        case .object, .array: return nil
        case .string: return document.string(node)
        default: return document.literal(node)
        }
    }

    /// The (key, value) pairs of a mapping, in order.
    func mapping(_ node: Node) -> [(key: Node, value: Node)]? {
        document[node].kind == .object ? document.members(of: node) : nil
    }

    /// The items of a sequence.
    func sequence(_ node: Node) -> [Node]? {
        document[node].kind == .array ? Array(document.elements(of: node)) : nil
    }

    /// `path:line:column` of a node.
    func origin(_ node: Node) -> String {
        let position = lines.position(of: Int(document[node].range.start))
        return "\(path):\(position.line):\(position.column)"
    }

    /// The byte range of a node (for a collection, its first character).
    func range(_ node: Node) -> SourceRange {
        let range = document[node].range
        switch document[node].kind {
        case .object, .array: return SourceRange(start: range.start, end: min(range.start + 1, range.end))
        default: return range
        }
    }

    mutating func error(_ node: Node, _ message: String, pointer: JSONPointer) {
        diagnostics.append(Diagnostic(rule: ConfigurationLoader.rule, message: message, pointer: pointer, range: range(node)))
    }

    mutating func error(at offset: Int, _ message: String, pointer: JSONPointer) {
        diagnostics.append(Diagnostic(rule: ConfigurationLoader.rule, message: message, pointer: pointer, range: .at(offset)))
    }

    /// A string or a list of strings.
    mutating func strings(_ node: Node, _ pointer: JSONPointer) -> [String] {
        if let text = scalar(node) { return [text] }
        guard let list = sequence(node) else {
            error(node, "expected a string or a list of strings", pointer: pointer)
            return []
        }
        var result: [String] = []
        for (i, item) in list.enumerated() {
            if let text = scalar(item) { result.append(text) } else { error(item, "expected a string", pointer: pointer.appending(i)) }
        }
        return result
    }

    mutating func suppression(_ node: Node, pointer: JSONPointer, knownRules: Set<RuleID>) -> Configuration.Suppression? {
        guard let entry = mapping(node) else {
            error(node, "a suppression is a mapping with files, rule, reason and optionally pointer", pointer: pointer)
            return nil
        }
        var files: String?, rule: String?, jsonPointer: JSONPointer?, reason: String?
        var ok = true
        for (keyNode, value) in entry {
            let key = scalar(keyNode) ?? ""
            let text = scalar(value)
            switch key {
            case "files": files = text
            case "rule":
                rule = text
                if let text, !knownRules.contains(RuleID(text)) {
                    error(value, "unknown rule \"\(text)\"" + ConfigurationLoader.nearestRule(text, knownRules), pointer: pointer.appending("rule"))
                    ok = false
                }
            case "pointer":
                if let text, let parsed = JSONPointer(text) { jsonPointer = parsed } else {
                    error(value, "pointer must be a JSON pointer such as /InputConfig/JobDurationInSeconds", pointer: pointer.appending("pointer"))
                    ok = false
                }
            case "reason": reason = text
            default:
                error(keyNode, "unknown key \"\(key)\" in a suppression" + (Suggestions.closest(to: key, in: ["files", "rule", "pointer", "reason"]).map { "; did you mean \"\($0)\"?" } ?? "; expected files, rule, pointer, reason"), pointer: pointer.appending(key))
                ok = false
            }
        }
        if files == nil { error(node, "a suppression needs files: a glob of the files it applies to", pointer: pointer); ok = false }
        if rule == nil { error(node, "a suppression needs rule: the rule id it suppresses", pointer: pointer); ok = false }
        if (reason ?? "").trimmingSpaces().isEmpty { error(node, "a suppression needs a reason: say why the finding is accepted", pointer: pointer); ok = false }
        guard ok, let files, let rule, let reason else { return nil }
        return Configuration.Suppression(files: Glob(files), rule: RuleID(rule), pointer: jsonPointer, reason: reason,
                                         origin: origin(node), range: range(node))
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }

    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
