import ReqLintCore

/// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
///
/// Every rule is listed in `tool.driver.rules` with a full description and a `helpUri`.
/// Artifact URIs are relative to the working directory (`uriBaseId` `%SRCROOT%`); regions
/// have start and end, in UTF-16 columns (`columnKind`). `partialFingerprints` hash the
/// rule, the operation and the JSON pointer, not the position, so they survive reformatting.
/// A result whose diagnostic has a certain fix (``Fix``) carries it as SARIF `fixes`.
public struct SARIFReporter: StreamingReporter {
    public static let identifier = "sarif"
    public static let headComesFirst = true

    /// The tool version written to `tool.driver.version`.
    public var toolVersion: String
    /// The absolute working directory, for `originalUriBaseIds` (ends with `/`).
    public var workingDirectory: String?

    /// The rules listed in `tool.driver.rules` (results refer to them by index).
    public var rules: [RuleDescriptor]

    /// Certain fixes by file path (as in ``FileReport/path``), written as the `fixes` of the
    /// results whose diagnostics they fix.
    public var fixes: [String: [LocatedFix]]

    /// A certain fix with the region it replaces resolved to lines and UTF-16 columns.
    public struct LocatedFix: Sendable, Hashable {
        public var fix: Fix
        public var start: LineTable.Position
        public var end: LineTable.Position

        /// Resolves `fix`'s byte range with `lines` (the table of the bytes it was computed on).
        public init(_ fix: Fix, lines: LineTable) {
            self.fix = fix
            start = lines.position(of: fix.range.start)
            end = lines.position(of: fix.range.end)
        }
    }

    /// The provenance of the models that judged the files, written to `run.properties.models`.
    public var models: [ModelProvenance]

    public init(toolVersion: String, workingDirectory: String?, rules: [RuleDescriptor] = RuleCatalog.modelRules,
                fixes: [String: [LocatedFix]] = [:], models: [ModelProvenance] = []) {
        self.models = models
        self.toolVersion = toolVersion
        self.workingDirectory = workingDirectory
        self.rules = rules
        self.fixes = fixes
    }

    private var results = JSONArrayStream(indent: 3)
    private lazy var ruleIndex: [RuleID: Int] = {
        var index: [RuleID: Int] = [:]
        for (i, rule) in rules.enumerated() { index[rule.id] = i }
        return index
    }()

    public mutating func part(_ files: [FileReport]) -> String {
        let ruleIndex = self.ruleIndex
        var out = ""
        for file in files {
            var ordinals: [String: Int] = [:]
            for located in file.diagnostics {
                results.append(result(located, file: file, ruleIndex: ruleIndex, ordinals: &ordinals), to: &out)
            }
        }
        return out
    }

    public func frame() -> (head: String, tail: String) {
        var run: [(String, JSONValue)] = [
            ("tool", .object([("driver", .object([
                ("name", .string("reqlint")),
                ("version", .string(toolVersion)),
                ("semanticVersion", .string(toolVersion)),
                ("informationUri", .string(RuleCatalog.documentationURL)),
                ("rules", .array(rules.map(ruleValue))),
            ]))])),
        ]
        if let workingDirectory {
            run.append(("originalUriBaseIds", .object([
                ("%SRCROOT%", .object([("uri", .string("file://" + Self.percentEncodePath(workingDirectory)))])),
            ])))
        }
        run.append(("columnKind", .string("utf16CodeUnits")))
        if !models.isEmpty {
            run.append(("properties", .object([("models", .array(models.map { $0.jsonValue() }))])))
        }
        // The log with the run's members but its last, `results`, which the parts fill.
        var head = "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {"
        for (key, value) in run {
            head += "\n      "
            JSONValue.writeString(key, to: &head)
            head += ": "
            value.write(to: &head, pretty: true, indent: 3)
            head += ","
        }
        head += "\n      \"results\": "
        return (head, results.close + "\n    }\n  ]\n}\n")
    }

    func ruleValue(_ rule: RuleDescriptor) -> JSONValue {
        .object([
            ("id", .string(rule.id.rawValue)),
            ("name", .string(rule.title.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined())),
            ("shortDescription", .object([("text", .string(rule.title))])),
            ("fullDescription", .object([("text", .string(rule.summary))])),
            ("helpUri", .string(rule.helpURI)),
            ("help", .object([("text", .string(Self.helpText(rule))), ("markdown", .string(Self.helpMarkdown(rule)))])),
            ("defaultConfiguration", .object([("level", .string(Self.level(rule.severity)))])),
        ])
    }

    /// The help code scanning shows without following a link: what the rule checks, its
    /// source and the public page to read.
    static func helpText(_ rule: RuleDescriptor) -> String {
        var text = "\(rule.summary)\n\nSource: \(rule.source)."
        if let url = rule.sourceURL { text += "\n\(url)" }
        text += "\n\nDocumentation: \(rule.catalogueURI)"
        return text
    }

