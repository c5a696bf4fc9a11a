/// A fixed set of names looked up by their UTF-8 bytes: a structure's member names, an enum's
/// values, an operation's top-level members.
///
/// Lookups compare bytes, that is code points, as AWS compares names (Swift's `String`
/// equality follows canonical equivalence, so `"\u{212A}ey"` would equal `"Key"`), and take a
/// byte buffer straight from the document, so checking a member builds no `String`.
struct NameTable: Sendable {
    /// The names' bytes, one after another.
    private let storage: [UInt8]
    /// `offsets[i] ..< offsets[i + 1]` is name `i` in ``storage``.
    private let offsets: [Int32]
    /// Open addressing with linear probing: a name's index, or -1. The count is a power of two
    /// at least twice the number of names, so a probe always ends.
    private let slots: [Int32]

    /// The number of names.
    var count: Int { offsets.count - 1 }

    /// A table of `names`; of a repeated name the first index is kept.
    init(_ names: [String]) {
        var storage: [UInt8] = []
        var offsets: [Int32] = [0]
        for name in names {
            storage.append(contentsOf: name.utf8)
            offsets.append(Int32(storage.count))
        }
        var size = 4
        while size < names.count * 2 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        storage.withUnsafeBufferPointer { all in
            for i in names.indices {
                let name = UnsafeBufferPointer(rebasing: all[Int(offsets[i]) ..< Int(offsets[i + 1])])
                var slot = Int(Self.hash(name)) & (size - 1)
                var duplicate = false
                while slots[slot] >= 0 {
                    let other = Int(slots[slot])
                    if UnsafeBufferPointer(rebasing: all[Int(offsets[other]) ..< Int(offsets[other + 1])]).elementsEqual(name) {
                        duplicate = true
                        break
                    }
                    slot = (slot + 1) & (size - 1)
                }
                if !duplicate { slots[slot] = Int32(i) }
            }
        }
        self.storage = storage
        self.offsets = offsets
        self.slots = slots
    }

    /// The index of the name whose UTF-8 bytes are `name`, or `nil`.
    func index(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Int(Self.hash(name)) & mask
        return storage.withUnsafeBufferPointer { all in
            while true {
                let candidate = Int(slots[slot])
                if candidate < 0 { return nil }
                let start = Int(offsets[candidate])
                let end = Int(offsets[candidate + 1])
                if end - start == name.count,
                   name.isEmpty || memcmp(all.baseAddress! + start, name.baseAddress!, name.count) == 0 {
                    return candidate
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The index of `name`, compared by code points, or `nil`.
    func index(of name: String) -> Int? {
        var name = name
        return name.withUTF8 { index(of: $0) }
    }

    /// FNV-1a, 32 bits: short names, no seed needed (the table is built from the model, not
    /// from input, so there is nothing for an attacker to collide).
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for byte in bytes {
            h = (h ^ UInt32(byte)) &* 16_777_619
        }
        return h
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
