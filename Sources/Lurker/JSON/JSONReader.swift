import RuleDSL

/// Reads one JSON text (RFC 8259) from UTF-8 bytes into a ``Value``.
///
/// The reader is strict: no trailing commas, comments, single quotes, bare words, leading zeros,
/// `NaN` or `Infinity`; strings must be well-formed UTF-8 without unescaped control characters and
/// without lone surrogates in `\u` escapes. Whitespace (space, tab, line feed, carriage return) may
/// surround any token, and one UTF-8 byte order mark at the very start is skipped, as RFC 8259 allows
/// and Foundation's `JSONSerialization` does.
///
/// What each JSON value becomes:
/// - an object: `.object` with its members in the order written; a key written twice is kept twice,
///   and ``JSONObject``'s subscript gives the last one, as `JSONSerialization` does;
/// - an array: `.list`; `null`: `.missing`; `true`/`false`: `.bool`; a string: `.string`;
/// - a number: `.number` with the correctly rounded `Double` (the value `strtod` gives). A number too
///   large for a `Double` (`1e400`, `-1.8e308`) is an error, as in `JSONSerialization`; one too small
///   becomes zero (`1e-400` is `0`).
///
/// Nesting deeper than ``maximumDepth`` arrays and objects is an error, never a stack overflow.
///
/// Allocations: the reader works on the caller's bytes in place. What it allocates is what the result
/// needs: one array per non-empty array or object, and one string buffer per string or key longer than
/// 15 UTF-8 bytes (shorter ones are stored inline in `String`). A string with escapes is first
/// unescaped into a scratch buffer allocated once per read. Numbers are converted without allocating,
/// except those with more than 19 significant digits or a decimal exponent beyond what an exact
/// `Double` product or quotient can give (e.g. `0.30000000000000004`, `1e+200`): they go through the
/// standard library's correctly rounded conversion via a temporary string.
public struct JSONReader: Sendable {
    /// The deepest nesting of arrays and objects accepted; 512 by default, as in `JSONSerialization`.
    public var maximumDepth: Int

    /// Creates a reader.
    public init(maximumDepth: Int = 512) {
        self.maximumDepth = maximumDepth
    }

    /// Reads the JSON text in `bytes`.
    public func read(_ bytes: UnsafeRawBufferPointer) throws(JSONReaderError) -> Value {
        let result: Result<Value, JSONReaderError> = bytes.withMemoryRebound(to: UInt8.self) { buffer in
            var parser = JSONParser(buffer, maximumDepth: maximumDepth)
            do throws(JSONReaderError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads the JSON text in `bytes`.
    public func read(_ bytes: [UInt8]) throws(JSONReaderError) -> Value {
        let result: Result<Value, JSONReaderError> = bytes.withUnsafeBytes { buffer in
            do throws(JSONReaderError) {
                return .success(try read(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads the JSON text in `text`.
    public func read(_ text: String) throws(JSONReaderError) -> Value {
        var text = text
        let result: Result<Value, JSONReaderError> = text.withUTF8 { buffer in
            do throws(JSONReaderError) {
                return .success(try read(UnsafeRawBufferPointer(buffer)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// The recursive descent over one buffer; internal to ``JSONReader``.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private let maximumDepth: Int
    /// Unescaped string bytes; allocated only when a string holds an escape.
    private var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    // MARK: Structure

    mutating func parseDocument() throws(JSONReaderError) -> Value {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
        }
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else {
            throw JSONReaderError(.unexpectedCharacter, at: index)
        }
        return value
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONReaderError) -> Value {
        skipWhitespace()
        guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: index) }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return .missing
        default:
            throw JSONReaderError(.unexpectedCharacter, at: index)
        }
    }

    private mutating func parseLiteral(_ literal: StaticString) throws(JSONReaderError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        for offset in 0..<count {
            guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: index) }
            guard bytes[index] == start[offset] else { throw JSONReaderError(.unexpectedCharacter, at: index) }
            index += 1
        }
    }

    private mutating func enterContainer() throws(JSONReaderError) {
        depth += 1
        guard depth <= maximumDepth else { throw JSONReaderError(.tooDeep, at: index) }
        index += 1
        skipWhitespace()
    }

    private mutating func parseArray() throws(JSONReaderError) -> Value {
        try enterContainer()
        guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: index) }
        if bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .list([])
        }
        var elements: [Value] = []
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: index) }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .list(elements)
            default:
                throw JSONReaderError(.unexpectedCharacter, at: index)
            }
        }
    }

