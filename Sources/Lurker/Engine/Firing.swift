import RuleDSL

/// A campaign that fired for a customer and awaits governance (spec §5.4).
struct Firing: Sendable {
    /// The campaign's index in the set.
    var campaign: Int32
    /// The triggering event.
    var trigger: Trigger
    /// The usable channel, nil when it has none.
    var channel: String?
    /// The `with` values that are not missing.
    var attributes: JSONObject
}
