import ReqLintCore
import Yams

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
        let text = String(decoding: bytes, as: UTF8.self)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            reader.error(at: reader.offset(of: error), "\(path) is not valid YAML: \(Self.describe(error))", pointer: .root)
            return Loaded(configuration: configuration, diagnostics: reader.diagnostics, bytes: bytes)
        } catch {
            reader.error(at: 0, "\(path) is not valid YAML: \(error)", pointer: .root)
            return Loaded(configuration: configuration, diagnostics: reader.diagnostics, bytes: bytes)
        }
        guard let root else { return Loaded(configuration: configuration, diagnostics: [], bytes: bytes) }
        guard let mapping = root.mapping else {
            reader.error(root, "the configuration must be a mapping of keys such as rules:, exclude:, suppressions:", pointer: .root)
            return Loaded(configuration: configuration, diagnostics: reader.diagnostics, bytes: bytes)
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                reader.error(keyNode, "configuration keys are strings", pointer: .root)
                continue
            }
            let pointer = JSONPointer(tokens: [key])
            configuration.origins[key] = reader.origin(keyNode)
            switch key {
            case "version":
                if value.scalar?.string != "1" { reader.error(value, "version must be 1", pointer: pointer) }
            case "include":
                configuration.include = reader.strings(value, pointer).map(Glob.init)
            case "exclude":
                configuration.exclude = reader.strings(value, pointer).map(Glob.init)
            case "operations":
                guard let entries = value.mapping else {
                    reader.error(value, "operations maps file globs to operation ids, e.g. \"requests/shadow/*.json\": sagemaker:CreateInferenceExperiment", pointer: pointer)
                    continue
                }
                for (globNode, opNode) in entries {
                    guard let glob = globNode.scalar?.string, let text = opNode.scalar?.string else {
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
                guard let entries = value.mapping else {
                    reader.error(value, "rules maps rule ids to off, info, warning or error", pointer: pointer)
                    continue
                }
                for (idNode, settingNode) in entries {
                    guard let id = idNode.scalar?.string else { continue }
                    let rulePointer = pointer.appending(id)
                    if !knownRules.contains(RuleID(id)) {
                        let near = knownRules.map(\.rawValue).filter { $0.hasSuffix(id) || id.hasSuffix($0.split(separator: "/").last.map(String.init) ?? $0) }
                        reader.error(idNode, "unknown rule \"\(id)\"" + (near.isEmpty ? "; see `reqlint rules`" : "; did you mean \(near.sorted().joined(separator: ", "))?"), pointer: rulePointer)
                        continue
                    }
                    guard let text = settingNode.scalar?.string, let setting = Configuration.RuleSetting(rawValue: text) else {
                        reader.error(settingNode, "a rule is set to off, info, warning or error", pointer: rulePointer)
                        continue
                    }
                    configuration.rules[RuleID(id)] = setting
                }
            case "fail-level":
                guard let text = value.scalar?.string, let level = Severity(rawValue: text) else {
                    reader.error(value, "fail-level is error, warning or info", pointer: pointer)
                    continue
                }
                configuration.failLevel = level
            case "rule-paths":
                configuration.rulePaths = reader.strings(value, pointer).map { absolute($0, in: directory) }
            case "model":
                configuration.models = reader.strings(value, pointer).map { absolute($0, in: directory) }
            case "suppressions":
                guard let list = value.sequence else {
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
                reader.error(keyNode, "unknown key \"\(key)\"" + (near.map { "; did you mean \"\($0)\"?" } ?? "; expected one of \(Configuration.keys.joined(separator: ", "))"), pointer: pointer)
            }
        }
        return Loaded(configuration: configuration, diagnostics: reader.diagnostics, bytes: bytes)
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _): return problem
        case let .reader(problem, _, _, _): return problem
        default: return "\(error)"
        }
    }

    /// `path` made absolute against `directory`.
    static func absolute(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : (directory.hasSuffix("/") ? directory : directory + "/") + path
    }
}

