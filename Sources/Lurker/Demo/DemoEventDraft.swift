/// A planned demo event before it is written: everything but the customer and the time.
struct DemoEventDraft: Sendable {
    /// The event type, `cart.abandoned` say.
    var type: String
    /// The channel it happened on, or `nil` for events from back-office systems (flight.delayed).
    var channel: String?
    /// The other fields in the order they are written.
    var fields: [(String, DemoValue)]

    /// The event as JSON: `customer`, `type`, `ts`, `channel` (when there is one), then the fields.
    func json(customer: String, time: Int64) -> [UInt8] {
        var writer = DemoJSONWriter()
        writer.member("customer", .string(customer))
        writer.member("type", .string(type))
        writer.member("ts", .timestamp(time))
        if let channel { writer.member("channel", .string(channel)) }
        for (key, value) in fields { writer.member(key, value) }
        return writer.finish()
    }

    /// The event broken in the way `malformation` says, marked with a `"demo_malformed"` member
    /// where the result is JSON.
    func json(customer: String, time: Int64, malformation: DemoMalformation) -> [UInt8] {
        let marker = DemoValue.string(malformation.rawValue)
        switch malformation {
        case .notJSON:
            var writer = DemoJSONWriter()
            writer.member("customer", .string(customer))
            writer.member("type", .string(type))
            writer.member("ts", .timestamp(time))
            writer.member("demo_malformed", marker)
            var bytes = writer.finish()
            bytes.removeLast()  // the closing brace: cut off mid-object
            return bytes
        case .notAnObject:
            var writer = JSONWriter()
            writer.append(raw: "[")
            writer.append(string: "demo_malformed")
            writer.append(raw: ", ")
            writer.append(string: malformation.rawValue)
            writer.append(raw: ", ")
            writer.append(string: customer)
            writer.append(raw: "]")
            return writer.bytes
        case .missingCustomer:
            var writer = DemoJSONWriter()
            writer.member("type", .string(type))
            writer.member("ts", .timestamp(time))
            if let channel { writer.member("channel", .string(channel)) }
            writer.member("demo_malformed", marker)
            return writer.finish()
        case .emptyType:
            var writer = DemoJSONWriter()
            writer.member("customer", .string(customer))
            writer.member("type", .string(""))
            writer.member("ts", .timestamp(time))
            writer.member("demo_malformed", marker)
            return writer.finish()
        case .unreadableTimestamp:
            var writer = DemoJSONWriter()
            writer.member("customer", .string(customer))
            writer.member("type", .string(type))
            writer.member("ts", .string("yesterday around noon"))
            writer.member("demo_malformed", marker)
            return writer.finish()
        }
    }
}
