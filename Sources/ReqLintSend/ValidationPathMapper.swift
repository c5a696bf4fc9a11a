import ReqLintCore
import ReqLintReport

/// Maps the member paths a service names in a validation error back to the request
/// document, so they can be reported at a file, line and column.
///
/// AWS writes these paths in a few forms, all handled:
/// - Coral (SageMaker and other awsJson services): lowerCamelCase members joined by `.`, list
///   elements as `.N.member` with N counted from 1:
///   `Value '20000' at 'inputConfig.jobDurationInSeconds' failed to satisfy constraint: …`,
///   `… at 'inputConfig.endpointConfigurations.1.member.instanceType' …`;
/// - the query style `member.N` (also from 1);
/// - `name[N]` with N counted from 0: `tags[0].key`;
/// - Smithy servers (restJson services such as Clean Rooms ML): a JSON pointer,
///   `Value at '/membershipIdentifier' failed to satisfy constraint: …`, `/tags/0/key`.
///
/// Member names are matched against the document's member names ignoring letter case
/// (the service reports `inputConfig` for `InputConfig`). A path that leaves the document
/// (a missing member) is reported at the deepest value that exists, marked inexact.
public enum ValidationPathMapper {
    /// One clause of a validation message and where it points.
    public struct Location: Sendable, Equatable {
        /// The path as the service wrote it.
        public var path: String
        /// The clause of the message that names it (`Value '…' at '…' failed to satisfy constraint: …`).
        public var clause: String
        /// Where it is in the document.
        public var pointer: JSONPointer
        public var node: Int32
        /// False when the path went further than the document (reported at the nearest value).
        public var exact: Bool
    }

    /// The clauses of `message` that name a path, with the path: a message of several
    /// errors (`2 validation errors detected: Value … ; Value …`) gives several.
    public static func clauses(in message: String) -> [(clause: String, path: String)] {
        var body = Substring(message)
        if let detected = body.firstRange(of: "detected: ") { body = body[detected.upperBound...] }
        var result: [(String, String)] = []
        for piece in body.split(separator: "; ") {
            let clause = String(piece).trimmingASCIIWhitespace()
            guard let at = clause.firstRange(of: " at '") ?? (clause.hasPrefix("at '") ? clause.firstRange(of: "at '") : nil) else { continue }
            let after = clause[at.upperBound...]
            guard let end = after.firstIndex(of: "'") else { continue }
            let path = String(after[..<end])
            if !path.isEmpty { result.append((clause, path)) }
        }
        return result
    }

    /// A path's steps: member names, and list indices already made 0-based.
    enum Step: Equatable {
        case name(String)
        case index(Int)
    }

    static func steps(_ path: String) -> [Step] {
        if path.hasPrefix("/") {
            return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { token in
                let text = String(token).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                if let number = Int(text), number >= 0, text.allSatisfy({ $0.isASCII && $0.isNumber }) { return .index(number) }
                return .name(text)
            }
        }
        // Split on '.' and pull out [N] suffixes.
        var tokens: [String] = []
        var bracketIndices: Set<Int> = []
        for raw in path.split(separator: ".", omittingEmptySubsequences: true) {
            var token = Substring(raw)
            var indices: [String] = []
            while token.hasSuffix("]"), let open = token.lastIndex(of: "[") {
                indices.insert(String(token[token.index(after: open) ..< token.index(before: token.endIndex)]), at: 0)
                token = token[..<open]
            }
            if !token.isEmpty { tokens.append(String(token)) }
            for index in indices {
                bracketIndices.insert(tokens.count)
                tokens.append(index)
            }
        }
        var steps: [Step] = []
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            let isNumber = !token.isEmpty && token.allSatisfy { $0.isASCII && $0.isNumber }
            if isNumber, let number = Int(token) {
                if bracketIndices.contains(i) {
                    steps.append(.index(number))
                } else if i + 1 < tokens.count, tokens[i + 1] == "member" {
                    steps.append(.index(number - 1))
                    i += 1
                } else {
                    // A bare number after `member` (query style `member.N`) or alone: from 1.
                    steps.append(.index(number - 1))
                }
            } else if token == "member", i + 1 < tokens.count, Int(tokens[i + 1]) != nil {
                // `member.N`: the next token is the index, from 1.
            } else if token == "entry", i + 1 < tokens.count, Int(tokens[i + 1]) != nil {
                // Coral maps: `entry.N.key` / `entry.N.value`; cannot be mapped to a key by number.
                steps.append(.name(token))
            } else {
                steps.append(.name(token))
            }
            i += 1
        }
        return steps
    }

    /// Where `path` points in `document`.
    public static func locate(_ path: String, in document: JSONDocument) -> (pointer: JSONPointer, node: Int32, exact: Bool)? {
        guard let root = document.root else { return nil }
        var node = root
        var pointer = JSONPointer.root
        for step in steps(path) {
            let value = document[node]
            switch (value.kind, step) {
            case let (.object, .name(name)):
                let members = document.members(of: node)
                let found = members.last(where: { document.string($0.key, equals: name) })
                    ?? members.last(where: { document.string($0.key).lowercased() == name.lowercased() })
                guard let found else { return (pointer, node, false) }
                pointer = pointer.appending(document.string(found.key))
                node = found.value
            case let (.array, .index(index)):
                let elements = Array(document.elements(of: node))
                guard index >= 0, index < elements.count else { return (pointer, node, false) }
                pointer = pointer.appending(index)
                node = elements[index]
            case let (.object, .index(index)):
                // A map addressed by number: no way to tell which key.
                _ = index
                return (pointer, node, false)
            default:
                return (pointer, node, false)
            }
        }
        return (pointer, node, true)
    }

    /// The locations of every path named in `message`.
    public static func locations(in message: String, document: JSONDocument) -> [Location] {
        clauses(in: message).compactMap { clause, path in
            guard let found = locate(path, in: document) else { return nil }
            return Location(path: path, clause: clause, pointer: found.pointer, node: found.node, exact: found.exact)
        }
    }

    /// Diagnostics for a service error: one per located path (rule `service`), at the value
    /// the path names; none when the message names no path.
    public static func diagnostics(for error: ServiceError, document: JSONDocument) -> [Diagnostic] {
        locations(in: error.message, document: document).map { location in
            let where_ = location.exact ? "" : " (reported at the nearest value present)"
            return Diagnostic(rule: "service", severity: .error,
                              message: "\(error.code) from the service: \(location.clause)\(where_)",
                              pointer: location.pointer, range: document[location.node].range)
        }
    }
}