/// Reads values out of the YAML node tree, recording problems with their positions.
struct Reader {
    let bytes: [UInt8]
    let path: String
    let lineStarts: [Int]
    var diagnostics: [Diagnostic] = []

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The byte offset of a Yams mark (1-based line, 1-based column in Unicode scalars).
    func offset(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return bytes.count }
        var i = lineStarts[line - 1]
        var remaining = column - 1
        while remaining > 0, i < bytes.count, bytes[i] != 0x0A {
            i += 1
            while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
            remaining -= 1
        }
        return i
    }

    func offset(of node: Node) -> Int {
        guard let mark = node.mark else { return 0 }
        return offset(line: mark.line, column: mark.column)
    }

    func offset(of error: YamlError) -> Int {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return offset(line: mark.line, column: mark.column)
        default: return 0
        }
    }

    /// `path:line:column` of a node.
    func origin(_ node: Node) -> String {
        "\(path):\(node.mark?.line ?? 1):\(node.mark?.column ?? 1)"
    }

    /// The byte range of a node: for a scalar its text, otherwise its first character.
    func range(_ node: Node) -> SourceRange {
        let start = offset(of: node)
        var end = start
        if node.scalar != nil {
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D, !(bytes[end] == UInt8(ascii: "#") && end > start && bytes[end - 1] == 0x20) {
                end += 1
            }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            if end > start, bytes[end - 1] == UInt8(ascii: ":"), bytes[start] != UInt8(ascii: "\""), bytes[start] != UInt8(ascii: "'") {
                end -= 1  // a key: `name:`
            }
        } else {
            end = min(start + 1, bytes.count)
        }
        return SourceRange(start: start, end: max(end, start))
    }

    mutating func error(_ node: Node, _ message: String, pointer: JSONPointer) {
        diagnostics.append(Diagnostic(rule: ConfigurationLoader.rule, message: message, pointer: pointer, range: range(node)))
    }

    mutating func error(at offset: Int, _ message: String, pointer: JSONPointer) {
        diagnostics.append(Diagnostic(rule: ConfigurationLoader.rule, message: message, pointer: pointer, range: .at(offset)))
    }

    /// A string or a list of strings.
    mutating func strings(_ node: Node, _ pointer: JSONPointer) -> [String] {
        if let text = node.scalar?.string { return [text] }
        guard let list = node.sequence else {
            error(node, "expected a string or a list of strings", pointer: pointer)
            return []
        }
        var result: [String] = []
        for (i, item) in list.enumerated() {
            if let text = item.scalar?.string { result.append(text) } else { error(item, "expected a string", pointer: pointer.appending(i)) }
        }
        return result
    }

    mutating func suppression(_ node: Node, pointer: JSONPointer, knownRules: Set<RuleID>) -> Configuration.Suppression? {
        guard let entry = node.mapping else {
            error(node, "a suppression is a mapping with files, rule, reason and optionally pointer", pointer: pointer)
            return nil
        }
        var files: String?, rule: String?, jsonPointer: JSONPointer?, reason: String?
        var ok = true
        for (keyNode, value) in entry {
            let key = keyNode.scalar?.string ?? ""
            let text = value.scalar?.string
            switch key {
            case "files": files = text
            case "rule":
                rule = text
                if let text, !knownRules.contains(RuleID(text)) {
                    error(value, "unknown rule \"\(text)\"; see `reqlint rules`", pointer: pointer.appending("rule"))
                    ok = false
                }
            case "pointer":
                if let text, let parsed = JSONPointer(text) { jsonPointer = parsed } else {
                    error(value, "pointer must be a JSON pointer such as /InputConfig/JobDurationInSeconds", pointer: pointer.appending("pointer"))
                    ok = false
                }
            case "reason": reason = text
            default:
                error(keyNode, "unknown key \"\(key)\" in a suppression; expected files, rule, pointer, reason", pointer: pointer.appending(key))
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
