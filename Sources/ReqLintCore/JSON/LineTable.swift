/// Converts byte offsets to 1-based lines and columns.
///
/// Columns count UTF-16 code units, as LSP clients and SARIF consumers (`columnKind:
/// utf16CodeUnits`) do: a character outside the Basic Multilingual Plane (an emoji) is two
/// columns wide, a CJK character or an accented letter one. Lines end at `\n`, `\r\n` or a lone
/// `\r`. A UTF-8 byte order mark at the start of the file takes no column.
public struct LineTable: Sendable {
    /// A 1-based line and UTF-16 column.
    public struct Position: Hashable, Sendable, Comparable {
        /// 1-based line number.
        public var line: Int
        /// 1-based column, in UTF-16 code units.
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        public static func < (lhs: Position, rhs: Position) -> Bool { (lhs.line, lhs.column) < (rhs.line, rhs.column) }
    }

    private let bytes: [UInt8]
    private let lineStarts: [Int]
    /// When a line is longer than ``checkpointStride`` bytes (a minified document): the column
    /// at every multiple of the stride, so ``position(of:)`` scans at most one stride of a line
    /// instead of the whole line before the offset (which made many diagnostics on a long line
    /// quadratic). Empty otherwise.
    private let checkpoints: [Int]
    private static let checkpointStride = 4096

    /// Builds the table for a document's bytes.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [JSONParser.byteOrderMarkLength(bytes)]
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            if byte == 0x0A {
                starts.append(i + 1)
            } else if byte == 0x0D {
                if i + 1 < count && bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        lineStarts = starts
        var longest = count - starts[starts.count - 1]
        for k in 1 ..< starts.count { longest = max(longest, starts[k] - starts[k - 1]) }
        guard longest > Self.checkpointStride else {
            checkpoints = []
            return
        }
        // The column at offset c counts the bytes from c's line start, exactly as position(of:) does.
        var marks: [Int] = []
        marks.reserveCapacity(count / Self.checkpointStride + 1)
        var line = 0
        var column = 1
        var untilMark = 0
        for j in 0 ... count {
            while line + 1 < starts.count && starts[line + 1] <= j {
                line += 1
                column = 1
            }
            if untilMark == 0 {
                marks.append(column)
                untilMark = Self.checkpointStride
            }
            untilMark -= 1
            if j < count && j >= starts[line] && bytes[j] & 0xC0 != 0x80 { column += bytes[j] >= 0xF0 ? 2 : 1 }
        }
        checkpoints = marks
    }

    /// The number of lines.
    public var lineCount: Int { lineStarts.count }

    /// The byte offset where 1-based `line` starts.
    public func offset(ofLine line: Int) -> Int { lineStarts[max(0, min(line - 1, lineStarts.count - 1))] }

    /// The line and UTF-16 column of byte `offset`.
    public func position(of offset: Int) -> Position {
        let offset = max(min(offset, bytes.count), lineStarts[0])
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        var column = 1
        var i = lineStarts[low]
        let mark = offset / Self.checkpointStride
        if !checkpoints.isEmpty && mark * Self.checkpointStride > i {
            column = checkpoints[mark]
            i = mark * Self.checkpointStride
        }
        while i < offset {
            let byte = bytes[i]
            if byte & 0xC0 != 0x80 { column += byte >= 0xF0 ? 2 : 1 }
            i += 1
        }
        return Position(line: low + 1, column: column)
    }

    /// The byte offset of a 1-based line and UTF-16 column (clamped to the line).
    public func offset(of position: Position) -> Int {
        var i = offset(ofLine: position.line)
        var column = 1
        while i < bytes.count, column < position.column, bytes[i] != 0x0A, bytes[i] != 0x0D {
            let length = max(1, UTF8Validation.sequenceLength(bytes, at: i))
            column += length == 4 ? 2 : 1
            i += length
        }
        return i
    }
}
