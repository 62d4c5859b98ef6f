/// Writes the flat JSON objects of the demo stream straight into bytes, laid out like the spec's
/// examples (`{"customer": "c-42", "type": "call.started", ...}`), with no Foundation involved.
///
/// Strings, integers and timestamps are written by ``JSONWriter``; this adds the members' layout and
/// the two-place decimals of ``DemoValue/hundredths(_:)``.
struct DemoJSONWriter {
    private var writer: JSONWriter
    private var hasMembers = false

    /// Starts an object: the bytes hold `{`.
    init(capacity: Int = 192) {
        writer = JSONWriter()
        writer.bytes.reserveCapacity(capacity)
        writer.append(raw: "{")
    }

    /// Appends a member `"key": value`.
    mutating func member(_ key: String, _ value: DemoValue) {
        if hasMembers { writer.append(raw: ", ") }
        hasMembers = true
        writer.append(string: key)
        writer.append(raw: ": ")
        switch value {
        case .string(let string):
            writer.append(string: string)
        case .integer(let integer):
            writer.append(integer: integer)
        case .hundredths(let hundredths):
            if hundredths < 0 { writer.append(raw: "-") }
            let magnitude = hundredths.magnitude
            writer.append(integer: Int64(magnitude / 100))
            let fraction = magnitude % 100
            if fraction != 0 {
                writer.bytes.append(UInt8(ascii: "."))
                writer.bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
                if fraction % 10 != 0 { writer.bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
            }
        case .bool(let bool):
            writer.append(raw: bool ? "true" : "false")
        case .timestamp(let milliseconds):
            writer.append(timestamp: milliseconds)
        }
    }

    /// Closes the object and returns its bytes.
    consuming func finish() -> [UInt8] {
        writer.append(raw: "}")
        return writer.bytes
    }
}
