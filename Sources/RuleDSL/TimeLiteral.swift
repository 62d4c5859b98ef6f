/// Reading a TIME token (spec §2): `yyyy-mm-dd`, `yyyy-mm-ddThh:mm[:ss]Z` or `yyyy-mm-ddThh:mm[:ss]±hh:mm`.
public enum TimeLiteral {
    /// The moment a TIME names in epoch milliseconds UTC, or nil when `text` is not a valid TIME.
    public static func parse(_ text: String) -> Int64? {
        try? epochMilliseconds(text).get()
    }

    /// Why a TIME token is not a valid TIME.
    enum Problem: Error, Sendable, Hashable {
        /// Not one of the three shapes.
        case shape
        /// A time of day without `Z` or an offset.
        case missingZone
        /// A year outside 0001-9999, a month outside 1-12 or a day the month does not have.
        case noSuchDate
        /// An hour, minute, second or offset out of range.
        case noSuchTime
    }

    /// Whether `scalar` can be part of a TIME token; the lexer ends a TIME at the first one that cannot.
    ///
    /// Fractional seconds (`.`) are taken into the token so that `10:00:00.5Z` is one bad TIME, not three errors.
    static func canContinue(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "0"..."9", "-", "+", ":", "T", "Z", ".": return true
        default: return false
        }
    }

    /// The moment `text` names, in epoch milliseconds UTC.
    static func epochMilliseconds(_ text: String) -> Result<Int64, Problem> {
        let characters = Array(text.unicodeScalars)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= characters.count else { return nil }
            var value = 0
            for index in start..<(start + count) {
                let scalar = characters[index]
                guard ("0"..."9").contains(scalar) else { return nil }
                value = value * 10 + Int(scalar.value - 48)
            }
            return value
        }
        func character(_ index: Int) -> Unicode.Scalar? {
            index < characters.count ? characters[index] : nil
        }
        guard let year = digits(0, 4), character(4) == "-", let month = digits(5, 2), character(7) == "-",
            let day = digits(8, 2)
        else { return .failure(.shape) }
        var hour = 0
        var minute = 0
        var second = 0
        var offsetMinutes = 0
        if characters.count != 10 {
            guard character(10) == "T", let hours = digits(11, 2), character(13) == ":", let minutes = digits(14, 2)
            else { return .failure(.shape) }
            hour = hours
            minute = minutes
            var index = 16
            if character(index) == ":" {
                guard let seconds = digits(17, 2) else { return .failure(.shape) }
                second = seconds
                index = 19
            }
            switch character(index) {
            case nil:
                return .failure(.missingZone)
            case "Z":
                guard index + 1 == characters.count else { return .failure(.shape) }
            case "+", "-":
                guard let offsetHours = digits(index + 1, 2), character(index + 3) == ":",
                    let offsetMinute = digits(index + 4, 2), index + 6 == characters.count
                else { return .failure(.shape) }
                guard offsetHours <= 23, offsetMinute <= 59 else { return .failure(.noSuchTime) }
                offsetMinutes = (offsetHours * 60 + offsetMinute) * (character(index) == "-" ? -1 : 1)
            default:
                return .failure(.shape)
            }
        }
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, Int64(day) <= CivilCalendar.daysInMonth(year: Int64(year), month: Int64(month))
        else { return .failure(.noSuchDate) }
        guard hour <= 23, minute <= 59, second <= 59 else { return .failure(.noSuchTime) }
        let days = CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return .success(seconds * 1000)
    }

    /// `milliseconds` since the epoch as a UTC TIME with seconds, `2026-12-01T10:00:00Z` (milliseconds are left out;
    /// a TIME has none).
    static func format(_ milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let date = CivilCalendar.date(days: days)
        let (year, month, day) = (Int(date.year), Int(date.month), Int(date.day))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):"
            + "\(two(secondOfDay % 60))Z"
    }
}
