/// Timestamps as request documents may write them: epoch seconds (a JSON number) or an ISO
/// 8601 extended date-time string with a real date and time and an optional offset.
enum Timestamp {
    /// `nil` when `text` is a valid ISO 8601 extended date-time (`2026-12-01T10:00:00Z`,
    /// `2026-12-01T10:00:00.250+02:00`, `2026-12-01T10:00:00`); otherwise why it is not.
    static func problem(_ text: String) -> String? {
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
        guard char(10, "T") else {
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
        if char(i, "Z") && i + 1 == b.count { return nil }
        if char(i, "+") || char(i, "-") {
            guard let offsetHours = digits(i + 1, 2), char(i + 3, ":"), let offsetMinutes = digits(i + 4, 2), i + 6 == b.count else {
                return "expected the offset as Z or ±hh:mm, e.g. +02:00"
            }
            guard offsetHours <= 23, offsetMinutes <= 59 else { return "offset \(text.suffix(6)) does not exist" }
            return nil
        }
        return "unexpected text after the time: expected Z, an offset such as +02:00, or nothing"
    }
}
