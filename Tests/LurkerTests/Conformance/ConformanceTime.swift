/// Times of the conformance cases, written short and turned into the RFC 3339 text of spec §7 by plain
/// calendar arithmetic (no code of the engine is involved).
///
/// `10:00`, `10:00:30` and `10:00:00.001` are on the cases' day, 2026-11-24 (UTC); `+1d 10:00` and
/// `-2d 10:00` are days after or before it; `2025-11-23 10:00` names its own day.
enum ConformanceTime {
    /// The cases' day, 2026-11-24T00:00:00.000Z, in epoch milliseconds.
    static let day: Int64 = 1_795_478_400_000

    /// The epoch milliseconds of a short time.
    static func milliseconds(_ text: String) -> Int64 {
        let parts = text.split(separator: " ")
        var base = day
        var clock = Substring(text)
        if parts.count == 2 {
            clock = parts[1]
            let date = parts[0]
            if date.hasPrefix("+") || date.hasPrefix("-") {
                guard let days = Int64(date.dropLast()) else { preconditionFailure("bad day offset in \(text)") }
                base += days * 86_400_000
            } else {
                let fields = date.split(separator: "-").compactMap { Int64($0) }
                precondition(fields.count == 3, "bad date in \(text)")
                base = daysFromCivil(year: fields[0], month: fields[1], day: fields[2]) * 86_400_000
            }
        }
        let hms = clock.split(separator: ":")
        precondition(hms.count >= 2 && hms.count <= 3, "bad time in \(text)")
        var seconds: Int64 = 0
        var fraction: Int64 = 0
        if hms.count == 3 {
            let secondParts = hms[2].split(separator: ".")
            seconds = Int64(secondParts[0])!
            if secondParts.count == 2 {
                let digits = secondParts[1].prefix(3)
                fraction = Int64(digits + String(repeating: "0", count: 3 - digits.count))!
            }
        }
        return base + (Int64(hms[0])! * 3600 + Int64(hms[1])! * 60 + seconds) * 1000 + fraction
    }

    /// A short time as RFC 3339 UTC with milliseconds; text that already holds a `T` is returned unchanged.
    static func rfc3339(_ text: String) -> String {
        text.contains("T") ? text : format(milliseconds(text))
    }

    /// Epoch milliseconds as RFC 3339 UTC with milliseconds (`2026-11-24T10:00:00.000Z`).
    static func format(_ milliseconds: Int64) -> String {
        let days = milliseconds.floorDivided(by: 86_400_000)
        let rest = milliseconds - days * 86_400_000
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rest / 3_600_000, 2)):"
            + "\(pad(rest / 60_000 % 60, 2)):\(pad(rest / 1000 % 60, 2)).\(pad(rest % 1000, 3))Z"
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
