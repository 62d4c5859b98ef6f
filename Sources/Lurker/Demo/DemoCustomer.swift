/// A customer of the demo world and their profile as it stands, written whole to the profiles topic.
struct DemoCustomer: Sendable {
    /// The customer id, `c-42`.
    var id: String
    /// The display name; a few hold quotes and many hold non-ASCII letters, which exercises escaping.
    var name: String
    /// `basic`, `silver`, `gold` or `senator`.
    var tier: String
    /// `app`, `email`, `sms` or `web`; `nil` for customers who never chose (then it is not written).
    var preferredChannel: String?
    /// Lifetime value in euro cents.
    var lifetimeValueCents: Int64
    /// Whether the customer agreed to receive SMS.
    var smsOptIn: Bool
    /// The data team's churn score in hundredths (0 to 99: `0.73` is 73).
    var churnRiskHundredths: Int64
    /// The home city.
    var city: String
    /// The day the customer joined, in days since 1970-01-01.
    var memberSinceDay: Int64

    /// Applies a change of the simulated day.
    mutating func apply(_ change: DemoProfileChange) {
        switch change {
        case .addLifetimeValue(let cents): lifetimeValueCents += cents
        case .smsOptIn(let isOptedIn): smsOptIn = isOptedIn
        case .tier(let newTier): tier = newTier
        case .preferredChannel(let channel): preferredChannel = channel
        }
    }

    /// The profile as JSON: `{"customer": "c-42", "name": ..., "tier": ..., ...}`.
    func json() -> [UInt8] {
        var writer = DemoJSONWriter(capacity: 256)
        writer.member("customer", .string(id))
        writer.member("name", .string(name))
        writer.member("tier", .string(tier))
        if let preferredChannel { writer.member("preferred_channel", .string(preferredChannel)) }
        writer.member("lifetime_value", .hundredths(lifetimeValueCents))
        writer.member("sms_opt_in", .bool(smsOptIn))
        writer.member("churn_risk", .hundredths(churnRiskHundredths))
        writer.member("city", .string(city))
        writer.member("member_since", .string(DemoTime.date(days: memberSinceDay)))
        return writer.finish()
    }
}
