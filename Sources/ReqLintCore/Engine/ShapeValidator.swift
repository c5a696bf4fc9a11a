/// Checks a parsed document against an operation's input shape with AWS's semantics, and
/// returns one diagnostic per violated constraint.
///
/// The walk follows the model, not the document: it goes only as deep as the shapes do, so a
/// hostile document cannot make it recurse further. A value with a type error is not looked
/// into; an unknown member is reported and its value not checked; of a repeated member name
/// the last value is checked, as it is the one the AWS CLI sends.
struct ShapeValidator {
    /// One step of the path to the value being checked. Steps hold node indices, not names:
    /// names are decoded only when a diagnostic is written.
    enum PathToken {
        /// A structure member, by its key node.
        case member(Int32)
        /// A map entry, by its key node.
        case mapKey(Int32)
        case index(Int)
    }

    let model: OperationModel!
    let document: JSONDocument
    var path: [PathToken] = []
    var diagnostics: [Diagnostic] = []
    /// For the structures being checked, stacked: per member, the child position (in
    /// ``JSONDocument/children``) of its last key, or -1.
    var lastKey: [Int32] = []
    /// For the structures being checked, stacked: per member of the document, its member
    /// index, or -1 for an unknown name.
    var memberOfKey: [Int32] = []
    /// Values found with a type error: the documented rules judge nothing at or below them.
    var untypedNodes: Set<Int32> = []
    /// Values that broke another model constraint: the documented rules do not judge them again.
    var invalidNodes: Set<Int32> = []

    init(model: OperationModel?, document: JSONDocument) {
        self.model = model
        self.document = document
    }

    func text(_ token: PathToken) -> String {
        switch token {
        case let .member(key), let .mapKey(key): return document.string(key)
        case let .index(i): return String(i)
        }
    }

    var pointer: JSONPointer { JSONPointer(tokens: path.map(text)) }

    /// How messages name the value at the current path: `JobName`, `Subnets[2]`,
    /// `environment["PATH"]`, or `the request` at the root.
    var displayName: String {
        var suffix = ""
        for token in path.reversed() {
            switch token {
            case let .index(i): suffix = "[\(i)]" + suffix
            case let .member(key): return document.string(key) + suffix
            case let .mapKey(key):
                suffix = "[\"\(document.string(key))\"]" + suffix
            }
        }
        return suffix.isEmpty ? "the request" : "the request" + suffix
    }

    mutating func report(_ rule: RuleID, _ message: String, _ node: Int32) {
        diagnostics.append(Diagnostic(rule: rule, message: message, pointer: pointer, range: document[node].range))
        switch rule {
        case .type: untypedNodes.insert(node)
        case .required, .unknownMember: break  // an unknown member's value is marked by the caller
        default: invalidNodes.insert(node)
        }
    }

    // MARK: Dispatch

    mutating func check(_ node: Int32, shape index: Int) {
        let compiled = model.shapes[index]
        let value = document[node]
        switch compiled.kind {
        case .structure:
            guard value.kind == .object else { return typeError(node, expected: "an object", shape: compiled.shape) }
            checkStructure(node, compiled)
        case .list:
            guard value.kind == .array else { return typeError(node, expected: "an array", shape: compiled.shape) }
            checkSize(node, compiled.shape, count: document.count(of: node), noun: "item")
            for (i, element) in document.elements(of: node).enumerated() {
                path.append(.index(i))
                check(element, shape: compiled.element)
                path.removeLast()
            }
        case .map:
            guard value.kind == .object else { return typeError(node, expected: "an object (a map of names to values)", shape: compiled.shape) }
            checkMap(node, compiled)
        case .string:
            guard value.kind == .string else { return typeError(node, expected: "a string", shape: compiled.shape) }
            checkStringConstraints(node, compiled, label: .current)
        case .blob:
            guard value.kind == .string else { return typeError(node, expected: "a string (base64-encoded data)", shape: compiled.shape) }
        case .boolean:
            guard value.kind == .true || value.kind == .false else { return typeError(node, expected: "true or false", shape: compiled.shape) }
        case .integer, .long:
            checkInteger(node, compiled.shape)
        case .float, .double:
            guard value.kind == .number else { return typeError(node, expected: "a number", shape: compiled.shape) }
            checkRange(node, compiled.shape, value: Double(document.literal(node)) ?? 0)
        case .timestamp:
            checkTimestamp(node, compiled.shape)
        }
    }

    // MARK: Structures and maps

