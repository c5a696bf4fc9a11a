/// A unified diff (`diff -u`, `git apply` and `patch -p1` read it) of two versions of a file,
/// for `reqlint lint --fix --dry-run`.
///
/// Fixes change bytes within lines, so the lines of the two versions usually pair one to one;
/// when their numbers differ, the lines between the common beginning and end are one change.
/// Lines keep their own ends (a CRLF file's lines end in `\r` before the diff's `\n`), and a
/// last line without a line end gets `\ No newline at end of file`, as `diff` writes it.
public enum UnifiedDiff {
    /// The diff of `old` and `new`, headed `--- oldName` and `+++ newName`, with `context`
    /// unchanged lines around each change; empty when they are equal.
    public static func diff(old: [UInt8], new: [UInt8], oldName: String, newName: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let a = lines(old)
        let b = lines(new)
        // Each change: a range of old lines replaced by a range of new lines.
        var changes: [(old: Range<Int>, new: Range<Int>)] = []
        if a.count == b.count {
            var i = 0
            while i < a.count {
                guard a[i] != b[i] else {
                    i += 1
                    continue
                }
                var j = i
                while j < a.count && a[j] != b[j] { j += 1 }
                changes.append((i ..< j, i ..< j))
                i = j
            }
        } else {
            var prefix = 0
            while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
            var suffix = 0
            while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
            changes.append((prefix ..< a.count - suffix, prefix ..< b.count - suffix))
        }
        // Group changes whose context overlaps or touches into hunks.
        var hunks: [[(old: Range<Int>, new: Range<Int>)]] = []
        for change in changes {
            if let last = hunks.last?.last, change.old.lowerBound - last.old.upperBound <= 2 * context {
                hunks[hunks.count - 1].append(change)
            } else {
                hunks.append([change])
            }
        }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks {
            let first = hunk.first!, last = hunk.last!
            let oldStart = max(0, first.old.lowerBound - context)
            let newStart = max(0, first.new.lowerBound - context)
            let oldEnd = min(a.count, last.old.upperBound + context)
            let newEnd = min(b.count, last.new.upperBound + context)
            out += "@@ -\(range(oldStart, oldEnd - oldStart)) +\(range(newStart, newEnd - newStart)) @@\n"
            var oldLine = oldStart
            for change in hunk {
                while oldLine < change.old.lowerBound {
                    out += line(" ", a[oldLine])
                    oldLine += 1
                }
                for i in change.old { out += line("-", a[i]) }
                for i in change.new { out += line("+", b[i]) }
                oldLine = change.old.upperBound
            }
            while oldLine < oldEnd {
                out += line(" ", a[oldLine])
                oldLine += 1
            }
        }
        return out
    }

    /// `start,count` as a hunk header writes it (1-based; a count of 0 names the line before).
    static func range(_ start: Int, _ count: Int) -> String {
        if count == 0 { return "\(start),0" }
        return count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }

    /// One diff line: the marker, the line's text with its own line end, and a `\n` plus the
    /// no-newline note when the line has none.
    static func line(_ marker: String, _ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        if bytes.last == UInt8(ascii: "\n") { return marker + text }
        return marker + text + "\n\\ No newline at end of file\n"
    }

    /// The lines of `bytes`, each with its `\n` (a `\r` before it stays part of the line; a
    /// lone `\r` ends no line, as for `diff`).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            result.append(bytes[start ... i])
            start = i + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }
}
