/// Why a message is not a valid event (spec §3): it goes to the dead-letter topic with this reason.
///
/// The raw values are stable snake_case codes, safe to use as a metric label or a header value.
/// The decoder checks in the order of the cases: size, JSON, object, customer, type, time.
public enum DeadLetterReason: String, Error, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The message is larger than 1 MiB (1,048,576 bytes).
    case tooLarge = "too_large"
    /// The message is not one JSON text in UTF-8.
    case notJSON = "not_json"
    /// The message is JSON, but not an object.
    case notObject = "not_object"
    /// `customer` is absent or `null`.
    case missingCustomer = "missing_customer"
    /// `customer` is not a string, is empty, or is longer than 256 UTF-8 bytes.
    case invalidCustomer = "invalid_customer"
    /// `type` is absent or `null`.
    case missingType = "missing_type"
    /// `type` is not a string or is empty.
    case invalidType = "invalid_type"
    /// `ts` is present but is neither an RFC 3339 string nor an integral number of epoch milliseconds
    /// in years 0001-9999.
    case invalidTimestamp = "invalid_ts"
    /// `ts` is absent or `null` and there is no message timestamp to use instead (replay).
    case missingTimestamp = "missing_ts"

    /// A human explanation of the reason, in lower case.
    public var description: String {
        switch self {
        case .tooLarge: "message is larger than 1 MiB"
        case .notJSON: "message is not valid JSON"
        case .notObject: "message is not a JSON object"
        case .missingCustomer: "'customer' is missing"
        case .invalidCustomer: "'customer' is not a non-empty string of at most 256 bytes"
        case .missingType: "'type' is missing"
        case .invalidType: "'type' is not a non-empty string"
        case .invalidTimestamp: "'ts' is neither an RFC 3339 time nor integral epoch milliseconds"
        case .missingTimestamp: "'ts' is missing"
        }
    }
}
