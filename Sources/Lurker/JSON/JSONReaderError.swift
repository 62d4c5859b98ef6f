/// Why a byte sequence is not a JSON text, and where ``JSONReader`` found out.
public struct JSONReaderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the input.
    public enum Code: String, Sendable, Hashable {
        /// The input ends inside a value, or holds no value at all.
        case unexpectedEnd = "unexpected_end"
        /// A byte that cannot stand where it is: a bare word, a single quote, a trailing comma, a
        /// second value after the first, a byte outside a string that is not ASCII.
        case unexpectedCharacter = "unexpected_character"
        /// A number that does not follow the JSON grammar (leading zero, `1.`, `.5`, `-`, `1e`).
        case invalidNumber = "invalid_number"
        /// A number too large in magnitude for a 64-bit float (`1e400`).
        case numberOutOfRange = "number_out_of_range"
        /// A backslash followed by something other than `" \ / b f n r t u` and four hex digits.
        case invalidEscape = "invalid_escape"
        /// A `\u` escape of a UTF-16 surrogate that is not part of a high-low pair.
        case loneSurrogate = "lone_surrogate"
        /// An unescaped control character (U+0000 to U+001F) inside a string.
        case controlCharacter = "control_character"
        /// Bytes in a string that are not well-formed UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// Arrays and objects nested deeper than the reader's maximum depth.
        case tooDeep = "too_deep"
    }

    /// What is wrong with the input.
    public var code: Code
    /// The offset from the start of the input of the byte where the problem was found.
    public var offset: Int

    /// Creates an error.
    public init(_ code: Code, at offset: Int) {
        self.code = code
        self.offset = offset
    }

    /// The reason and its byte offset, e.g. `invalid_escape at byte 7`.
    public var description: String {
        "\(code.rawValue) at byte \(offset)"
    }
}
