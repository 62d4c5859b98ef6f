extension String {
    /// An event line (spec §3) for a conformance case: `customer`, `type` and `ts` (a short time of
    /// ``ConformanceTime``), then `fields`, raw JSON members such as `"channel": "web", "value": 5`.
    static func event(_ customer: String, _ type: String, _ time: String, _ fields: String = "") -> String {
        let head = #"{"customer": "\#(customer)", "type": "\#(type)", "ts": "\#(ConformanceTime.rfc3339(time))""#
        return head + (fields.isEmpty ? "}" : ", \(fields)}")
    }

    /// A profile line (spec §8): `customer`, then `fields`, raw JSON members.
    static func profile(_ customer: String, _ fields: String = "") -> String {
        #"{"customer": "\#(customer)""# + (fields.isEmpty ? "}" : ", \(fields)}")
    }
}
