import Lurker
import RuleDSL

/// A valid event as the scenarios generate it: the naive evaluator reads it as is, the engine reads its JSON.
struct NaiveEvent {
    /// The customer id.
    var customer: String
    /// The event type.
    var type: String
    /// The event time in epoch milliseconds (also written as `ts` in ``fields``).
    var time: Int64
    /// The whole top-level object, `customer`, `type` and `ts` included.
    var fields: JSONObject

    /// The event as the JSON message the engine reads.
    var message: [UInt8] {
        var writer = JSONWriter()
        writer.append(.object(fields))
        return writer.bytes
    }
}
