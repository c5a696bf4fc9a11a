/// Checks a documented-rule file against ``RuleFileSpec`` before it is loaded, as strictly as
/// `.reqlint.yaml` is checked: an unknown key (with the nearest valid one suggested), a
/// misspelled check argument, an unknown placeholder, a `range` without bounds, a regular
/// expression that does not compile, a value of the wrong type, each at its own position.
/// A rule that loaded without a word and never fired is what this prevents.
public struct RuleFileValidator {
    let document: JSONDocument
    public private(set) var diagnostics: [Diagnostic] = []

    /// The problems of the rule file `document` (empty when it is valid).
    public static func problems(_ document: JSONDocument) -> [Diagnostic] {
        var validator = RuleFileValidator(document: document)
        if let error = document.syntaxError {
            return [Diagnostic(rule: "config", message: error.message, pointer: .root, range: error.range)]
        }
        validator.rule(document.root!)
        return validator.diagnostics
    }

    mutating func error(_ node: Int32, _ pointer: JSONPointer, _ message: String) {
        diagnostics.append(Diagnostic(rule: "config", message: message, pointer: pointer, range: document[node].range))
    }

    /// The members of the object at `node`, with unknown keys reported (`allowed` lists the rest).
    mutating func members(_ node: Int32, _ pointer: JSONPointer, allowed: [String], what: String) -> [String: Int32] {
        guard document[node].kind == .object else {
            error(node, pointer, "\(what) must be an object")
            return [:]
        }
        var found: [String: Int32] = [:]
        for (key, value) in document.members(of: node) {
            let name = document.string(key)
            if allowed.contains(name) {
                found[name] = value
            } else {
                let near = Suggestions.closest(to: name, in: allowed).map { "; did you mean \"\($0)\"?" } ?? "; expected one of \(allowed.joined(separator: ", "))"
                error(key, pointer.appending(name), "unknown key \"\(DisplayText.abbreviated(name))\" in \(what)\(near)")
            }
        }
        return found
    }

    mutating func rule(_ root: Int32) {
        let found = members(root, .root, allowed: RuleFileSpec.ruleKeys.map(\.name), what: "a rule")
        for key in RuleFileSpec.ruleKeys where key.required && found[key.name] == nil && document[root].kind == .object {
            diagnostics.append(Diagnostic(rule: "config", message: "a rule needs \"\(key.name)\": \(key.meaning)", pointer: .root,
                                          range: SourceRange(start: Int(document[root].start), end: Int(document[root].start) + 1)))
        }
        if let source = found["source"] {
            _ = members(source, JSONPointer(tokens: ["source"]), allowed: RuleFileSpec.sourceKeys, what: "source")
        }
        if let examples = found["examples"] {
            let lists = members(examples, JSONPointer(tokens: ["examples"]), allowed: RuleFileSpec.exampleKeys, what: "examples")
            for (name, list) in lists where document[list].kind == .array {
                for (index, entry) in document.elements(of: list).enumerated() {
                    _ = members(entry, JSONPointer(tokens: ["examples", name, String(index)]), allowed: RuleFileSpec.exampleEntryKeys, what: "an example")
                }
            }
        }
        guard let checks = found["checks"] else { return }
        guard document[checks].kind == .array else { return error(checks, JSONPointer(tokens: ["checks"]), "checks must be a list") }
        for (index, check) in document.elements(of: checks).enumerated() {
            self.check(check, JSONPointer(tokens: ["checks", String(index)]))
        }
    }

