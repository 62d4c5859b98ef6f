/// Calendar arithmetic for the demo stream: epoch milliseconds to RFC 3339 and back to dates, in
/// integers on the proleptic Gregorian calendar (Howard Hinnant's days-from-civil algorithms).
enum DemoTime {
    /// Milliseconds in a second.
    static let second: Int64 = 1000
    /// Milliseconds in a minute.
    static let minute: Int64 = 60 * second
    /// Milliseconds in an hour.
    static let hour: Int64 = 60 * minute
    /// Milliseconds in a day.
    static let day: Int64 = 24 * hour

    /// Appends `milliseconds` since the epoch as `yyyy-mm-ddThh:mm:ss.mmmZ`.
    static func appendRFC3339(_ milliseconds: Int64, to bytes: inout [UInt8]) {
        let days = floorDivide(milliseconds, day)
        let inDay = milliseconds - days * day
        appendDate(days: days, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(inDay / hour, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(inDay / minute % 60, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(inDay / second % 60, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDigits(inDay % second, count: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// `yyyy-mm-ddThh:mm:ss.mmmZ` for `milliseconds` since the epoch.
    static func rfc3339(_ milliseconds: Int64) -> String {
        var bytes: [UInt8] = []
        appendRFC3339(milliseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `yyyy-mm-dd` for a day number (days since 1970-01-01).
    static func date(days: Int64) -> String {
        var bytes: [UInt8] = []
        appendDate(days: days, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The day number (days since 1970-01-01) of a civil date.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func appendDate(days: Int64, to bytes: inout [UInt8]) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        appendDigits(year, count: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(dayOfMonth, count: 2, to: &bytes)
    }

    private static func appendDigits(_ value: Int64, count: Int, to bytes: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    private static func floorDivide(_ dividend: Int64, _ divisor: Int64) -> Int64 {
        let quotient = dividend / divisor
        return dividend % divisor < 0 ? quotient - 1 : quotient
    }
}
