/// How a deliberately malformed record of the demo stream is broken, so that the demo shows
/// dead-lettering (spec §3). Each one is invalid as an event for the reason its name says; the JSON
/// ones also carry a `"demo_malformed"` member that says so to a human reading the topic.
public enum DemoMalformation: String, Sendable, Hashable, CaseIterable {
    /// Not JSON at all: an object cut off before its closing brace.
    case notJSON = "not-json"
    /// Valid JSON, but an array instead of an object.
    case notAnObject = "not-an-object"
    /// An object without `customer`.
    case missingCustomer = "missing-customer"
    /// An object whose `type` is the empty string.
    case emptyType = "empty-type"
    /// An object whose `ts` is a string that is no RFC 3339 time.
    case unreadableTimestamp = "unreadable-ts"
}
