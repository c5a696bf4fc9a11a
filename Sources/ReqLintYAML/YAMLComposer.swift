internal import CYAML
import ReqLintCore

/// Builds the raw YAML tree from libyaml's events (the system's libyaml, module `CYAML`).
///
/// A composer such as Yams' (`Yams.compose`) would not do: it rejects duplicate keys,
/// which reqlint must keep; it resolves aliases to the anchored node, so an alias has no place
/// of its own; and its nodes keep only a start mark. libyaml's events carry a start and an end
/// mark for every scalar and flow collection and name every anchor, alias and tag.
///
/// Nothing here recurses: collections are kept on an explicit stack, and nesting deeper than
/// ``maximumDepth`` is reported as a syntax error instead of being read.
struct YAMLComposer {
    /// The deepest nesting of collections read (the root is level 1).
    static let maximumDepth = 512

    let source: YAMLSource
    /// Lines and columns for messages that name another place.
    let lines: LineTable
    private(set) var nodes: [RawNode] = []
    private(set) var root: Int32?
    /// Findings about nodes (warnings, errors, and `syntax` errors of the data model such as a
    /// non-string key, which make the document unusable but do not stop reading).
    private(set) var pending: [PendingDiagnostic] = []
    /// A `syntax` error that stopped reading (libyaml's, an undefined alias, too deep).
    private(set) var fatal: Diagnostic?
    /// A second document in the stream.
    private(set) var extraDocument: Diagnostic?
    /// The document declares `%YAML 1.1`, which makes ruamel.yaml (the AWS CLI) read it by the
    /// YAML 1.1 rules.
    private(set) var yaml11 = false

    private var stack: [Int32] = []
    private var anchors: [String: Int32] = [:]
    private var usedAnchors: Set<Int32> = []

    init(source: YAMLSource) {
        self.source = source
        lines = LineTable(source.bytes)
    }

    // MARK: Events

