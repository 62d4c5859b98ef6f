/// Writes the flat JSON objects of the demo stream straight into bytes, laid out like the spec's
/// examples (`{"customer": "c-42", "type": "call.started", ...}`), with no Foundation involved.
///
/// Strings escape `"`, `\` and the C0 controls (`\n`, `\r`, `\t`, `\b`, `\f`, others as `\u00xx`);
/// all other characters, non-ASCII included, are written as raw UTF-8.
struct DemoJSONWriter {
    /// The JSON written so far.
    private(set) var bytes: [UInt8]
    private var hasMembers = false

    /// Starts an object: the bytes hold `{`.
    init(capacity: Int = 192) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// Appends a member `"key": value`.
    mutating func member(_ key: String, _ value: DemoValue) {
        if hasMembers {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: " "))
        }
        hasMembers = true
        Self.append(string: key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        Self.append(value, to: &bytes)
    }

    /// Closes the object and returns its bytes.
    consuming func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// Appends `value` as JSON.
    static func append(_ value: DemoValue, to bytes: inout [UInt8]) {
        switch value {
        case .string(let string):
            append(string: string, to: &bytes)
        case .integer(let integer):
            append(integer: integer, to: &bytes)
        case .hundredths(let hundredths):
            if hundredths < 0 { bytes.append(UInt8(ascii: "-")) }
            let magnitude = hundredths.magnitude
            append(integer: Int64(magnitude / 100), to: &bytes)
            let fraction = magnitude % 100
            if fraction != 0 {
                bytes.append(UInt8(ascii: "."))
                bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
                if fraction % 10 != 0 { bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
            }
        case .bool(let bool):
            bytes.append(contentsOf: bool ? Array("true".utf8) : Array("false".utf8))
        case .timestamp(let milliseconds):
            bytes.append(UInt8(ascii: "\""))
            Timestamp.append(milliseconds, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Appends `string` quoted and escaped.
    static func append(string: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hexDigit(byte >> 4))
                bytes.append(hexDigit(byte & 0x0F))
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends an integer in decimal.
    static func append(integer: Int64, to bytes: inout [UInt8]) {
        if integer < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        let first = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[first...].reverse()
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
