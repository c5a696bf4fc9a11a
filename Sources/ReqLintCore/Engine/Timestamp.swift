/// Timestamps as request documents may write them: epoch seconds (a JSON number) or an ISO
/// 8601 extended date-time string with a real date and time and an optional offset.
public enum Timestamp {
    /// `nil` when `text` is a valid ISO 8601 extended date-time (`2026-12-01T10:00:00Z`,
    /// `2026-12-01T10:00:00.250+02:00`, `2026-12-01T10:00:00`); otherwise why it is not.
    public static func problem(_ text: String) -> String? {
        let b = Array(text.utf8)
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var value = 0
            for k in at ..< at + count {
                guard b[k] >= 48 && b[k] <= 57 else { return nil }
                value = value * 10 + Int(b[k] - 48)
            }
            return value
        }
        func char(_ at: Int, _ c: Character) -> Bool { at < b.count && b[at] == c.asciiValue! }
        guard let year = digits(0, 4), char(4, "-"), let month = digits(5, 2), char(7, "-"), let day = digits(8, 2) else {
            return "expected a date-time such as 2026-12-01T10:00:00Z"
        }
        guard char(10, "T") || char(10, "t") else {
            return b.count == 10 ? "a date alone is not a timestamp: add a time, e.g. \(text)T00:00:00Z" : "expected 'T' between the date and the time, e.g. 2026-12-01T10:00:00Z"
        }
        guard let hour = digits(11, 2), char(13, ":"), let minute = digits(14, 2), char(16, ":"), let second = digits(17, 2) else {
            return "expected the time as hh:mm:ss, e.g. 2026-12-01T10:00:00Z"
        }
        guard year >= 1 else { return "year 0000 does not exist" }
        guard (1 ... 12).contains(month) else { return "month \(month) does not exist" }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day >= 1 && day <= monthDays else {
            let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
            return "\(names[month - 1]) \(year) has \(monthDays) days"
        }
        guard hour <= 23 else { return "hour \(hour) does not exist (00-23)" }
        guard minute <= 59 else { return "minute \(minute) does not exist (00-59)" }
        guard second <= 59 else { return "second \(second) does not exist (00-59)" }
        var i = 19
        if char(i, ".") {
            i += 1
            let start = i
            while i < b.count, b[i] >= 48 && b[i] <= 57 { i += 1 }
            guard i > start else { return "expected digits after the decimal point of the seconds" }
        }
        if i == b.count { return nil }
        if (char(i, "Z") || char(i, "z")) && i + 1 == b.count { return nil }
        if char(i, "+") || char(i, "-") {
            // ±hh:mm, and the ±hh and ±hhmm forms ISO 8601 also allows.
            guard let offsetHours = digits(i + 1, 2) else { return "expected the offset as Z or ±hh:mm, e.g. +02:00" }
            var offsetMinutes = 0
            if i + 3 == b.count {
                offsetMinutes = 0
            } else if char(i + 3, ":"), let minutes = digits(i + 4, 2), i + 6 == b.count {
                offsetMinutes = minutes
            } else if let minutes = digits(i + 3, 2), i + 5 == b.count {
                offsetMinutes = minutes
            } else {
                return "expected the offset as Z or ±hh:mm, e.g. +02:00"
            }
            guard offsetHours <= 23, offsetMinutes <= 59 else { return "offset \(text[text.index(text.startIndex, offsetBy: i)...]) does not exist" }
            return nil
        }
        return "unexpected text after the time: expected Z, an offset such as +02:00, or nothing"
    }
}

extension Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z of a valid ISO 8601 date-time (see ``problem(_:)``);
    /// a date-time without an offset is taken as UTC.
    public static func epochSeconds(_ text: String) -> Double? {
        guard problem(text) == nil else { return nil }
        let b = Array(text.utf8)
        func number(_ at: Int, _ count: Int) -> Int { b[at ..< at + count].reduce(0) { $0 * 10 + Int($1 - 48) } }
        let year = number(0, 4), month = number(5, 2), day = number(8, 2)
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        var seconds = Double(days * 86400 + number(11, 2) * 3600 + number(14, 2) * 60 + number(17, 2))
        var i = 19
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < b.count, b[i] >= 48 && b[i] <= 57 {
                seconds += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let remaining = b.count - i
            let minutes = remaining == 6 ? number(i + 4, 2) : remaining == 5 ? number(i + 3, 2) : 0
            let offset = Double(number(i + 1, 2) * 3600 + minutes * 60)
            seconds += b[i] == UInt8(ascii: "+") ? -offset : offset
        }
        return seconds
    }
}
