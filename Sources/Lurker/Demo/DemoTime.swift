import RuleDSL

/// Time units and dates for the demo stream (its timestamps are written by ``Timestamp``).
enum DemoTime {
    /// Milliseconds in a second.
    static let second: Int64 = 1000
    /// Milliseconds in a minute.
    static let minute: Int64 = 60 * second
    /// Milliseconds in an hour.
    static let hour: Int64 = 60 * minute
    /// Milliseconds in a day.
    static let day: Int64 = 24 * hour

    /// `yyyy-mm-dd` for a day number (days since 1970-01-01).
    static func date(days: Int64) -> String {
        String(Timestamp.format(days * day).prefix(10))
    }

    /// The day number (days since 1970-01-01) of a civil date.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        CivilCalendar.days(year: year, month: month, day: day)
    }
}
