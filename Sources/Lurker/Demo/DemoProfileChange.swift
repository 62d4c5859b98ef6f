/// A change to a customer's profile during the simulated day; the stream then publishes the whole
/// profile anew, as a CRM would.
enum DemoProfileChange: Sendable, Hashable {
    /// An order was booked: the lifetime value grows by this many cents.
    case addLifetimeValue(cents: Int64)
    /// The customer gave or withdrew SMS consent.
    case smsOptIn(Bool)
    /// The customer moved to another tier.
    case tier(String)
    /// The customer chose another preferred channel.
    case preferredChannel(String)
}
