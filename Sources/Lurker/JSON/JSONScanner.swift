/// The lexical level of strict JSON (RFC 8259) over one buffer, validating as it moves: the one place that
/// decides what is JSON, shared by ``JSONReader`` (which builds values), ``EventScanner`` (which skips what the
/// campaigns do not read) and ``Profile`` (which keeps every member).
///
/// It allocates nothing. Strings are validated in place (UTF-8, escapes, no raw control characters, no lone
/// surrogates) and returned as the range of their content; ``unescape(_:to:)`` writes their value.
struct JSONScanner {
    /// The range of a string's content between its quotes, and whether it holds an escape.
    struct StringRange {
        var start: Int
        var end: Int
        var hasEscapes: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    private var depth = 0
    private let maximumDepth: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    // MARK: Structure

    /// Moves past one UTF-8 byte order mark at the very start, as RFC 8259 allows.
    mutating func skipByteOrderMark() {
        if index == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
        }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// The byte at the current position after whitespace; throws at the end of the input.
    @inline(__always)
    mutating func next() throws(JSONReaderError) -> UInt8 {
        skipWhitespace()
        guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: index) }
        return bytes[index]
    }

    /// Moves past `byte`, which must come next after whitespace.
    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(JSONReaderError) {
        guard try next() == byte else { throw JSONReaderError(.unexpectedCharacter, at: index) }
        index += 1
    }

    /// Throws unless only whitespace is left.
    mutating func expectEnd() throws(JSONReaderError) {
        skipWhitespace()
        guard index == bytes.count else { throw JSONReaderError(.unexpectedCharacter, at: index) }
    }

    /// Moves past the `[` or `{` at the current position, one level deeper.
    mutating func enterContainer() throws(JSONReaderError) {
        depth += 1
        guard depth <= maximumDepth else { throw JSONReaderError(.tooDeep, at: index) }
        index += 1
    }

    /// Leaves a container whose closing bracket was just passed.
    mutating func leaveContainer() {
        depth -= 1
    }

    /// After a member or an element: moves past a `,` and returns true, or past `closing` and returns false.
    @inline(__always)
    mutating func continues(before closing: UInt8) throws(JSONReaderError) -> Bool {
        switch try next() {
        case UInt8(ascii: ","):
            index += 1
            return true
        case closing:
            index += 1
            leaveContainer()
            return false
        default:
            throw JSONReaderError(.unexpectedCharacter, at: index)
        }
    }

    /// Moves past one whole value of any kind, validating it.
    mutating func skipValue() throws(JSONReaderError) {
        switch try next() {
        case UInt8(ascii: "\""):
            _ = try scanString()
        case UInt8(ascii: "{"):
            try enterContainer()
            if try next() == UInt8(ascii: "}") {
                index += 1
                leaveContainer()
                return
            }
            repeat {
                guard try next() == UInt8(ascii: "\"") else { throw JSONReaderError(.unexpectedCharacter, at: index) }
                _ = try scanString()
                try expect(UInt8(ascii: ":"))
                try skipValue()
            } while try continues(before: UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            try enterContainer()
            if try next() == UInt8(ascii: "]") {
                index += 1
                leaveContainer()
                return
            }
            repeat {
                try skipValue()
            } while try continues(before: UInt8(ascii: "]"))
        default:
            _ = try scanScalar()
        }
    }

    /// A scalar that is not a string: a number, `true`, `false` or `null` (nil).
    enum Scalar {
        case number(Double)
        case bool(Bool)
        case null
    }

    /// Reads the number or literal at the current position.
    mutating func scanScalar() throws(JSONReaderError) -> Scalar {
        switch try next() {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try scanNumber())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default:
            throw JSONReaderError(.unexpectedCharacter, at: index)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONReaderError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        for offset in 0..<count {
            guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: index) }
            guard bytes[index] == start[offset] else { throw JSONReaderError(.unexpectedCharacter, at: index) }
            index += 1
        }
    }

    // MARK: Top-level objects

    /// Walks a document that should be one object (after a byte order mark), validating all of it: for each
    /// member in order, `key` turns the range of its key into what `value` needs, then `value` reads the
    /// member's value at the scanner's position, moving past it. Returns false, once the whole document is
    /// validated, when it is not an object.
    mutating func scanObjectDocument<Key>(
        key: (StringRange) -> Key, value: (inout JSONScanner, Key) throws(JSONReaderError) -> Void
    ) throws(JSONReaderError) -> Bool {
        skipByteOrderMark()
        guard try next() == UInt8(ascii: "{") else {
            try skipValue()
            try expectEnd()
            return false
        }
        try enterContainer()
        if try next() == UInt8(ascii: "}") {
            index += 1
            leaveContainer()
        } else {
            repeat {
                guard try next() == UInt8(ascii: "\"") else { throw JSONReaderError(.unexpectedCharacter, at: index) }
                let member = key(try scanString())
                try expect(UInt8(ascii: ":"))
                try value(&self, member)
            } while try continues(before: UInt8(ascii: "}"))
        }
        try expectEnd()
        return true
    }

    /// Reads the value at the current position as a field and moves past it; `null` is an absent field.
    mutating func scanField() throws(JSONReaderError) -> FieldSlot {
        let first = try next()
        let start = index
        switch first {
        case UInt8(ascii: "\""):
            let range = try scanString()
            return FieldSlot(kind: .string, start: range.start, end: range.end, hasEscapes: range.hasEscapes)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let kind: FieldSlot.Kind = first == UInt8(ascii: "{") ? .object : .array
            try skipValue()
            return FieldSlot(kind: kind, start: start, end: index)
        default:
            switch try scanScalar() {
            case .number(let number): return FieldSlot(kind: .number, start: start, end: index, number: number)
            case .bool(let bool): return FieldSlot(kind: .bool, start: start, end: index, number: bool ? 1 : 0)
            case .null: return FieldSlot()
            }
        }
    }

    // MARK: Strings

    /// Validates the string whose opening quote is at the current position and moves past it.
    mutating func scanString() throws(JSONReaderError) -> StringRange {
        index += 1
        let start = index
        var hasEscapes = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return StringRange(start: start, end: index - 1, hasEscapes: hasEscapes)
            } else if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                try skipEscape()
            } else if byte < 0x20 {
                throw JSONReaderError(.controlCharacter, at: index)
            } else if byte < 0x80 {
                index += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        throw JSONReaderError(.unexpectedEnd, at: index)
    }

    /// Validates the escape whose backslash is at the current position and moves past it.
    private mutating func skipEscape() throws(JSONReaderError) {
        let backslash = index
        guard index + 1 < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: bytes.count) }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
        case UInt8(ascii: "u"):
            index += 2
            let unit = try scanHex4()
            if unit >= 0xD800, unit <= 0xDBFF {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw JSONReaderError(index + 1 < bytes.count ? .loneSurrogate : .unexpectedEnd, at: backslash) }
                index += 2
                let low = try scanHex4()
                guard low >= 0xDC00, low <= 0xDFFF else { throw JSONReaderError(.loneSurrogate, at: backslash) }
            } else if unit >= 0xDC00, unit <= 0xDFFF {
                throw JSONReaderError(.loneSurrogate, at: backslash)
            }
        default:
            throw JSONReaderError(.invalidEscape, at: backslash)
        }
    }

    private mutating func scanHex4() throws(JSONReaderError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONReaderError(.unexpectedEnd, at: bytes.count) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexDigit(bytes[index]) else { throw JSONReaderError(.invalidEscape, at: index) }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Moves past the well-formed UTF-8 sequence of two to four bytes at the current position (Unicode table 3-7).
    @inline(__always)
    private mutating func skipUTF8Sequence() throws(JSONReaderError) {
        let lead = bytes[index]
        let length: Int
        var secondLow: UInt8 = 0x80
        var secondHigh: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondHigh = 0x9F
        case 0xF0: length = 4; secondLow = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondHigh = 0x8F
        default: throw JSONReaderError(.invalidUTF8, at: index)
        }
        guard index + length <= bytes.count else { throw JSONReaderError(.invalidUTF8, at: index) }
        let second = bytes[index + 1]
        guard second >= secondLow, second <= secondHigh else { throw JSONReaderError(.invalidUTF8, at: index) }
        if length > 2 {
            guard bytes[index + 2] & 0xC0 == 0x80 else { throw JSONReaderError(.invalidUTF8, at: index) }
            if length > 3 {
                guard bytes[index + 3] & 0xC0 == 0x80 else { throw JSONReaderError(.invalidUTF8, at: index) }
            }
        }
        index += length
    }

    /// Writes the value of a validated string's content (``scanString()`` accepted it) to `output`, which has
    /// room for at least as many bytes as the content; returns the number written.
    static func unescape(_ content: UnsafeBufferPointer<UInt8>, to output: UnsafeMutablePointer<UInt8>) -> Int {
        var read = 0
        var written = 0
        func put(_ byte: UInt8) {
            output[written] = byte
            written += 1
        }
        func hex4(at position: Int) -> UInt32 {
            var value: UInt32 = 0
            for offset in 0..<4 { value = value << 4 | UInt32(hexDigit(content[position + offset])!) }
            return value
        }
        while read < content.count {
            let byte = content[read]
            guard byte == UInt8(ascii: "\\") else {
                put(byte)
                read += 1
                continue
            }
            let escaped = content[read + 1]
            read += 2
            switch escaped {
            case UInt8(ascii: "b"): put(0x08)
            case UInt8(ascii: "f"): put(0x0C)
            case UInt8(ascii: "n"): put(0x0A)
            case UInt8(ascii: "r"): put(0x0D)
            case UInt8(ascii: "t"): put(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: read)
                read += 4
                if scalar >= 0xD800, scalar <= 0xDBFF {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex4(at: read + 2) - 0xDC00)
                    read += 6
                }
                switch scalar {
                case 0..<0x80:
                    put(UInt8(scalar))
                case 0x80..<0x800:
                    put(UInt8(0xC0 | scalar >> 6))
                    put(UInt8(0x80 | scalar & 0x3F))
                case 0x800..<0x10000:
                    put(UInt8(0xE0 | scalar >> 12))
                    put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    put(UInt8(0x80 | scalar & 0x3F))
                default:
                    put(UInt8(0xF0 | scalar >> 18))
                    put(UInt8(0x80 | scalar >> 12 & 0x3F))
                    put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    put(UInt8(0x80 | scalar & 0x3F))
                }
            default:
                put(escaped)  // ", \ and /
            }
        }
        return written
    }

    // MARK: Numbers

    /// Reads a number starting at the current position (a `-` or a digit).
    mutating func scanNumber() throws(JSONReaderError) -> Double {
        let start = index
        let isNegative = bytes[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }

        // Up to 19 significant digits fit in a UInt64; more send the number to the slow path.
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var decimalExponent = 0
        var isExact = true

        guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: index) }
        let first = bytes[index]
        if first == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                throw JSONReaderError(.invalidNumber, at: start)
            }
        } else if first &- UInt8(ascii: "0") < 10 {
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significantDigits += 1
                } else {
                    isExact = false
                }
                index += 1
            }
        } else {
            throw JSONReaderError(.invalidNumber, at: start)
        }

        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if mantissa != 0 { significantDigits += 1 }
                    decimalExponent -= 1
                } else {
                    isExact = false
                }
                index += 1
            }
            guard index > fractionStart else {
                throw JSONReaderError(index < bytes.count ? .invalidNumber : .unexpectedEnd, at: index)
            }
        }

        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var isExponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                isExponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            var exponent = 0
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }
                index += 1
            }
            guard index > exponentStart else {
                throw JSONReaderError(index < bytes.count ? .invalidNumber : .unexpectedEnd, at: index)
            }
            decimalExponent += isExponentNegative ? -exponent : exponent
        }

        if mantissa == 0, isExact {
            return isNegative ? -0.0 : 0.0
        }
        if isExact, let magnitude = Self.exactProduct(mantissa, decimalExponent) {
            return isNegative ? -magnitude : magnitude
        }
        return try slowNumber(from: start)
    }

    /// `mantissa × 10^exponent` when one correctly rounded operation on exact operands gives it
    /// (Clinger's fast path), else `nil`.
    @inline(__always)
    private static func exactProduct(_ mantissa: UInt64, _ exponent: Int) -> Double? {
        if exponent == 0 {
            return Double(mantissa)
        }
        let maximumExact: UInt64 = 1 << 53
        guard mantissa <= maximumExact else { return nil }
        if exponent < 0 {
            guard exponent >= -22 else { return nil }
            return Double(mantissa) / powersOfTen[-exponent]
        }
        if exponent <= 22 {
            return Double(mantissa) * powersOfTen[exponent]
        }
        // 123e25 is 1230000e22: move the extra powers into the mantissa while it stays exact.
        guard exponent <= 22 + 15 else { return nil }
        let (scaled, overflow) = mantissa.multipliedReportingOverflow(by: UInt64(powersOfTen[exponent - 22]))
        guard !overflow, scaled <= maximumExact else { return nil }
        return Double(scaled) * powersOfTen[22]
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Converts the already validated number text from `start` to the current position with the standard
    /// library (correctly rounded); a number too large for a `Double` is an error, as in `JSONSerialization`.
    private func slowNumber(from start: Int) throws(JSONReaderError) -> Double {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else {
            // The grammar was checked above, so this does not happen; treat it as malformed.
            throw JSONReaderError(.invalidNumber, at: start)
        }
        guard value.isFinite else { throw JSONReaderError(.numberOutOfRange, at: start) }
        return value
    }
}
