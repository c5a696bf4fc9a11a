/// Tells an enum value that may be newer than the model (an instance type of a new generation,
/// `ml.g7.2xlarge` against a model that knows `ml.g5.2xlarge`) from a typo.
enum EnumFamily {
    /// Whether `value` has the form of a large family of dotted values (`ml.<generation>.<size>`:
    /// the same number of parts and the same first part as at least ten of `values`, lowercase
    /// ASCII letters, digits and hyphens), with a size the family knows but a generation it
    /// does not, and a generation that has a digit (AWS numbers its generations). A typo in the
    /// size (`ml.m5.xlarg`), letter case or spaces is not such a value.
    static func looksNewer(_ value: String, than values: [String]) -> Bool {
        let parts = value.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return false }
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ (0x61 ... 0x7A).contains($0) || (0x30 ... 0x39).contains($0) || $0 == 0x2D }) else { return false }
        }
        let family = values.lazy.map { $0.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) }
            .filter { $0.count == parts.count && $0[0].elementsEqual(parts[0]) }
        guard family.count >= 10 else { return false }
        let generation = Array(parts.dropFirst().dropLast().joined(separator: [UInt8(ascii: ".")]))
        guard generation.contains(where: { (0x30 ... 0x39).contains($0) }) else { return false }
        var sizeKnown = false
        for known in family {
            if Array(known.dropFirst().dropLast().joined(separator: [UInt8(ascii: ".")])) == generation { return false }
            if known[known.count - 1].elementsEqual(parts[parts.count - 1]) { sizeKnown = true }
        }
        return sizeKnown
    }
}
