import RuleDSL

/// Writes JSON into a byte buffer the way decisions are printed (spec §7), byte for byte like Python's
/// `json.dumps(value, ensure_ascii=False)` with its default separators `", "` and `": "`.
///
/// - Strings escape `"`, `\`, and the C0 controls: `\n`, `\r`, `\t`, `\b`, `\f`, the others as
///   `\u00xx` in lower-case hex. Everything else, `/`, DEL and all non-ASCII characters included, is
///   written as raw UTF-8.
/// - Numbers: an integral value of at most 2^53 in magnitude is written without a fraction (`100`,
///   `-3`; `-0.0` as `0`). Any other finite number is the shortest decimal that reads back as the same
///   `Double`, laid out like Python's `repr(float)`: plain notation when the decimal exponent is from
///   -4 to 15 (`0.0001`, `0.30000000000000004`, `9007199254740994.0`), else scientific with a sign
///   and at least two exponent digits (`1e-05`, `1e+16`, `1.2345678901234568e+17`).
/// - ``Value``: a number as above, a string, `true`/`false`, a duration as its whole milliseconds, a
///   list as an array and an object anew with all its members in order; `.missing` inside a list or
///   an object is `null`.
///
/// Callers skip missing attributes, so a top-level `.missing` is never meant to be written; if it is,
/// the writer writes `null`, as it does for a number that is not finite (NaN or an infinity have no
/// JSON form, and the language treats such a result as missing anyway).
///
/// Allocations: writing only grows ``bytes`` (reserve capacity up front to avoid regrowth). The one
/// exception is a number that is not a small integer: its shortest digits come from the standard
/// library's `Double.description`, a temporary string that is inline (no allocation) up to 15 bytes.
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public var bytes: [UInt8]

    /// Creates a writer that appends to `bytes`.
    public init(bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    /// The JSON text of `value`, as ``append(_:)`` writes it.
    public static func string(_ value: Value) -> String {
        var writer = JSONWriter()
        writer.append(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Appends bytes as they are, for the punctuation and keys that the caller lays out itself.
    public mutating func append(raw text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `value` as JSON.
    public mutating func append(_ value: Value) {
        switch value {
        case .missing:
            append(raw: "null")
        case .number(let number):
            append(number: number)
        case .string(let string):
            append(string: string)
        case .bool(let bool):
            append(raw: bool ? "true" : "false")
        case .duration(let milliseconds):
            append(integer: milliseconds)
        case .list(let elements):
            bytes.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { append(raw: ", ") }
                append(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            append(object)
        }
    }

    /// Appends `object` with all its members in order, duplicates included.
    public mutating func append(_ object: JSONObject) {
        bytes.append(UInt8(ascii: "{"))
        for (position, member) in object.members.enumerated() {
            if position > 0 { append(raw: ", ") }
            append(string: member.key)
            append(raw: ": ")
            append(member.value)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Appends `string` as a quoted, escaped JSON string.
    public mutating func append(string: String) {
        var string = string
        string.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            var run = 0
            for position in 0..<utf8.count {
                let byte = utf8[position]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<position]))
                run = position + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    append(raw: "u00")
                    bytes.append(Self.lowerHexDigit(byte >> 4))
                    bytes.append(Self.lowerHexDigit(byte & 0x0F))
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Appends epoch milliseconds as a quoted RFC 3339 UTC time with milliseconds.
    public mutating func append(timestamp milliseconds: Int64) {
        bytes.append(UInt8(ascii: "\""))
        Timestamp.append(milliseconds, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `value` as a JSON string of 16 lower-case hex digits, zero-padded (a decision id).
    public mutating func append(hex value: UInt64) {
        bytes.append(UInt8(ascii: "\""))
        for shift in stride(from: 60, through: 0, by: -4) {
            bytes.append(Self.lowerHexDigit(UInt8(truncatingIfNeeded: value >> UInt64(shift)) & 0x0F))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends an integer in decimal.
    public mutating func append(integer: Int64) {
        if integer < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// Appends a number: an integer when it is integral and at most 2^53 in magnitude, else the
    /// shortest round-trip decimal in Python's `repr` layout; `null` when it is not finite.
    public mutating func append(number: Double) {
        guard number.isFinite else {
            append(raw: "null")
            return
        }
        if number.magnitude <= 9_007_199_254_740_992 {
            let integer = Int64(number)
            if Double(integer) == number {
                append(integer: integer)
                return
            }
        }
        appendShortest(number)
    }

    /// Appends a finite number in Python's `repr(float)` form.
    private mutating func appendShortest(_ number: Double) {
        // Swift's description gives the shortest digits that round-trip (closest to the exact value
        // among them, as Python's dtoa mode 0 does), in a layout of its own; keep the digits and lay
        // them out again.
        var text = number.description
        text.withUTF8 { utf8 in
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 ASCII digits, never more than 17 used
            var digitCount = 0
            var droppedZeros = 0
            var pointPosition = 0
            var hasPoint = false
            var exponent = 0
            var position = 0
            if utf8[0] == UInt8(ascii: "-") {
                bytes.append(UInt8(ascii: "-"))
                position = 1
            }
            withUnsafeMutableBytes(of: &digits) { digitBytes in
                while position < utf8.count {
                    let byte = utf8[position]
                    if byte == UInt8(ascii: ".") {
                        pointPosition = digitCount + droppedZeros
                        hasPoint = true
                    } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                        position += 1
                        var isNegative = false
                        if utf8[position] == UInt8(ascii: "-") || utf8[position] == UInt8(ascii: "+") {
                            isNegative = utf8[position] == UInt8(ascii: "-")
                            position += 1
                        }
                        while position < utf8.count {
                            exponent = exponent * 10 + Int(utf8[position] &- UInt8(ascii: "0"))
                            position += 1
                        }
                        if isNegative { exponent = -exponent }
                        break
                    } else if digitCount > 0 || byte != UInt8(ascii: "0") {
                        // Leading zeros are not digits of the significand; they only move the point.
                        // At most 17 digits are significant: any beyond the buffer are zeros.
                        if digitCount < digitBytes.count {
                            digitBytes[digitCount] = byte
                            digitCount += 1
                        } else {
                            droppedZeros += 1
                        }
                    } else if hasPoint {
                        pointPosition -= 1
                    }
                    position += 1
                }
                if !hasPoint { pointPosition = digitCount + droppedZeros }
                while digitCount > 1, digitBytes[digitCount - 1] == UInt8(ascii: "0") {
                    digitCount -= 1
                }
                // The value is 0.d1d2d3... × 10^decimalPoint.
                let decimalPoint = pointPosition + exponent
                let significand = UnsafeRawBufferPointer(rebasing: digitBytes[0..<digitCount])
                layOut(significand, decimalPoint: decimalPoint)
            }
        }
    }

    /// Writes digits `0.d1d2...` × 10^`decimalPoint` as Python's `float_repr_style = 'short'` does.
    private mutating func layOut(_ digits: UnsafeRawBufferPointer, decimalPoint: Int) {
        let count = digits.count
        if decimalPoint > -4, decimalPoint <= 16 {
            if decimalPoint <= 0 {
                append(raw: "0.")
                for _ in 0 ..< -decimalPoint { bytes.append(UInt8(ascii: "0")) }
                bytes.append(contentsOf: digits)
            } else if decimalPoint < count {
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[0..<decimalPoint]))
                bytes.append(UInt8(ascii: "."))
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[decimalPoint...]))
            } else {
                bytes.append(contentsOf: digits)
                for _ in 0 ..< decimalPoint - count { bytes.append(UInt8(ascii: "0")) }
                append(raw: ".0")
            }
        } else {
            bytes.append(digits[0])
            if count > 1 {
                bytes.append(UInt8(ascii: "."))
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[1...]))
            }
            let exponent = decimalPoint - 1
            bytes.append(UInt8(ascii: "e"))
            bytes.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            if exponent.magnitude < 10 { bytes.append(UInt8(ascii: "0")) }
            append(integer: Int64(exponent.magnitude))
        }
    }

    private static func lowerHexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
