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

/// The recursive descent over one buffer that builds values on ``JSONScanner``; internal to ``JSONReader``.
struct JSONParser {
    private var scanner: JSONScanner
    /// Unescaped string bytes; allocated only when a string holds an escape.
    private var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        scanner = JSONScanner(bytes, maximumDepth: maximumDepth)
    }

    mutating func parseDocument() throws(JSONReaderError) -> Value {
        scanner.skipByteOrderMark()
        let value = try parseValue()
        try scanner.expectEnd()
        return value
    }

    private mutating func parseValue() throws(JSONReaderError) -> Value {
        switch try scanner.next() {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "{"):
            try scanner.enterContainer()
            if try scanner.next() == UInt8(ascii: "}") {
                scanner.index += 1
                scanner.leaveContainer()
                return .object(JSONObject())
            }
            var members: [JSONObject.Member] = []
            repeat {
                guard try scanner.next() == UInt8(ascii: "\"") else {
                    throw JSONReaderError(.unexpectedCharacter, at: scanner.index)
                }
                let key = try parseString()
                try scanner.expect(UInt8(ascii: ":"))
                members.append(JSONObject.Member(key: key, value: try parseValue()))
            } while try scanner.continues(before: UInt8(ascii: "}"))
            return .object(JSONObject(members: members))
        case UInt8(ascii: "["):
            try scanner.enterContainer()
            if try scanner.next() == UInt8(ascii: "]") {
                scanner.index += 1
                scanner.leaveContainer()
                return .list([])
            }
            var elements: [Value] = []
            repeat {
                elements.append(try parseValue())
            } while try scanner.continues(before: UInt8(ascii: "]"))
            return .list(elements)
        default:
            switch try scanner.scanScalar() {
            case .number(let number): return .number(number)
            case .bool(let bool): return .bool(bool)
            case .null: return .missing
            }
        }
    }

    /// Reads the string whose opening quote is at the scanner's position.
    private mutating func parseString() throws(JSONReaderError) -> String {
        let range = try scanner.scanString()
        let content = UnsafeBufferPointer(rebasing: scanner.bytes[range.start..<range.end])
        guard range.hasEscapes else { return String(decoding: content, as: UTF8.self) }
        if scratch.count < content.count { scratch = [UInt8](repeating: 0, count: max(content.count, 64)) }
        return scratch.withUnsafeMutableBufferPointer { output in
            let count = JSONScanner.unescape(content, to: output.baseAddress!)
            return String(decoding: UnsafeBufferPointer(rebasing: output[0..<count]), as: UTF8.self)
        }
    }
}