    mutating func check(_ node: Int32, _ pointer: JSONPointer) {
        guard document[node].kind == .object else { return error(node, pointer, "a check must be an object") }
        let kindNode = document.members(of: node).first { document.string($0.key) == "kind" }?.value
        guard let kindNode, document[kindNode].kind == .string else {
            return error(node, pointer, "a check needs \"kind\", one of \(RuleFileSpec.kinds.map(\.name).joined(separator: ", "))")
        }
        let kindName = document.string(kindNode)
        guard let kind = RuleFileSpec.kindsByName[kindName] else {
            let near = Suggestions.closest(to: kindName, in: RuleFileSpec.kinds.map(\.name)).map { "; did you mean \"\($0)\"?" } ?? ""
            return error(kindNode, pointer.appending("kind"), "unknown check kind \"\(DisplayText.abbreviated(kindName))\"\(near); expected one of \(RuleFileSpec.kinds.map(\.name).joined(separator: ", "))")
        }
        var allowed = RuleFileSpec.checkKeys.map(\.name) + kind.arguments.map(\.name)
        if !kind.hasRelated { allowed.removeAll { $0 == "relatedMessage" } }
        let found = members(node, pointer, allowed: allowed, what: Self.article(kindName) + " check")
        for key in RuleFileSpec.checkKeys where key.required && found[key.name] == nil {
            error(node, pointer, "a check needs \"\(key.name)\": \(key.meaning)")
        }
        for argument in kind.arguments {
            guard let value = found[argument.name] else {
                if argument.required { error(node, pointer, "\(Self.article(kindName)) check needs \"\(argument.name)\": \(argument.meaning)") }
                continue
            }
            type(value, pointer.appending(argument.name), argument)
        }
        if !kind.oneOfRequired.isEmpty, !kind.oneOfRequired.contains(where: { found[$0] != nil }) {
            error(node, pointer, "\(Self.article(kindName)) check needs \(kind.oneOfRequired.map { "\"\($0)\"" }.joined(separator: " or ")): without it, it checks nothing")
        }
        for key in ["pointer", "other", "set", "present"] {
            if let value = found[key], document[value].kind == .string, PointerPattern(document.string(value)) == nil {
                error(value, pointer.appending(key), "\"\(DisplayText.abbreviated(document.string(value)))\" is not a JSON pointer (such as /InputConfig/JobDurationInSeconds, with * for any element)")
            }
        }
        if let when = found["when"] {
            _ = members(when, pointer.appending("when"), allowed: RuleFileSpec.whenKeys, what: "when")
        }
        let placeholders = Set(RuleFileSpec.commonPlaceholders.keys).union(kind.placeholders.keys)
        for key in ["message", "relatedMessage"] {
            guard let value = found[key], document[value].kind == .string else { continue }
            for name in Self.placeholders(in: document.string(value)) where !placeholders.contains(name) {
                // A near miss of a placeholder is a mistake; other braces may be meant as text
                // (they are printed as written): a warning, which does not stop the run.
                let listed = placeholders.sorted().map { "{\($0)}" }.joined(separator: ", ")
                if let near = Suggestions.closest(to: name, in: placeholders.sorted()) {
                    error(value, pointer.appending(key), "unknown placeholder {\(name)} in \(Self.article(kindName)) check's \(key); did you mean {\(near)}? It has \(listed)")
                } else {
                    diagnostics.append(Diagnostic(rule: "config", severity: .warning,
                                                  message: "{\(name)} in \(Self.article(kindName)) check's \(key) is no placeholder (it has \(listed)): it is printed as written",
                                                  pointer: pointer.appending(key), range: document[value].range))
                }
            }
        }
    }

    mutating func type(_ node: Int32, _ pointer: JSONPointer, _ argument: RuleFileSpec.Argument) {
        let kind = document[node].kind
        let ok: Bool
        switch argument.type {
        case .number: ok = kind == .number
        case .string, .pointer: ok = kind == .string
        case .boolean: ok = kind == .true || kind == .false
        case .strings: ok = kind == .array && document.elements(of: node).allSatisfy { document[$0].kind == .string } && document.count(of: node) > 0
        case .regex:
            ok = kind == .string
            if ok {
                do { _ = try CompiledPattern(pcre2: document.string(node)) } catch {
                    return self.error(node, pointer, "\(argument.name) does not compile as a PCRE2 regular expression: \(error)")
                }
            }
        }
        if !ok { error(node, pointer, "\(argument.name) must be \(Self.describe(argument.type)): \(argument.meaning)") }
    }

    static func describe(_ type: RuleFileSpec.Argument.ValueType) -> String {
        switch type {
        case .number: return "a number"
        case .string: return "a string"
        case .pointer: return "a JSON pointer string"
        case .boolean: return "true or false"
        case .strings: return "a non-empty list of strings"
        case .regex: return "a regular expression string"
        }
    }

    /// "a range", "an absent".
    static func article(_ word: String) -> String { ("aeiou".contains(word.first ?? "x") ? "an " : "a ") + word }

    /// The `{name}` placeholders of a message (`{}` and `{ x }` are text).
    static func placeholders(in message: String) -> [String] {
        var names: [String] = []
        var current: String?
        for c in message {
            if c == "{" { current = "" } else if c == "}" {
                if let name = current, !name.isEmpty { names.append(name) }
                current = nil
            } else if current != nil {
                if c.isLetter || c.isNumber || c == "_" { current!.append(c) } else { current = nil }
            }
        }
        return names
    }
}
