/// UTF-8 well-formedness as Unicode defines it (Table 3-7): no overlong forms, no surrogates,
/// nothing above U+10FFFF. Shared with the YAML front end.
package enum UTF8Validation {
    /// The length of the well-formed sequence that starts at `index`, or 0 if the bytes there
    /// are not well-formed UTF-8.
    package static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        let lead = bytes[index]
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            index + k < bytes.count && bytes[index + k] >= low && bytes[index + k] <= high
        }
        switch lead {
        case 0x00 ... 0x7F: return 1
        case 0xC2 ... 0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0, 0xBF) && continuation(2) ? 3 : 0
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90, 0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1 ... 0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}