    /// `helpText` in Markdown, with the source page and the rule's catalogue section as links.
    static func helpMarkdown(_ rule: RuleDescriptor) -> String {
        var text = "**\(rule.title)**: \(rule.summary)\n\nSource: \(rule.source)."
        if let url = rule.sourceURL { text += " [AWS documentation](\(url))." }
        text += "\n\n[reqlint rule documentation](\(rule.catalogueURI))"
        return text
    }

    func result(_ located: LocatedDiagnostic, file: FileReport, ruleIndex: [RuleID: Int], ordinals: inout [String: Int]) -> JSONValue {
        let d = located.diagnostic
        let key = d.rule.rawValue + "\u{0}" + d.pointer.description
        let ordinal = ordinals[key, default: 0]
        ordinals[key] = ordinal + 1
        let fingerprint = Self.fnv1a("\(d.rule)\u{0}\(file.operation?.description ?? "")\u{0}\(d.pointer)\u{0}\(ordinal)")
        var members: [(String, JSONValue)] = [("ruleId", .string(d.rule.rawValue))]
        if let index = ruleIndex[d.rule] { members.append(("ruleIndex", .integer(Int64(index)))) }
        members += [
            ("level", .string(Self.level(d.severity))),
            ("message", .object([("text", .string(d.message))])),
            ("locations", .array([location(Self.bytes(file), located.start, located.end, pointer: d.pointer)])),
        ]
        if !located.related.isEmpty {
            members.append(("relatedLocations", .array(located.related.enumerated().map { i, related in
                var value = location(Self.bytes(file), related.start, related.end, pointer: related.related.pointer)
                if case var .object(parts) = value {
                    parts.insert(("id", .integer(Int64(i + 1))), at: 0)
                    parts.append(("message", .object([("text", .string(related.related.message))])))
                    value = .object(parts)
                }
                return value
            })))
        }
        let fix = fixes[file.path]?.first {
            $0.fix.diagnostic.rule == d.rule && $0.fix.diagnostic.range == d.range && $0.fix.diagnostic.pointer == d.pointer
        }
        if let fix {
            members.append(("fixes", .array([.object([
                ("description", .object([("text", .string(fix.fix.description))])),
                ("artifactChanges", .array([.object([
                    ("artifactLocation", .object(artifactLocation(Self.bytes(file)))),
                    ("replacements", .array([.object([
                        ("deletedRegion", .object([
                            ("startLine", .integer(Int64(fix.start.line))), ("startColumn", .integer(Int64(fix.start.column))),
                            ("endLine", .integer(Int64(fix.end.line))), ("endColumn", .integer(Int64(fix.end.column))),
                        ])),
                        ("insertedContent", .object([("text", .string(fix.fix.replacement))])),
                    ])])),
                ])])),
            ])])))
        }
        members.append(("partialFingerprints", .object([("reqlint/v1", .string(fingerprint))])))
        members.append(("properties", .object([("pointer", .string(d.pointer.description))])))
        return .object(members)
    }

    /// A report's path as bytes: a name that is not UTF-8 is percent-encoded byte for byte.
    static func bytes(_ file: FileReport) -> [UInt8] { file.rawPath ?? Array(file.path.utf8) }

    func artifactLocation(_ path: [UInt8]) -> [(String, JSONValue)] {
        if path.first == UInt8(ascii: "/") {
            return [("uri", .string("file://" + Self.percentEncodePath(path)))]
        }
        var relative = path[...]
        while relative.starts(with: [UInt8(ascii: "."), UInt8(ascii: "/")]) { relative = relative.dropFirst(2) }
        return [("uri", .string(Self.percentEncodePath(relative))), ("uriBaseId", .string("%SRCROOT%"))]
    }

    func location(_ path: [UInt8], _ start: LineTable.Position, _ end: LineTable.Position, pointer: JSONPointer) -> JSONValue {
        .object([
            ("physicalLocation", .object([
                ("artifactLocation", .object(artifactLocation(path))),
                ("region", .object([
                    ("startLine", .integer(Int64(start.line))), ("startColumn", .integer(Int64(start.column))),
                    ("endLine", .integer(Int64(end.line))), ("endColumn", .integer(Int64(end.column))),
                ])),
            ])),
            ("logicalLocations", .array([.object([
                ("fullyQualifiedName", .string(pointer.description.isEmpty ? "/" : pointer.description)),
                ("kind", .string("member")),
            ])])),
        ])
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// A path with every byte outside RFC 3986's unreserved set and `/` percent-encoded.
    static func percentEncodePath(_ path: String) -> String { percentEncodePath(path.utf8) }

    static func percentEncodePath<Bytes: Sequence>(_ path: Bytes) -> String where Bytes.Element == UInt8 {
        var out = ""
        for byte in path {
            switch byte {
            case UInt8(ascii: "a") ... UInt8(ascii: "z"), UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "0") ... UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = String(byte, radix: 16, uppercase: true)
                out += "%" + (digits.count == 1 ? "0" + digits : digits)
            }
        }
        return out
    }

    /// 64-bit FNV-1a, as 16 hex digits.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
