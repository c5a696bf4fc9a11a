import ReqLintCore

/// A service's answer to a successful call, as a tree: JSON answers as parsed, XML answers
/// (query protocol) converted element by element (an element with children becomes an
/// object whose members keep their order and may repeat; one without, a string), HEAD
/// answers empty.
public struct Answer: Sendable, Equatable {
    public var value: JSONValue

    public init(_ value: JSONValue) { self.value = value }

    public static func json(_ bytes: [UInt8]) -> Answer {
        let document = JSONParser.parse(bytes)
        guard let root = document.root else { return Answer(.object([])) }
        return Answer(document.value(at: root))
    }

    public static func xml(_ text: String) -> Answer {
        var parser = XMLTree(text)
        return Answer(parser.parse())
    }

    /// The strings at a dotted path: the first name is looked for at any depth (so XML
    /// wrappers such as `GetRoleResult` need not be named), then each next name among the
    /// members of what was found; arrays (and XML `member` / `item` lists) are looked through.
    public func strings(at path: String) -> [String] {
        let names = path.split(separator: ".").map(String.init)
        guard let first = names.first else { return [] }
        var current = Self.descendants(named: first, in: value)
        for name in names.dropFirst() {
            current = current.flatMap { Self.children(named: name, in: $0) }
        }
        return current.flatMap(Self.leaves)
    }

    static func children(named name: String, in value: JSONValue) -> [JSONValue] {
        switch value {
        case let .object(members):
            var found = members.filter { $0.0 == name }.map(\.1)
            // XML lists: <Set><item>…</item></Set> and <List><member>…</member></List>.
            for (key, member) in members where key == "item" || key == "member" { found += children(named: name, in: member) }
            return found
        case let .array(elements): return elements.flatMap { children(named: name, in: $0) }
        default: return []
        }
    }

    static func descendants(named name: String, in value: JSONValue) -> [JSONValue] {
        switch value {
        case let .object(members):
            var found: [JSONValue] = []
            for (key, member) in members {
                if key == name { found.append(member) } else { found += descendants(named: name, in: member) }
            }
            return found
        case let .array(elements): return elements.flatMap { descendants(named: name, in: $0) }
        default: return []
        }
    }

    static func leaves(_ value: JSONValue) -> [String] {
        switch value {
        case let .string(s): return [s]
        case let .integer(i): return [String(i)]
        case let .double(d): return [String(d)]
        case let .bool(b): return [b ? "true" : "false"]
        case let .array(elements): return elements.flatMap(leaves)
        case let .object(members): return members.filter { $0.0 == "item" || $0.0 == "member" }.flatMap { leaves($0.1) }
        case .null: return []
        }
    }
}

/// A small XML reader for AWS answers: elements, text, entities and CDATA; attributes,
/// comments, declarations and namespaces are skipped.
struct XMLTree {
    let chars: [Character]
    var index = 0

    init(_ text: String) { chars = Array(text) }

    mutating func parse() -> JSONValue {
        var members: [(String, JSONValue)] = []
        while let element = nextElement() { members.append(element) }
        return .object(members)
    }

    /// The next element at this level, or nil at a closing tag or the end.
    mutating func nextElement() -> (String, JSONValue)? {
        while index < chars.count {
            guard chars[index] == "<" else { index += 1; continue }
            if matches("</") { return nil }
            if matches("<?") || matches("<!") { skip(past: ">"); continue }
            index += 1
            var name = ""
            while index < chars.count, !" \t\r\n/>".contains(chars[index]) { name.append(chars[index]); index += 1 }
            if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
            var selfClosing = false
            while index < chars.count, chars[index] != ">" {
                if chars[index] == "/" { selfClosing = true } else if chars[index] != " " { selfClosing = false }
                index += 1
            }
            index += 1
            if selfClosing { return (name, .string("")) }
            // Content: text or child elements.
            var text = ""
            var children: [(String, JSONValue)] = []
            while index < chars.count {
                if matches("<![CDATA[") {
                    index += 9
                    while index < chars.count, !matches("]]>") { text.append(chars[index]); index += 1 }
                    index += 3
                } else if matches("</") {
                    skip(past: ">")
                    break
                } else if chars[index] == "<" {
                    if let child = nextElement() { children.append(child) }
                } else {
                    text.append(chars[index])
                    index += 1
                }
            }
            return (name, children.isEmpty ? .string(Self.decode(text)) : .object(children))
        }
        return nil
    }

    func matches(_ prefix: String) -> Bool {
        var i = index
        for c in prefix {
            guard i < chars.count, chars[i] == c else { return false }
            i += 1
        }
        return true
    }

    mutating func skip(past end: Character) {
        while index < chars.count, chars[index] != end { index += 1 }
        index += 1
    }

    static func decode(_ raw: String) -> String {
        guard raw.contains("&") else { return raw.trimmingCharacters() }
        var out = ""
        var rest = Substring(raw)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp) ..< semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let number, let scalar = Unicode.Scalar(number) { out.unicodeScalars.append(scalar) } else { out += "&\(entity);" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return (out + rest).trimmingCharacters()
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