    private mutating func parseObject() throws(JSONReaderError) -> Value {
        try enterContainer()
        guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: index) }
        if bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject())
        }
        var members: [JSONObject.Member] = []
        while true {
            guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: index) }
            guard bytes[index] == UInt8(ascii: "\"") else { throw JSONReaderError(.unexpectedCharacter, at: index) }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: index) }
            guard bytes[index] == UInt8(ascii: ":") else { throw JSONReaderError(.unexpectedCharacter, at: index) }
            index += 1
            members.append(JSONObject.Member(key: key, value: try parseValue()))
            skipWhitespace()
            guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: index) }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(JSONObject(members: members))
            default:
                throw JSONReaderError(.unexpectedCharacter, at: index)
            }
        }
    }

    // MARK: Strings

    /// Reads a string whose opening quote is at `index`.
    private mutating func parseString() throws(JSONReaderError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the string is the bytes themselves.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let string = makeString(from: start, to: index)
                index += 1
                return string
            } else if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(from: start)
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

    @inline(__always)
    private func makeString(from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Continues a string at the backslash at `index`; the bytes from `start` have no escape.
    private mutating func parseEscapedString(from start: Int) throws(JSONReaderError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var run = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                try parseEscape()
                run = index
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

    /// Appends the unescaped form of the escape at `index` to `scratch` and moves past it.
    private mutating func parseEscape() throws(JSONReaderError) {
        let backslash = index
        guard index + 1 < bytes.count else { throw JSONReaderError(.unexpectedEnd, at: bytes.count) }
        let escaped: UInt8
        switch bytes[index + 1] {
        case UInt8(ascii: "\""): escaped = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): escaped = UInt8(ascii: "/")
        case UInt8(ascii: "b"): escaped = 0x08
        case UInt8(ascii: "f"): escaped = 0x0C
        case UInt8(ascii: "n"): escaped = 0x0A
        case UInt8(ascii: "r"): escaped = 0x0D
        case UInt8(ascii: "t"): escaped = 0x09
        case UInt8(ascii: "u"):
            index += 2
            var scalar = try parseHex4()
            if scalar >= 0xD800, scalar <= 0xDBFF {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw JSONReaderError(index + 1 < bytes.count ? .loneSurrogate : .unexpectedEnd, at: backslash) }
                index += 2
                let low = try parseHex4()
                guard low >= 0xDC00, low <= 0xDFFF else { throw JSONReaderError(.loneSurrogate, at: backslash) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00, scalar <= 0xDFFF {
                throw JSONReaderError(.loneSurrogate, at: backslash)
            }
            appendUTF8(scalar)
            return
        default:
            throw JSONReaderError(.invalidEscape, at: backslash)
        }
        scratch.append(escaped)
        index += 2
    }

    private mutating func parseHex4() throws(JSONReaderError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONReaderError(.unexpectedEnd, at: bytes.count) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONReaderError(.invalidEscape, at: index)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Moves past the well-formed UTF-8 sequence of two to four bytes at `index` (Unicode table 3-7).
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

    // MARK: Numbers

    /// Reads a number starting at `index` (a `-` or a digit).
    private mutating func parseNumber() throws(JSONReaderError) -> Double {
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

    /// Converts the already validated number text from `start` to `index` with the standard library.
    private func slowNumber(from start: Int) throws(JSONReaderError) -> Double {
        let text = makeString(from: start, to: index)
        guard let value = Double(text) else {
            // The grammar was checked above, so this does not happen; treat it as malformed.
            throw JSONReaderError(.invalidNumber, at: start)
        }
        guard value.isFinite else { throw JSONReaderError(.numberOutOfRange, at: start) }
        return value
    }
}