    /// Reads the whole stream (or up to the start of a second document).
    mutating func compose() {
        guard !source.bytes.isEmpty else { return }
        source.bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                fatal = syntax("out of memory while reading the YAML document", at: .at(0))
                return
            }
            defer { yaml_parser_delete(&parser) }
            // libyaml detects the encoding itself: UTF-8 (the bytes are valid UTF-8), skipping a
            // byte order mark without counting it in its marks. (Forcing UTF-8 would make it read
            // the mark as a character of the first line and shift that line's indentation.)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var documents = 0
            reading: while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    fatal = libyamlError(parser)
                    break reading
                }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    break reading
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        extraDocument = secondDocument(event)
                        break reading
                    }
                    if let version = event.data.document_start.version_directive {
                        yaml11 = version.pointee.major == 1 && version.pointee.minor == 1
                    }
                case YAML_SCALAR_EVENT:
                    scalar(event)
                case YAML_ALIAS_EVENT:
                    if !alias(event) { break reading }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if !startCollection(event) { break reading }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    endCollection(event)
                default:
                    continue
                }
            }
        }
        if fatal == nil { reportUnusedAnchors() }
    }

    /// The byte offset of a libyaml mark, whose index counts characters after the byte order
    /// mark, if any (the mark is one character).
    private func offset(_ mark: yaml_mark_t) -> Int {
        source.offset(ofCharacter: Int(mark.index) + (JSONParser.byteOrderMarkLength(source.bytes) > 0 ? 1 : 0))
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafePointer($0)) }
    }

    /// Adds a node under the innermost open collection (or as the root).
    private mutating func append(_ node: RawNode) -> Int32 {
        var node = node
        let index = Int32(nodes.count)
        if let parent = stack.last {
            node.parent = parent
            node.isKey = nodes[Int(parent)].kind == .mapping && nodes[Int(parent)].children.count % 2 == 0
            nodes[Int(parent)].children.append(index)
        } else if root == nil {
            root = index
        }
        nodes.append(node)
        return index
    }

    private mutating func scalar(_ event: yaml_event_t) {
        let data = event.data.scalar
        let start = offset(event.start_mark)
        let end = offset(event.end_mark)
        let anchor = string(data.anchor)
        let tag = string(data.tag)
        let value = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self) } ?? ""
        let style = data.style
        let isPlain = style == YAML_PLAIN_SCALAR_STYLE
        let properties = source.properties(from: start, count: (anchor == nil ? 0 : 1) + (tag == nil ? 0 : 1))
        let range: SourceRange
        if isPlain && data.length == 0 {
            // An empty node: its properties if it has any, else an empty range where it would be.
            range = anchor == nil && tag == nil ? .at(start) : SourceRange(start: start, end: end)
        } else {
            let contentStart = anchor == nil && tag == nil ? start : min(properties.contentStart, end)
            let contentEnd = style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE
                ? source.blockScalarEnd(indicator: contentStart, scannedEnd: end) : end
            range = SourceRange(start: contentStart, end: contentEnd)
        }
        var node = RawNode(kind: .scalar, range: range, parent: -1)
        node.anchorName = anchor
        node.anchorRange = properties.anchor
        node.tag = tag
        node.tagRange = properties.tag
        let index = append(node)
        if let anchor { anchors[anchor] = index }
        let isKey = nodes[Int(index)].isKey

        if tag == nil || tag == "!" {
            if isPlain || tag == "!" {
                setPlain(index, YAMLPlainScalar.read(value, yaml11: yaml11), text: value, hazards: isPlain && tag == nil)
                nodes[Int(index)].isMergeKey = isKey && tag == nil && YAMLPlainScalar.isMergeKey(value)
            } else {
                setString(index, value)
            }
            if tag == "!" {
                warnTag(index, "the non-specific tag ! makes this a string to the YAML specification, but the AWS CLI reads the value as if it had no tag: remove the !, and quote the value if it must be a string")
            }
        } else {
            applyTag(index, tag!, value: value, isPlain: isPlain)
        }
        if isKey { checkKey(index) }
    }

    private mutating func setString(_ index: Int32, _ value: String) {
        nodes[Int(index)].value = .string
        nodes[Int(index)].flag = true
        nodes[Int(index)].text = value
    }

    /// Gives a plain scalar its JSON reading.
    private mutating func setPlain(_ index: Int32, _ reading: PlainReading, text: String, hazards: Bool) {
        let node = nodes[Int(index)]
        switch reading {
        case .null:
            nodes[Int(index)].value = .null
        case let .bool(value):
            nodes[Int(index)].value = value ? .true : .false
        case let .integer(literal):
            nodes[Int(index)].value = .number
            nodes[Int(index)].text = literal
        case let .float(literal):
            nodes[Int(index)].value = .number
            nodes[Int(index)].flag = true
            nodes[Int(index)].text = literal
            if YAMLNumbers.isOutOfRange(literal) && !node.isKey {
                dataModelError(index, "number \(DisplayText.abbreviated(text)) is out of the range of any numeric type (the largest is about 1.8e308)")
            }
        case .nonFinite:
            nodes[Int(index)].value = .null
            if !node.isKey {
                let what = text.lowercased().hasSuffix("nan") ? "not a number (NaN)" : "infinity"
                dataModelError(index, "unquoted \(text) is \(what) to YAML, which JSON cannot represent: write a finite number, or quote it (\"\(text)\") if you mean the text")
            }
        case .timestamp, .string:
            setString(index, text)
        case .valueKey:
            setString(index, text)
            pending.append(PendingDiagnostic(
                rule: .yamlImplicitType, severity: .error,
                message: "unquoted = is the YAML 1.1 value key to the AWS CLI's YAML loader, which cannot load it: quote it (\"=\")",
                range: node.range, node: index))
        }
        guard hazards, pending.last?.node != index || pending.last?.rule != .syntax,
              let message = YAMLPlainScalar.implicitTypeHazard(text, isKey: node.isKey) else { return }
        if node.isKey && nodes[Int(index)].value != .string { return }
        pending.append(PendingDiagnostic(rule: .yamlImplicitType, severity: .warning, message: message,
                                         range: node.range, node: index))
    }

    /// A member name must be a string.
    private mutating func checkKey(_ index: Int32) {
        let node = nodes[Int(index)]
        guard node.value != .string else { return }
        let written = source.text(node.range)
        if node.range.start == node.range.end {
            dataModelError(index, "empty member name: write a name before the ':'")
        } else {
            let what: String
            switch node.value {
            case .number: what = "a number"
            case .true, .false: what = "a boolean"
            default: what = "null"
            }
            dataModelError(index, "member name \(written) is \(what) to YAML, not a string: quote it (\"\(written)\")")
        }
    }

    private mutating func dataModelError(_ index: Int32, _ message: String) {
        pending.append(PendingDiagnostic(rule: .syntax, severity: .error, message: message,
                                         range: nodes[Int(index)].range, node: index))
    }

    // MARK: Tags

    /// How a tag is written: as in the source when known, else in shorthand.
    private func written(tag: String, at range: SourceRange?) -> String {
        if let range { return source.text(range) }
        if tag.hasPrefix(YAMLComposer.coreTagPrefix) { return "!!" + tag.dropFirst(YAMLComposer.coreTagPrefix.count) }
        return tag.hasPrefix("!") ? tag : "!<\(tag)>"
    }

    private static let coreTagPrefix = "tag:yaml.org,2002:"

    /// The range a tag diagnostic covers: from the tag to the end of the node.
    private func tagDiagnosticRange(_ index: Int32) -> SourceRange {
        let node = nodes[Int(index)]
        guard let tagRange = node.tagRange else { return node.range }
        return SourceRange(start: min(tagRange.start, node.range.start), end: max(tagRange.end, node.range.end))
    }

    private mutating func warnTag(_ index: Int32, _ message: String) {
        pending.append(PendingDiagnostic(rule: .yamlTag, severity: .warning, message: message,
                                         range: tagDiagnosticRange(index), node: index))
    }

    private mutating func tagError(_ index: Int32, _ message: String) {
        pending.append(PendingDiagnostic(rule: .yamlTag, severity: .error, message: message,
                                         range: tagDiagnosticRange(index), node: index))
    }

    /// The CloudFormation short-form intrinsic functions, which people paste into request
    /// documents by mistake.
    private static let cloudFormationFunctions: Set<String> = [
        "Ref", "Sub", "GetAtt", "Join", "Select", "Split", "FindInMap", "GetAZs", "ImportValue", "If", "Equals", "And",
        "Or", "Not", "Base64", "Cidr", "Condition", "Transform", "ToJsonString", "Length",
    ]

    private func unknownTagMessage(_ shown: String, tag: String) -> String {
        if tag.hasPrefix("!"), YAMLComposer.cloudFormationFunctions.contains(String(tag.dropFirst())) {
            return "\(shown) is a CloudFormation intrinsic function, which the AWS CLI does not evaluate in request documents: write the resolved value instead"
        }
        return "unsupported YAML tag \(shown): the AWS CLI cannot load it and JSON has no tags; remove it and write a plain JSON value"
    }

    /// Applies an explicit tag to a scalar the way ruamel.yaml's safe constructor does.
    private mutating func applyTag(_ index: Int32, _ tag: String, value: String, isPlain: Bool) {
        let shown = written(tag: tag, at: nodes[Int(index)].tagRange)
        func fallback(_ composer: inout YAMLComposer) {
            if isPlain {
                composer.setPlain(index, YAMLPlainScalar.read(value, yaml11: composer.yaml11), text: value, hazards: false)
            } else {
                composer.setString(index, value)
            }
        }
        let quoted = "\"\(value)\""
        switch tag {
        case YAMLComposer.coreTagPrefix + "str":
            setString(index, value)
            warnTag(index, isPlain
                ? "explicit tag \(shown): write the value in quotes instead (\(quoted)), which every YAML parser reads as a string"
                : "explicit tag \(shown) is not needed: a quoted value is a string; remove the tag")
        case YAMLComposer.coreTagPrefix + "int":
            if let literal = YAMLTagConstructors.integer(value, yaml11: yaml11) {
                nodes[Int(index)].value = .number
                nodes[Int(index)].text = literal
                warnTag(index, "explicit tag \(shown): write the number \(DisplayText.abbreviated(literal)) without the tag and without quotes")
            } else {
                fallback(&self)
                tagError(index, "\(shown) \(quoted) is not an integer: write an integer, or remove the tag")
            }
        case YAMLComposer.coreTagPrefix + "float":
            switch YAMLTagConstructors.float(value, yaml11: yaml11) {
            case let .finite(literal)?:
                nodes[Int(index)].value = .number
                nodes[Int(index)].flag = true
                nodes[Int(index)].text = literal
                if YAMLNumbers.isOutOfRange(literal) {
                    dataModelError(index, "number \(DisplayText.abbreviated(value)) is out of the range of any numeric type (the largest is about 1.8e308)")
                } else {
                    warnTag(index, "explicit tag \(shown): write the number \(DisplayText.abbreviated(literal)) without the tag and without quotes")
                }
            case .nonFinite?:
                nodes[Int(index)].value = .null
                dataModelError(index, "\(shown) \(value) is not a finite number, which JSON cannot represent: write a finite number")
            case nil:
                fallback(&self)
                tagError(index, "\(shown) \(quoted) is not a number: write a number, or remove the tag")
            }
        case YAMLComposer.coreTagPrefix + "bool":
            if let value = YAMLTagConstructors.bool(value) {
                nodes[Int(index)].value = value ? .true : .false
                warnTag(index, "explicit tag \(shown): write \(value) without the tag and without quotes")
            } else {
                fallback(&self)
                tagError(index, "\(shown) \(quoted) is not a boolean: write true or false")
            }
        case YAMLComposer.coreTagPrefix + "null":
            nodes[Int(index)].value = .null
            warnTag(index, "explicit tag \(shown): write null instead")
        case YAMLComposer.coreTagPrefix + "map", YAMLComposer.coreTagPrefix + "seq":
            fallback(&self)
            tagError(index, "tag \(shown) cannot be applied to a scalar: remove it")
        case YAMLComposer.coreTagPrefix + "merge" where isPlain && value == "<<":
            setString(index, value)
            nodes[Int(index)].isMergeKey = nodes[Int(index)].isKey
            warnTag(index, "explicit tag \(shown): write << without the tag")
        default:
            fallback(&self)
            tagError(index, unknownTagMessage(shown, tag: tag))
        }
    }

    // MARK: Aliases

    /// Returns `false` when reading must stop.
    private mutating func alias(_ event: yaml_event_t) -> Bool {
        let range = SourceRange(start: offset(event.start_mark), end: offset(event.end_mark))
        let name = string(event.data.alias.anchor) ?? ""
        guard let target = anchors[name] else {
            fatal = syntax("alias *\(name) refers to no anchor: define &\(name) on a value before this alias, or write the value here",
                           at: range)
            return false
        }
        guard !nodes[Int(target)].isOpen else {
            fatal = syntax("alias *\(name) is inside the value anchored as &\(name), which would contain itself: JSON cannot represent a recursive value; write the value out",
                           at: range)
            return false
        }
        var node = RawNode(kind: .alias, range: range, parent: -1)
        node.target = target
        let index = append(node)
        usedAnchors.insert(target)
        let anchorRange = nodes[Int(target)].anchorRange ?? nodes[Int(target)].range
        let position = lines.position(of: anchorRange.start)
        pending.append(PendingDiagnostic(
            rule: .yamlAlias, severity: .warning,
            message: "alias *\(name) repeats the value anchored as &\(name) at line \(position.line), column \(position.column); JSON has no aliases and not every YAML tool expands them: write the value out here",
            range: range, node: index,
            related: [.init(message: "anchor &\(name)", range: anchorRange, node: target)]))
        if nodes[Int(index)].isKey {
            let targetNode = nodes[Int(target)]
            if targetNode.kind != .scalar || targetNode.value != .string {
                dataModelError(index, "alias *\(name) used as a member name refers to a value that is not a string: write the name as a string")
            }
        }
        return true
    }

    private mutating func reportUnusedAnchors() {
        for index in nodes.indices {
            guard let name = nodes[index].anchorName, !usedAnchors.contains(Int32(index)) else { continue }
            pending.append(PendingDiagnostic(
                rule: .yamlAlias, severity: .warning,
                message: "anchor &\(name) is not used by any alias: remove it (JSON has no anchors)",
                range: nodes[index].anchorRange ?? nodes[index].range, node: Int32(index)))
        }
    }

    // MARK: Collections

    /// Returns `false` when reading must stop.
    private mutating func startCollection(_ event: yaml_event_t) -> Bool {
        let isMapping = event.type == YAML_MAPPING_START_EVENT
        let start = offset(event.start_mark)
        let end = offset(event.end_mark)
        guard stack.count < YAMLComposer.maximumDepth else {
            fatal = tooDeep(at: start)
            return false
        }
        let anchor: String?
        let tag: String?
        let isFlow: Bool
        if isMapping {
            let data = event.data.mapping_start
            anchor = string(data.anchor)
            tag = data.implicit != 0 ? nil : string(data.tag)
            isFlow = data.style == YAML_FLOW_MAPPING_STYLE
        } else {
            let data = event.data.sequence_start
            anchor = string(data.anchor)
            tag = data.implicit != 0 ? nil : string(data.tag)
            isFlow = data.style == YAML_FLOW_SEQUENCE_STYLE
        }
        // libyaml ends the start event just past `[` or `{`; at the first key or `-` of a block
        // collection; just past the `-` of a sequence that is not indented under its key.
        let contentStart: Int
        if isFlow || isMapping {
            contentStart = isFlow ? max(start, end - 1) : end
        } else {
            contentStart = end < source.bytes.count && source.bytes[end] == UInt8(ascii: "-") ? end : max(start, end - 1)
        }
        let properties = source.properties(from: start, count: (anchor == nil ? 0 : 1) + (tag == nil ? 0 : 1))
        var node = RawNode(kind: isMapping ? .mapping : .sequence, range: SourceRange(start: contentStart, end: contentStart + 1),
                           parent: -1)
        node.isFlow = isFlow
        node.isOpen = true
        node.anchorName = anchor
        node.anchorRange = properties.anchor
        node.tag = tag
        node.tagRange = properties.tag
        let index = append(node)
        if let anchor { anchors[anchor] = index }
        stack.append(index)
        return true
    }

    private mutating func endCollection(_ event: yaml_event_t) {
        guard let index = stack.popLast() else { return }
        var node = nodes[Int(index)]
        let end: Int
        if node.isFlow {
            end = offset(event.end_mark)
        } else if let last = node.children.last {
            end = nodes[Int(last)].range.end
        } else {
            end = node.range.end
        }
        node.range = SourceRange(start: node.range.start, end: end)
        node.isOpen = false
        nodes[Int(index)] = node
        if node.isKey {
            dataModelError(index, "a \(node.kind == .mapping ? "mapping" : "list") cannot be a member name: member names are strings")
        }
        if let tag = node.tag {
            let shown = written(tag: tag, at: node.tagRange)
            let expected = YAMLComposer.coreTagPrefix + (node.kind == .mapping ? "map" : "seq")
            if tag == expected || tag == "!" {
                warnTag(index, "tag \(shown) is not needed here: remove it")
            } else if tag.hasPrefix(YAMLComposer.coreTagPrefix + "str") || tag.hasPrefix(YAMLComposer.coreTagPrefix + "int")
                || tag.hasPrefix(YAMLComposer.coreTagPrefix + "float") || tag.hasPrefix(YAMLComposer.coreTagPrefix + "bool")
                || tag.hasPrefix(YAMLComposer.coreTagPrefix + "null") || tag == YAMLComposer.coreTagPrefix + "map"
                || tag == YAMLComposer.coreTagPrefix + "seq" {
                tagError(index, "tag \(shown) cannot be applied to a \(node.kind == .mapping ? "mapping" : "list"): remove it")
            } else {
                tagError(index, unknownTagMessage(shown, tag: tag))
            }
        }
        if node.kind == .mapping { applyMergeKeys(index) }
    }

    // MARK: Merge keys

    /// The members of a mapping: after merging when it has merge keys.
    func members(of index: Int32) -> [RawMember] {
        let node = nodes[Int(index)]
        if let members = node.members { return members }
        var result: [RawMember] = []
        result.reserveCapacity(node.children.count / 2)
        var i = 0
        while i + 1 < node.children.count {
            result.append(RawMember(key: node.children[i], value: node.children[i + 1], via: nil))
            i += 2
        }
        return result
    }

    /// The name a key node gives its member.
    func keyName(_ index: Int32) -> String {
        var node = nodes[Int(index)]
        if node.kind == .alias { node = nodes[Int(node.target)] }
        return node.kind == .scalar && node.value == .string ? node.text : source.text(node.range)
    }

    /// The mappings a merge value names, each with the alias it came through.
    private func mergeSources(_ value: Int32) -> [(mapping: Int32, via: SourceRange?)]? {
        var node = nodes[Int(value)]
        var via: SourceRange?
        var index = value
        if node.kind == .alias {
            via = node.range
            index = node.target
            node = nodes[Int(index)]
        }
        switch node.kind {
        case .mapping:
            return [(index, via)]
        case .sequence:
            var result: [(mapping: Int32, via: SourceRange?)] = []
            for item in node.children {
                var element = nodes[Int(item)]
                var elementIndex = item
                var elementVia = via
                if element.kind == .alias {
                    elementVia = via ?? element.range
                    elementIndex = element.target
                    element = nodes[Int(elementIndex)]
                }
                guard element.kind == .mapping else { return nil }
                result.append((elementIndex, elementVia))
            }
            return result
        default:
            return nil
        }
    }

    /// Applies the merge keys (`<<: *base`, `<<: [*a, *b]`) of a mapping as ruamel.yaml does:
    /// the merged mappings' members come in where the merge key is, except those the mapping
    /// itself names or an earlier merged mapping already gave.
    private mutating func applyMergeKeys(_ index: Int32) {
        let own = members(of: index)
        guard own.contains(where: { nodes[Int($0.key)].isMergeKey }) else { return }
        var explicit: Set<String> = []
        for member in own where !nodes[Int(member.key)].isMergeKey { explicit.insert(keyName(member.key)) }
        var seen: Set<String> = []
        var result: [RawMember] = []
        for member in own {
            guard nodes[Int(member.key)].isMergeKey else {
                result.append(member)
                continue
            }
            guard let sources = mergeSources(member.value) else {
                pending.append(PendingDiagnostic(
                    rule: .yamlMergeKey, severity: .error,
                    message: "the value of the merge key << must be a mapping or a list of mappings (such as *base or [*a, *b]): the AWS CLI rejects anything else; write the members out",
                    range: nodes[Int(member.value)].range, node: member.value))
                result.append(member)
                continue
            }
            pending.append(PendingDiagnostic(
                rule: .yamlMergeKey, severity: .warning,
                message: "merge key << copies members from another mapping: YAML 1.2 has no merge keys and not every tool applies them; write the members out here",
                range: nodes[Int(member.key)].range, node: index))
            for (source, via) in sources {
                for merged in members(of: source) {
                    let name = keyName(merged.key)
                    if explicit.contains(name) || seen.contains(name) { continue }
                    seen.insert(name)
                    result.append(RawMember(key: merged.key, value: merged.value, via: via ?? merged.via))
                }
            }
        }
        nodes[Int(index)].members = result
    }

    // MARK: Errors

    /// The error for nesting deeper than ``maximumDepth``, at the collection that starts at
    /// `offset`.
    private func tooDeep(at offset: Int) -> Diagnostic {
        let length = offset < source.bytes.count ? YAMLSource.sequenceLength(lead: source.bytes[offset]) : 0
        return syntax("the document is nested more than \(YAMLComposer.maximumDepth) levels deep, which reqlint does not read: flatten it",
                      at: SourceRange(start: offset, end: offset + length))
    }

    /// The first `[` or `{` from `offset` at which flow nesting, with `depth` collections
    /// already open, passes ``maximumDepth`` (skipping quoted scalars and comments).
    private func firstTooDeepBracket(from offset: Int, depth: Int) -> Int? {
        let bytes = source.bytes
        var depth = depth
        var i = offset
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > YAMLComposer.maximumDepth { return i }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            case UInt8(ascii: "\""):
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
            case UInt8(ascii: "'"):
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "'") { i += 1 }
            case UInt8(ascii: "#") where i == 0 || source.isBlankOrBreak(bytes[i - 1]):
                while i < bytes.count, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
            default:
                break
            }
            i += 1
        }
        return nil
    }

    private func syntax(_ message: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(rule: .syntax, message: message, pointer: .root, range: range)
    }

    /// The error libyaml stopped at, at the position it reports, with its message.
    private func libyamlError(_ parser: yaml_parser_t) -> Diagnostic {
        var problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let offset: Int
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return syntax("out of memory while reading the YAML document", at: .at(0))
        case YAML_READER_ERROR:
            offset = min(Int(parser.problem_offset), source.bytes.count)
        default:
            offset = self.offset(parser.problem_mark)
        }
        if problem.hasPrefix("Maximum nesting level reached") {
            // libyaml counts flow levels its scanner has read ahead, so it stops early, at the
            // outermost bracket: report where the nesting passes reqlint's limit instead.
            let deep = firstTooDeepBracket(from: offset, depth: stack.count) ?? offset
            return tooDeep(at: deep)
        }
        let length = offset < source.bytes.count ? YAMLSource.sequenceLength(lead: source.bytes[offset]) : 0
        let byte: UInt8? = offset < source.bytes.count ? source.bytes[offset] : nil
        switch problem {
        case "found character that cannot start any token" where byte == 0x09,
             "found a tab character that violates indentation", "found a tab character where an indentation space is expected":
            problem += ": indent with spaces, not tabs"
        case "found character that cannot start any token" where byte == UInt8(ascii: "@") || byte == UInt8(ascii: "`"):
            problem += ": a plain value cannot start with @ or `; quote it"
        case "mapping values are not allowed in this context":
            problem += ": quote a value that contains \": \", or check the indentation"
        case "did not find expected key", "did not find expected '-' indicator":
            problem += ": check the indentation of this line"
        case "did not find expected <document start>":
            problem += ": the document ended before this line; check its indentation (and write one document per file)"
        default:
            break
        }
        if let context = parser.context.map({ String(cString: $0) }), parser.error != YAML_READER_ERROR {
            let contextOffset = self.offset(parser.context_mark)
            if contextOffset == offset {
                problem += " (\(context))"
            } else {
                let position = lines.position(of: contextOffset)
                problem += " (\(context) started at line \(position.line), column \(position.column))"
            }
        }
        return syntax(problem, at: SourceRange(start: offset, end: offset + length))
    }

    /// The error for a second document: the AWS CLI reads one document per file.
    private func secondDocument(_ event: yaml_event_t) -> Diagnostic {
        let start = offset(event.start_mark)
        var end = offset(event.end_mark)
        if event.data.document_start.implicit != 0 {
            end = start
            while end < source.bytes.count, source.bytes[end] != 0x0A, source.bytes[end] != 0x0D { end += 1 }
            while end > start, source.bytes[end - 1] == 0x20 || source.bytes[end - 1] == 0x09 { end -= 1 }
        }
        return Diagnostic(
            rule: .yamlMultipleDocuments, severity: .error,
            message: "a second YAML document starts here: the AWS CLI reads exactly one document per file; remove it (and its '---'), or put it in a file of its own",
            pointer: .root, range: SourceRange(start: start, end: end))
    }
}
