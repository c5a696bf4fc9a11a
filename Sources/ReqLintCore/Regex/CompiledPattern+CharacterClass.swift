extension CompiledPattern {
    /// For a pattern that is one character class repeated — `[A-Za-z0-9-]+`, `[0-9]{12}`,
    /// `([\p{L}\p{Z}\p{N}_.:/=+\-@]*)`, `(?!\s*$)[\u0020-\uD7FF…]*` — the class alone,
    /// compiled, so a message can name the first character the pattern does not allow instead
    /// of quoting the whole pattern. `nil` for any other pattern. Compiled when a value first
    /// fails (most patterns never need it), then kept.
    public func characterClass() -> CompiledPattern? {
        cachedCharacterClass {
            guard let text = Self.singleClass(in: javaPattern) else { return nil }
            return try? CompiledPattern(java: text)
        }
    }

    /// The `[...]` of a pattern of the form `^? (?!\s*$)? (? [...] quantifier )? $?`, or `nil`.
    static func singleClass(in pattern: String) -> String? {
        var rest = Substring(pattern)
        if rest.hasPrefix("^") { rest = rest.dropFirst() }
        if rest.hasSuffix("$") && !rest.hasSuffix("\\$") { rest = rest.dropLast() }
        if rest.hasPrefix("(?!\\s*$)") { rest = rest.dropFirst(8) }
        if rest.hasPrefix("("), rest.hasSuffix(")"), !rest.hasPrefix("(?") {
            rest = rest.dropFirst().dropLast()
        }
        guard rest.first == "[" else { return nil }
        // The class: to its closing bracket, escapes skipped; a nested class is not handled.
        var index = rest.index(after: rest.startIndex)
        var escaped = false
        var close: Substring.Index?
        while index < rest.endIndex {
            let c = rest[index]
            if escaped {
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "[" {
                return nil
            } else if c == "]", index > rest.index(after: rest.startIndex) {
                close = index
                break
            }
            index = rest.index(after: index)
        }
        guard let close else { return nil }
        let quantifier = rest[rest.index(after: close)...]
        let plainQuantifier = quantifier == "*" || quantifier == "+"
        let counted = quantifier.first == "{" && quantifier.last == "}"
            && quantifier.dropFirst().dropLast().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ",") }
        guard plainQuantifier || counted else { return nil }
        return String(rest[...close])
    }
}
