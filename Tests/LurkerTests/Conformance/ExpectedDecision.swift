import Foundation

/// A decision a conformance case expects, written from the specification (§7) and kept as canonical JSON
/// without its `id` (§10 leaves ids to the implementation): keys sorted, values as parsed.
struct ExpectedDecision: Sendable, CustomStringConvertible {
    /// The canonical JSON text.
    let canonical: String

    var description: String { canonical }

    /// An offer decision. The offer's name defaults to the campaign's, the channel to `web` (nil writes
    /// `null`), the trigger's time to the decision's; `attributes` is JSON text.
    static func offer(
        _ campaign: String, _ customer: String, _ outcome: String, _ time: String, on trigger: String,
        at triggerTime: String? = nil, offer: String? = nil, channel: String? = "web", attributes: String = "{}"
    ) -> ExpectedDecision {
        var object = common(campaign, customer, outcome, time, trigger, triggerTime, attributes)
        object["action"] = "offer"
        object["offer"] = offer ?? campaign
        object["channel"] = channel.map { $0 as Any } ?? NSNull()
        return ExpectedDecision(object)
    }

    /// An escalation decision. The level defaults to the campaign's name.
    static func escalation(
        _ campaign: String, _ customer: String, _ outcome: String, _ time: String, on trigger: String,
        at triggerTime: String? = nil, level: String? = nil, attributes: String = "{}"
    ) -> ExpectedDecision {
        var object = common(campaign, customer, outcome, time, trigger, triggerTime, attributes)
        object["action"] = "escalate"
        object["level"] = level ?? campaign
        return ExpectedDecision(object)
    }

    private static func common(
        _ campaign: String, _ customer: String, _ outcome: String, _ time: String, _ trigger: String,
        _ triggerTime: String?, _ attributes: String
    ) -> [String: Any] {
        let parsed = try? JSONSerialization.jsonObject(with: Data(attributes.utf8))
        precondition(parsed is [String: Any], "attributes must be a JSON object: \(attributes)")
        return [
            "campaign": campaign, "customer": customer, "outcome": outcome,
            "ts": ConformanceTime.rfc3339(time),
            "trigger": ["type": trigger, "ts": ConformanceTime.rfc3339(triggerTime ?? time)],
            "attributes": parsed as Any,
        ]
    }

    private init(_ object: [String: Any]) {
        canonical = Self.canonical(object)
    }

    /// The canonical text of a decision line printed by replay, its `id` removed; nil when it is not a JSON object.
    static func canonical(line: String) -> String? {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
            return nil
        }
        object["id"] = nil
        return canonical(object)
    }

    private static func canonical(_ object: [String: Any]) -> String {
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "unserialisable"
    }
}
