import ReqLintCore

extension RuleID {
    /// A check that could not run (the call was denied or could not be made).
    public static let preflightNotChecked: RuleID = "preflight/not-checked"
}

/// Runs the preflight checks of a document's operation: resolves every reference the
/// document makes with read-only calls (through a ``PreflightClient``, which shares answers
/// across the run) and reports what the account says as diagnostics at the value that names
/// the resource.
///
/// A check whose call is denied or cannot be made is reported as `preflight/not-checked`, an
/// error by default: an unverified reference must never look like a verified one. (A
/// configuration can lower it to a warning.)
public struct PreflightEngine: Sendable {
    public let checks: [OperationID: [PreflightCheck]]

    public init(files: [PreflightCheckFile]) {
        var checks: [OperationID: [PreflightCheck]] = [:]
        for file in files { checks[file.operation, default: []] += file.checks }
        self.checks = checks
    }

    /// The actions the checks of `operations` (all, when nil) may call.
    public func actions(for operations: Set<OperationID>?) -> [ReadOnlyAction] {
        var seen: [ReadOnlyAction] = []
        for (operation, list) in checks.sorted(by: { $0.key.description < $1.key.description })
        where operations?.contains(operation) ?? true {
            for check in list where !seen.contains(check.action) { seen.append(check.action) }
        }
        return seen
    }

    /// The least-privilege IAM policy for the checks of `operations` (all, when nil).
    public func policy(for operations: Set<OperationID>?) -> JSONValue {
        let names = Set(actions(for: operations).flatMap(\.iamActions)).sorted()
        return .object([
            ("Version", .string("2012-10-17")),
            ("Statement", .array([.object([
                ("Sid", .string("ReqlintPreflightReadOnly")),
                ("Effect", .string("Allow")),
                ("Action", .array(names.map(JSONValue.string))),
                ("Resource", .string("*")),
            ])])),
        ])
    }

    public func run(document: JSONDocument, operation: OperationID, client: PreflightClient) -> [Diagnostic] {
        guard let root = document.root else { return [] }
        var diagnostics: [Diagnostic] = []
        var notChecked = Set<String>()
        // Values whose ARN names another region: their calls would only answer "not found".
        var otherRegion = Set<[String]>()
        for check in checks[operation] ?? [] {
            for match in DocumentPath.matches(check.at, in: document, root: root) {
                let resolve = { (pattern: [String]) in DocumentPath.node(DocumentPath.substitute(pattern, match.indices), in: document, root: root) }
                var arguments: [PreflightCall.Argument] = []
                var argumentNodes: [(pointer: [String], node: Int32)] = []
                for source in check.arguments {
                    guard let found = resolve(source.pointer), let raw = DocumentPath.text(found.node, in: document),
                          let value = Self.take(source.take, raw), !value.isEmpty else { break }
                    arguments.append(PreflightCall.Argument(source.name, value))
                    argumentNodes.append(found)
                }
                guard arguments.count == check.arguments.count, let named = argumentNodes.first else { continue }
                if argumentNodes.contains(where: { otherRegion.contains($0.pointer) }) { continue }
                let value = DocumentPath.text(match.node, in: document) ?? ""
                if case let .provided(pointer, _) = check.expect, resolve(pointer) != nil { continue }
                let call = PreflightCall(check.action, arguments: arguments)
                let place = JSONPointer(tokens: match.pointer)
                if case .inRegion = check.expect {
                    let parts = arguments[0].value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
                    if let region = client.region, parts.count == 6, parts[0] == "arn", !parts[3].isEmpty, parts[3] != region {
                        otherRegion.insert(named.pointer)
                        let message = "\(value) is in \(parts[3]), but the request runs in \(region): \(check.action.id) looks for it in \(region)"
                        diagnostics.append(Diagnostic(rule: RuleID(check.id), severity: .error,
                                                      message: check.message.map { $0.replacingAll("{value}", with: value).replacingAll("{answer}", with: String(parts[3])) } ?? message,
                                                      pointer: place, range: document[match.node].range))
                    }
                    continue
                }
                func finding(_ rule: RuleID, _ message: String, related: [Diagnostic.Related] = []) {
                    diagnostics.append(Diagnostic(rule: rule, severity: .error, message: message, pointer: place,
                                                  range: document[match.node].range, related: related))
                }
                func fill(_ template: String?, _ fallback: String, answer: String) -> String {
                    guard let template else { return fallback }
                    return template.replacingAll("{value}", with: value).replacingAll("{answer}", with: answer)
                        .replacingAll("{call}", with: check.action.id)
                }
                switch client.perform(call) {
                case let .denied(error):
                    if notChecked.insert("\(call)|\(place)").inserted {
                        finding(.preflightNotChecked, "not checked (\(check.id)): \(check.action.id) was denied: \(error.code): \(error.message); allow \(check.action.iamActions.joined(separator: ", ")) to check it")
                    }
                case let .failed(reason):
                    if notChecked.insert("\(call)|\(place)").inserted {
                        finding(.preflightNotChecked, "not checked (\(check.id)): \(check.action.id) could not be made: \(reason); it needs \(check.action.iamActions.joined(separator: ", "))")
                    }
                case let .notFound(error):
                    let said = "\(error.code): \(error.message.isEmpty ? "HTTP \(error.status)" : error.message)"
                    switch check.expect {
                    case .exists:
                        finding(RuleID(check.id), fill(check.message, "\(value) does not exist: \(check.action.id) answered \(said)", answer: said))
                    default:
                        break  // absent: the name is free; other kinds: the exists check reports it
                    }
                case let .found(answer):
                    switch check.expect {
                    case .exists, .inRegion:
                        break
                    case .absent:
                        finding(RuleID(check.id), fill(check.message, "\(value) is already used: \(check.action.id) found it", answer: "found"))
                    case let .equals(path, expected):
                        let values = answer.strings(at: path)
                        if values.isEmpty || values.contains(where: { $0 != expected }) {
                            let said = values.isEmpty ? "(no \(path))" : values.joined(separator: ", ")
                            finding(RuleID(check.id), fill(check.message, "\(value): \(check.action.id) answered \(path) \(said), expected \(expected)", answer: said))
                        }
                    case let .contains(path, _):
                        let values = answer.strings(at: path)
                        if !values.contains(value) {
                            let said = values.isEmpty ? "(none)" : values.joined(separator: ", ")
                            let related = Diagnostic.Related(message: "named here (\(check.action.id))", pointer: JSONPointer(tokens: named.pointer),
                                                             range: document[named.node].range)
                            finding(RuleID(check.id), fill(check.message, "\(value) is not among \(path) of \(arguments[0].value): \(said)", answer: said),
                                    related: [related])
                        }
                    case let .trusts(path, service):
                        let policies = answer.strings(at: path)
                        if !policies.contains(where: { TrustPolicy.allows(service: service, policy: $0) }) {
                            finding(RuleID(check.id), fill(check.message, "role \(arguments[0].value) does not trust \(service): its trust policy (\(check.action.id) \(path)) has no Allow of sts:AssumeRole for that service principal", answer: policies.first.map(TrustPolicy.decoded) ?? "(none)"))
                        }
                    case let .provided(pointer, path):
                        if !answer.strings(at: path).contains(where: { !$0.isEmpty }) {
                            finding(RuleID(check.id), fill(check.message, "\(JSONPointer(tokens: pointer)) is not set and \(value) has no \(path) (\(check.action.id))", answer: "(none)"))
                        }
                    }
                }
            }
        }
        return diagnostics.sorted(by: Diagnostic.sourceOrder)
    }