    mutating func checkStructure(_ node: Int32, _ compiled: OperationModel.CompiledShape) {
        let table = compiled.memberTable
        let base = lastKey.count
        let keysBase = memberOfKey.count
        lastKey.append(contentsOf: repeatElement(-1, count: table.count))
        let first = Int(document[node].firstChild)
        let end = first + Int(document[node].childCount)
        var position = first
        while position < end {
            let key = document.children[position]
            // By UTF-8 bytes, that is code point by code point, as AWS compares member names
            // (Swift's == would take "\u{212A}ey", with a KELVIN SIGN, for "Key").
            if let member = document.withStringBytes(key, table.index(of:)) {
                lastKey[base + member] = Int32(position)
                memberOfKey.append(Int32(member))
            } else {
                memberOfKey.append(-1)
                path.append(.member(key))
                report(.unknownMember, unknownMemberMessage(document.string(key), in: compiled.shape), key)
                invalidNodes.insert(document.children[position + 1])
                path.removeLast()
            }
            position += 2
        }
        for (member, name) in compiled.required where member < 0 || lastKey[base + member] < 0 {
            report(.required, "\(displayName) is missing required member \"\(name)\"", node)
            // At the top level, the whole document would be underlined: the opening brace
            // (in YAML, the first character) is where editors show it best.
            if path.isEmpty {
                let start = document[node].range.start
                diagnostics[diagnostics.count - 1].range = SourceRange(start: start, end: min(start + 1, document[node].range.end))
            }
        }
        // In source order; of a repeated name only the last value, the one the AWS CLI sends.
        position = first
        var slot = keysBase
        while position < end {
            let member = Int(memberOfKey[slot])
            if member >= 0, lastKey[base + member] == Int32(position) {
                let key = document.children[position]
                path.append(.member(key))
                check(document.children[position + 1], shape: compiled.memberList[member].shape)
                path.removeLast()
            }
            position += 2
            slot += 1
        }
        lastKey.removeSubrange(base...)
        memberOfKey.removeSubrange(keysBase...)
    }

    func unknownMemberMessage(_ name: String, in shape: Shape) -> String {
        let names = shape.members.map(\.name)
        let owner = path.count > 1 ? " in \(ownerName)" : ""
        if let match = names.first(where: { $0.lowercased() == name.lowercased() }) {
            return "unknown member \"\(Self.shown(name))\"\(owner): member names are case-sensitive; write \"\(match)\""
        }
        if let near = Suggestion.closest(to: name, in: names) {
            return "unknown member \"\(Self.shown(name))\"\(owner); did you mean \"\(near)\"?"
        }
        if names.count <= 12 {
            return "unknown member \"\(Self.shown(name))\"\(owner); expected one of \(names.joined(separator: ", "))"
        }
        return "unknown member \"\(Self.shown(name))\"\(owner); \(shape.name) has no such member"
    }

    /// `value` for a message: as is when short, else its first 40 characters and an ellipsis.
    static func shown(_ value: String) -> String { DisplayText.abbreviated(value) }

    /// The name of the object that holds the last path token.
    var ownerName: String {
        var copy = self
        copy.path.removeLast()
        return copy.displayName
    }

    mutating func checkMap(_ node: Int32, _ compiled: OperationModel.CompiledShape) {
        let entries = document.distinctMembers(of: node)
        checkSize(node, compiled.shape, count: entries.count, noun: "entry")
        let keyShape = model.shapes[compiled.key]
        for entry in entries {
            path.append(.mapKey(entry.key))
            checkStringConstraints(entry.key, keyShape, label: .mapKey(entry.key))
            check(entry.value, shape: compiled.value)
            path.removeLast()
        }
    }

    // MARK: Scalars

    /// What a string check's message calls the value.
    enum Label {
        /// The value at the current path (``displayName``).
        case current
        /// The key of the current map entry.
        case mapKey(Int32)
    }

    func labelText(_ label: Label) -> String {
        switch label {
        case .current: return displayName
        case let .mapKey(key): return "key \"\(Self.shown(document.string(key)))\" of \(ownerName)"
        }
    }

