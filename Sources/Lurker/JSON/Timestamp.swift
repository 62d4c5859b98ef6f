import RuleDSL

/// RFC 3339 timestamps read and written as epoch milliseconds (spec §3 and §7).
///
/// Everything is integer arithmetic on the proleptic Gregorian calendar (days from civil), with no
/// Foundation dates, time zones or locales involved.
///
/// Reading (``parse(_:)-(String)``) accepts `yyyy-mm-ddThh:mm:ss[.fraction](Z|±hh:mm)`:
/// - `T` and `Z` may be lower case (`t`, `z`); a space in place of `T` is not accepted.
/// - Seconds are required. Any number of fraction digits (at least one after the `.`) is accepted,
///   and digits finer than milliseconds are truncated, never rounded: `.123999Z` is `.123Z`.
/// - The date must be real (leap years included: 2024-02-29 exists, 2026-02-29 does not), with a year
///   0001 to 9999, hours 00-23, minutes 00-59, offsets up to ±23:59 (`-00:00` is UTC).
/// - A leap second (`:60`) is accepted only where one can occur, when the moment falls on 23:59 UTC,
///   and is read as the last millisecond of that minute (`23:59:60.5Z` is `23:59:59.999Z`), so events
///   keep their order and are not lost. Any other `:60` is rejected.
/// - The instant, after the offset, must lie in ``minimum`` ... ``maximum`` (years 0001-9999 UTC).
///
/// Writing (``format(_:)``) gives UTC with exactly three fraction digits: `2026-11-24T10:15:00.000Z`.
///
/// Allocations: parsing allocates nothing; ``append(_:to:)`` only grows the caller's buffer, and
/// ``format(_:)`` allocates the returned string.
public enum Timestamp {
    /// `0001-01-01T00:00:00.000Z` in epoch milliseconds, the earliest time an event may have.
    public static let minimum: Int64 = -62_135_596_800_000
    /// `9999-12-31T23:59:59.999Z` in epoch milliseconds, the latest time an event may have.
    public static let maximum: Int64 = 253_402_300_799_999

    static let millisecondsPerDay: Int64 = 86_400_000

    // MARK: Reading

    /// Reads an RFC 3339 timestamp as epoch milliseconds, or returns `nil` when `text` is not one.
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Reads an RFC 3339 timestamp from its UTF-8 bytes as epoch milliseconds, or returns `nil`.
    public static func parse(utf8 bytes: UnsafeRawBufferPointer) -> Int64? {
        let count = bytes.count
        // yyyy-mm-ddThh:mm:ssZ is the shortest form.
        guard count >= 20 else { return nil }

        @inline(__always) func digit(_ index: Int) -> Int64? {
            let byte = bytes[index] &- UInt8(ascii: "0")
            return byte < 10 ? Int64(byte) : nil
        }
        @inline(__always) func twoDigits(_ index: Int) -> Int64? {
            guard let high = digit(index), let low = digit(index + 1) else { return nil }
            return high * 10 + low
        }

        guard let y1 = twoDigits(0), let y2 = twoDigits(2), bytes[4] == UInt8(ascii: "-"),
              let month = twoDigits(5), bytes[7] == UInt8(ascii: "-"),
              let day = twoDigits(8),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              let hour = twoDigits(11), bytes[13] == UInt8(ascii: ":"),
              let minute = twoDigits(14), bytes[16] == UInt8(ascii: ":"),
              let second = twoDigits(17)
        else { return nil }
        let year = y1 * 100 + y2
        guard year >= 1, month >= 1, month <= 12, day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }

        var index = 19
        var millisecond: Int64 = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < count, let value = digit(index) {
                if index - start < 3 { millisecond = millisecond * 10 + value }
                index += 1
            }
            let digits = index - start
            guard digits > 0 else { return nil }
            if digits == 1 { millisecond *= 100 } else if digits == 2 { millisecond *= 10 }
        }

        guard index < count else { return nil }
        var offsetMinutes: Int64 = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard count - index == 6, let offsetHour = twoDigits(index + 1), bytes[index + 3] == UInt8(ascii: ":"),
                  let offsetMinute = twoDigits(index + 4), offsetHour <= 23, offsetMinute <= 59
            else { return nil }
            offsetMinutes = offsetHour * 60 + offsetMinute
            if bytes[index] == UInt8(ascii: "-") { offsetMinutes = -offsetMinutes }
            index += 6
        default:
            return nil
        }
        guard index == count else { return nil }

        let days = CivilCalendar.days(year: year, month: month, day: day)
        // Local minute of the epoch, then UTC by removing the offset.
        let utcMinutes = days * 1440 + hour * 60 + minute - offsetMinutes
        var time: Int64
        if second == 60 {
            // A leap second exists only in the last minute of a UTC day.
            guard utcMinutes - floorDivide(utcMinutes, by: 1440) * 1440 == 1439 else { return nil }
            time = utcMinutes * 60_000 + 59_999
        } else {
            time = utcMinutes * 60_000 + second * 1000 + millisecond
        }
        guard time >= minimum, time <= maximum else { return nil }
        return time
    }

    // MARK: Writing

    /// Formats epoch milliseconds as RFC 3339 UTC with milliseconds: `2026-11-24T10:15:00.000Z`.
    ///
    /// Times outside ``minimum`` ... ``maximum`` (years 0001-9999) never come from a parsed event; they
    /// are still written without trapping: year 0000 as `0000`, other years in ISO 8601's expanded form
    /// with a sign and at least four digits (`+10000-01-01T00:00:00.000Z`, `-0001-...`).
    public static func format(_ milliseconds: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(milliseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the RFC 3339 form of ``format(_:)``, without quotes, to `bytes`.
    public static func append(_ milliseconds: Int64, to bytes: inout [UInt8]) {
        let days = floorDivide(milliseconds, by: millisecondsPerDay)
        let timeOfDay = milliseconds - days * millisecondsPerDay
        let (year, month, day) = CivilCalendar.date(days: days)

        if year >= 0, year <= 9999 {
            appendDigits(year, width: 4, to: &bytes)
        } else {
            bytes.append(year < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = year.magnitude
            appendDigits(Int64(magnitude), width: max(4, decimalWidth(magnitude)), to: &bytes)
        }
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(timeOfDay / 3_600_000, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(timeOfDay / 60_000 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(timeOfDay / 1000 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDigits(timeOfDay % 1000, width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// `value / divisor` rounded toward negative infinity, for a positive `divisor`.
    @inline(__always)
    static func floorDivide(_ value: Int64, by divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func decimalWidth(_ value: UInt64) -> Int {
        var width = 1
        var rest = value / 10
        while rest > 0 {
            width += 1
            rest /= 10
        }
        return width
    }

    /// Appends the decimal digits of a non-negative `value`, left-padded with zeros to `width`.
    private static func appendDigits(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        let start = bytes.count
        var rest = value
        for _ in 0..<width {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        bytes[start...].reverse()
    }
}