    static func take(_ take: PreflightCheck.Take?, _ raw: String) -> String? {
        switch take {
        case nil: return raw
        case .arnName: return raw.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init)
        case .s3Bucket, .s3Key:
            guard raw.hasPrefix("s3://") else { return nil }
            let rest = raw.dropFirst(5)
            guard let slash = rest.firstIndex(of: "/") else { return take == .s3Bucket ? String(rest) : nil }
            return take == .s3Bucket ? String(rest[..<slash]) : String(rest[rest.index(after: slash)...])
        }
    }
}

/// Pointers with `*` tokens over a parsed document.
enum DocumentPath {
    struct Match {
        var pointer: [String]
        var node: Int32
        var indices: [String]
    }

    static func matches(_ pattern: [String], in document: JSONDocument, root: Int32) -> [Match] {
        var current = [Match(pointer: [], node: root, indices: [])]
        for token in pattern {
            var next: [Match] = []
            for match in current {
                let node = document[match.node]
                if token == "*" {
                    guard node.kind == .array else { continue }
                    for (i, element) in document.elements(of: match.node).enumerated() {
                        next.append(Match(pointer: match.pointer + [String(i)], node: element, indices: match.indices + [String(i)]))
                    }
                } else if let child = child(token, of: match.node, in: document) {
                    next.append(Match(pointer: match.pointer + [token], node: child, indices: match.indices))
                }
            }
            current = next
        }
        return current
    }

    static func child(_ token: String, of index: Int32, in document: JSONDocument) -> Int32? {
        let node = document[index]
        switch node.kind {
        case .object: return document.members(of: index).last { document.string($0.key) == token }?.value
        case .array:
            guard let i = Int(token), i >= 0 else { return nil }
            let elements = document.elements(of: index)
            return i < elements.count ? elements[elements.startIndex + i] : nil
        default: return nil
        }
    }

    static func substitute(_ pattern: [String], _ indices: [String]) -> [String] {
        var k = 0
        return pattern.map { token in
            guard token == "*", k < indices.count else { return token }
            defer { k += 1 }
            return indices[k]
        }
    }

    static func node(_ pointer: [String], in document: JSONDocument, root: Int32) -> (pointer: [String], node: Int32)? {
        var index = root
        for token in pointer {
            guard let child = child(token, of: index, in: document) else { return nil }
            index = child
        }
        return (pointer, index)
    }

    static func text(_ index: Int32, in document: JSONDocument) -> String? {
        switch document[index].kind {
        case .string: return document.string(index)
        case .number: return document.literal(index)
        default: return nil
        }
    }
}

/// Reads a role's trust policy (IAM answers it URL-encoded).
enum TrustPolicy {
    static func decoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: "%"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func allows(service: String, policy: String) -> Bool {
        let document = JSONParser.parse(decoded(policy))
        guard let root = document.root else { return false }
        let value = document.value(at: root)
        let statements: [JSONValue]
        switch value["Statement"] {
        case let .array(list)?: statements = list
        case let single?: statements = [single]
        case nil: return false
        }
        func strings(_ value: JSONValue?) -> [String] {
            switch value {
            case let .string(s)?: return [s]
            case let .array(list)?: return list.compactMap(\.stringValue)
            default: return []
            }
        }
        func applies(_ statement: JSONValue) -> Bool {
            strings(statement["Action"]).contains { ["sts:AssumeRole", "sts:*", "*"].contains($0) }
                && (strings(statement["Principal"]?["Service"]).contains(service) || statement["Principal"]?.stringValue == "*")
        }
        // An explicit Deny wins over any Allow.
        if statements.contains(where: { $0["Effect"]?.stringValue == "Deny" && applies($0) }) { return false }
        return statements.contains { $0["Effect"]?.stringValue == "Allow" && applies($0) }
    }
}