    /// Length, pattern and enum checks of a string node, on its UTF-8 bytes: a `String` is
    /// built only for a message.
    mutating func checkStringConstraints(_ node: Int32, _ compiled: OperationModel.CompiledShape, label: Label) {
        let shape = compiled.shape
        if shape.min != nil || shape.max != nil {
            let length = document.codePointCount(node)
            if let problem = bounds(Double(length), shape, unit: "character") {
                report(.length, "\(labelText(label)) must be \(problem) long (found \(length))", node)
            }
        }
        if let pattern = compiled.pattern {
            switch document.withStringBytes(node, pattern.matches(utf8:)) {
            case .match: break
            case .noMatch:
                let value = document.string(node)
                if let (offset, scalar) = firstDisallowed(value, pattern) {
                    // Name the character, and put the range on it: the pattern is in the rule's help.
                    let code = "U+" + String(repeating: "0", count: max(0, 4 - String(scalar.value, radix: 16).count)) + String(scalar.value, radix: 16, uppercase: true)
                    report(.pattern, "\(labelText(label)): \"\(DisplayText.escaped(String(scalar)))\" (\(code)) at character \(offset + 1) is not allowed by its pattern"
                           + (offset == 0 || offset == value.unicodeScalars.count - 1 ? patternHint(value) : ""), node)
                    if let range = document.sourceRange(ofCodePoint: offset, inString: node) { diagnostics[diagnostics.count - 1].range = range }
                } else {
                    report(.pattern, "\(labelText(label)) must match the pattern \(pattern.javaPattern) in full\(patternHint(value))", node)
                }
            case let .limitExceeded(reason):
                report(.pattern, "\(labelText(label)) could not be checked against the pattern \(pattern.javaPattern): the regular expression engine stopped (\(reason)); simplify the value", node)
            }
        }
        if let values = shape.enumValues, let table = compiled.enumTable, document.withStringBytes(node, table.index(of:)) == nil {
            let value = document.string(node)
            if EnumFamily.looksNewer(value, than: values) {
                report(.enum, newerValueMessage(labelText(label), value: value, values: values, shape: shape), node)
                diagnostics[diagnostics.count - 1].mayNeedNewerModel = true
            } else {
                report(.enum, enumMessage(labelText(label), value: value, values: values, shape: shape), node)
                // Too many values to list, none close: a front end says where to see them all.
                if values.count > 10, Suggestion.closest(to: value, in: values) == nil { diagnostics[diagnostics.count - 1].advice = .listValues }
            }
        }
    }

    /// For a pattern that is one character class repeated, the first character of `value`
    /// that the class does not allow (its code point offset), if any.
    func firstDisallowed(_ value: String, _ pattern: CompiledPattern) -> (Int, Unicode.Scalar)? {
        guard let characterClass = pattern.characterClass() else { return nil }
        for (offset, scalar) in value.unicodeScalars.enumerated() where characterClass.matches(String(scalar)) == .noMatch {
            return (offset, scalar)
        }
        return nil
    }

    func patternHint(_ value: String) -> String {
        guard let last = value.unicodeScalars.last, let first = value.unicodeScalars.first else { return " (found an empty string)" }
        let terminators: Set<UInt32> = [0x0A, 0x0D, 0x85, 0x2028, 0x2029]
        if terminators.contains(last.value) { return "; remove the line break at the end" }
        if last.properties.isWhitespace { return "; remove the space at the end" }
        if first.properties.isWhitespace { return "; remove the space at the start" }
        return ""
    }

    /// The message for a value that looks like a newer member of the enum's family: it names
    /// the model checked against and its date, says the value may be newer, and still offers
    /// the closest value in case it is a typo.
    func newerValueMessage(_ label: String, value: String, values: [String], shape: Shape) -> String {
        let provenance = model.pack.provenance
        var checked = provenance.botocore.map { "botocore \($0)" } ?? "\(provenance.model) sha256 \(provenance.sha256.prefix(12))"
        if let date = provenance.date { checked += " of \(date)" }
        let closest = Suggestion.closest(to: value, in: values).map { " (closest known: \"\($0)\")" } ?? ""
        return "\(label) \"\(Self.shown(value))\" is not one of the \(values.count) values of \(shape.name) in the model checked against (\(checked)), "
            + "but looks like a newer value of the same family\(closest): if AWS accepts it, check against a newer model"
    }

    func enumMessage(_ label: String, value: String, values: [String], shape: Shape) -> String {
        let suggestion = Suggestion.closest(to: value, in: values).map { "; did you mean \"\($0)\"?" }
        if values.count <= 10 {
            return "\(label) must be one of \(values.joined(separator: ", "))\(suggestion ?? " (found \"\(Self.shown(value))\")")"
        }
        return "\(label) must be one of the \(values.count) values of \(shape.name) (found \"\(Self.shown(value))\")\(suggestion ?? "")"
    }

