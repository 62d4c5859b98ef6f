/// Epoch milliseconds as readable UTC text, for failure reports.
enum NaiveTime {
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    /// `2026-11-24T10:15:00.000Z` for an epoch millisecond time.
    static func format(_ time: Int64) -> String {
        let days = floorDivide(time, day)
        let milliseconds = time - days * day
        let (year, month, dayOfMonth) = civil(days)
        let hours = milliseconds / hour
        let minutes = milliseconds / 60_000 % 60
        let seconds = milliseconds / 1000 % 60
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(dayOfMonth, 2))T\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2))"
            + ".\(pad(milliseconds % 1000, 3))Z"
    }

    /// A duration in the campaign language's units, largest exact unit first (`90m`, `1d`, `1500ms`).
    static func duration(_ milliseconds: Int64) -> String {
        let units: [(Int64, String)] = [(7 * day, "w"), (day, "d"), (hour, "h"), (60_000, "m"), (1000, "s")]
        for (length, unit) in units where milliseconds != 0 && milliseconds % length == 0 {
            return "\(milliseconds / length)\(unit)"
        }
        return "\(milliseconds)ms"
    }

    /// Division rounding toward negative infinity.
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Year, month and day of a count of days since 1970-01-01 (H. Hinnant's civil_from_days).
    private static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
