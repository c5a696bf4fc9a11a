#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A signing time: a whole number of seconds since 1970-01-01T00:00:00Z, in UTC.
///
/// SigV4 uses it twice: as `X-Amz-Date` (``amzDate``, `20150830T123600Z`) and as the date of
/// the credential scope (``dateStamp``, `20150830`). Fractions of a second are not part of
/// SigV4 and are dropped. Years 0000 through 9999 are supported.
public struct SigV4Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z (negative before it).
    public let secondsSince1970: Int64

    /// The smallest supported value, 0000-01-01T00:00:00Z.
    public static let minimumSeconds: Int64 = -62_167_219_200
    /// The largest supported value, 9999-12-31T23:59:59Z.
    public static let maximumSeconds: Int64 = 253_402_300_799

    /// Creates a timestamp; `secondsSince1970` must lie between ``minimumSeconds`` and
    /// ``maximumSeconds`` (a precondition).
    public init(secondsSince1970: Int64) {
        precondition(
            (Self.minimumSeconds ... Self.maximumSeconds).contains(secondsSince1970),
            "SigV4Timestamp supports the years 0000 to 9999 only"
        )
        self.secondsSince1970 = secondsSince1970
    }

    /// Creates a timestamp from UTC calendar fields, or nil when a field is out of range
    /// (the day is checked against the month, leap years included).
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (0 ... 9999).contains(year), (1 ... 12).contains(month),
              (1 ... daysInMonth(year: year, month: month)).contains(day),
              (0 ... 23).contains(hour), (0 ... 59).contains(minute), (0 ... 59).contains(second)
        else { return nil }
        let days = daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        self.init(secondsSince1970: days * 86_400 + Int64(hour) * 3_600 + Int64(minute) * 60 + Int64(second))
    }

    /// Parses an ISO 8601 UTC time in one of these forms, or returns nil:
    /// - extended, `2015-08-30T12:36:00Z`, optionally with a fraction (`12:36:00.250Z`,
    ///   dropped) and with `Z` or a `+HH:MM` / `-HH:MM` offset (converted to UTC);
    /// - basic, as in `X-Amz-Date`: `20150830T123600Z`.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index ..< index + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }
        func skip(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue! else { return false }
            index += 1
            return true
        }
        let extended = bytes.count > 4 && bytes[4] == UInt8(ascii: "-")
        guard let year = digits(4), !extended || skip("-"),
              let month = digits(2), !extended || skip("-"),
              let day = digits(2), skip("T") || skip("t"),
              let hour = digits(2), !extended || skip(":"),
              let minute = digits(2), !extended || skip(":"),
              let second = digits(2)
        else { return nil }
        if extended, skip(".") {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > start else { return nil }
        }
        var offsetSeconds = 0
        if skip("Z") || skip("z") {
            // UTC
        } else if extended, index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let offsetHours = digits(2), skip(":"), let offsetMinutes = digits(2),
                  offsetHours <= 23, offsetMinutes <= 59 else { return nil }
            offsetSeconds = sign * (offsetHours * 3_600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count,
              let local = SigV4Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        let utc = local.secondsSince1970 - Int64(offsetSeconds)
        guard (Self.minimumSeconds ... Self.maximumSeconds).contains(utc) else { return nil }
        self.init(secondsSince1970: utc)
    }

    /// The current time of the system clock, truncated to whole seconds.
    public static func now() -> SigV4Timestamp {
        SigV4Timestamp(secondsSince1970: Int64(time(nil)))
    }

    /// The UTC calendar fields.
    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400
        let secondOfDay = Int(secondsSince1970 - days * 86_400)
        let (year, month, day) = civilFromDays(days)
        return (Int(year), Int(month), Int(day), secondOfDay / 3_600, secondOfDay % 3_600 / 60, secondOfDay % 60)
    }

    /// The `X-Amz-Date` form, `YYYYMMDD'T'HHMMSS'Z'`, e.g. `20150830T123600Z`.
    public var amzDate: String {
        let c = components
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2) + "Z"
    }

    /// The date of the credential scope, `YYYYMMDD`, e.g. `20150830`.
    public var dateStamp: String {
        let c = components
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2)
    }

    /// The extended ISO 8601 form, `2015-08-30T12:36:00Z`.
    public var description: String {
        let c = components
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + "T"
            + pad(c.hour, 2) + ":" + pad(c.minute, 2) + ":" + pad(c.second, 2) + "Z"
    }

    public static func < (lhs: SigV4Timestamp, rhs: SigV4Timestamp) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

private func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

private func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

// Howard Hinnant's `days_from_civil` / `civil_from_days` (proleptic Gregorian calendar).

private func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

private func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}