    mutating func checkInteger(_ node: Int32, _ shape: Shape) {
        let value = document[node]
        let bits = shape.kind == .long ? 64 : 32
        guard value.kind == .number else { return typeError(node, expected: "an integer", shape: shape) }
        if value.flag {
            let text = document.literal(node)
            var hint = ""
            if let d = Double(text), d == d.rounded(), abs(d) < 9e15 {
                hint = "; write \(Int64(d))"
            }
            report(.type, "\(displayName) must be a whole number written without a fraction or exponent (found \(Self.shown(text)))\(hint)", node)
            return
        }
        let parsed = document.integer(node)
        guard let parsed, bits == 64 || Int64(Int32.min) ... Int64(Int32.max) ~= parsed else {
            let limit = bits == 64 ? "-9223372036854775808 to 9223372036854775807" : "-2147483648 to 2147483647"
            report(.type, "\(displayName) must be a \(bits)-bit integer (\(limit)); \(Self.shown(document.literal(node))) does not fit", node)
            return
        }
        checkRange(node, shape, value: Double(parsed))
    }

    mutating func checkRange(_ node: Int32, _ shape: Shape, value: Double) {
        if let problem = bounds(value, shape, unit: nil) {
            report(.range, "\(displayName) must be \(problem) (found \(Self.shown(document.literal(node))))", node)
        }
    }

    mutating func checkSize(_ node: Int32, _ shape: Shape, count: Int, noun: String) {
        if let problem = bounds(Double(count), shape, unit: noun) {
            report(.size, "\(displayName) must have \(problem) (found \(count))", node)
        }
    }

    /// "at least 1 character", "between 1 and 3", ... when `value` is outside the shape's
    /// bounds, else `nil`.
    func bounds(_ value: Double, _ shape: Shape, unit: String?) -> String? {
        let min = shape.min.flatMap { $0 > 0 || unit == nil ? $0 : nil }
        let low = min.map { value < $0 } ?? false
        let high = shape.max.map { value > $0 } ?? false
        guard low || high else { return nil }
        func n(_ d: Double) -> String { d == d.rounded() && abs(d) < 9e15 ? String(Int64(d)) : "\(d)" }
        func units(_ d: Double) -> String {
            guard let unit else { return n(d) }
            let plural = unit == "entry" ? "entries" : unit + "s"
            return n(d) + " " + (d == 1 ? unit : plural)
        }
        if let min, let max = shape.max {
            if min == max { return "exactly \(units(min))" }
            guard let unit else { return "between \(n(min)) and \(n(max))" }
            return "between \(n(min)) and \(n(max)) \(unit == "entry" ? "entries" : unit + "s")"
        }
        if low { return "at least \(units(min!))" }
        return "at most \(units(shape.max!))"
    }

    mutating func checkTimestamp(_ node: Int32, _ shape: Shape) {
        let value = document[node]
        if value.kind == .number { return }
        guard value.kind == .string else {
            return typeError(node, expected: "a timestamp (epoch seconds, or an ISO 8601 date-time such as 2026-12-01T10:00:00Z)", shape: shape)
        }
        if let problem = Timestamp.problem(document.string(node)) {
            report(.type, "\(displayName) must be a timestamp: epoch seconds, or an ISO 8601 date-time such as 2026-12-01T10:00:00Z (\(problem))", node)
        }
    }

    // MARK: Type errors

    mutating func typeError(_ node: Int32, expected: String, shape: Shape) {
        let value = document[node]
        let found: String
        var hint = ""
        switch value.kind {
        case .null:
            found = "null"
            hint = path.isEmpty ? "" : "; give it a value or remove the member"
        case .true, .false:
            found = value.kind == .true ? "true" : "false"
            if shape.kind == .string { hint = "; write \"\(found)\" in quotes" }
        case .number:
            found = "a number"
            if shape.kind == .string { hint = "; write \"\(Self.shown(document.literal(node)))\" in quotes" }
        case .string:
            found = "a string"
            let text = document.string(node)
            switch shape.kind {
            case .integer where Int32(text) != nil, .long where Int64(text) != nil:
                hint = "; write \(text) without quotes"
            case .float where Double(text)?.isFinite == true, .double where Double(text)?.isFinite == true:
                hint = "; write \(text) without quotes"
            case .boolean where text == "true" || text == "false":
                hint = "; write \(text) without quotes"
            case .list:
                hint = "; wrap it in [ ] to make a list of one"
            default: break
            }
        case .object:
            found = "an object"
            if shape.kind == .list { hint = "; wrap it in [ ] to make a list of one" }
        case .array:
            found = "an array"
        }
        let subject = path.isEmpty ? "a request document" : displayName
        report(.type, "\(subject) must be \(expected), not \(found)\(hint)", node)
    }
}
