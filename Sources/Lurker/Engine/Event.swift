import RuleDSL

/// A valid event (spec §3): a JSON object with a customer, a type and a time.
public struct Event: Sendable {
    /// The customer id: a non-empty string of at most 256 bytes.
    public var customer: String
    /// The event type, a non-empty string.
    public var type: String
    /// The event time in epoch milliseconds: `ts`, or the Kafka message timestamp when `ts` is absent.
    public var time: Int64
    /// The whole top-level object as written, `customer`, `type`, `channel` and `ts` included.
    public var fields: JSONObject

    /// Creates an event.
    public init(customer: String, type: String, time: Int64, fields: JSONObject) {
        self.customer = customer
        self.type = type
        self.time = time
        self.fields = fields
    }
}
