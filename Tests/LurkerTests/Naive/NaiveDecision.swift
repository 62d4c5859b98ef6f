import Lurker
import RuleDSL

/// A decision as spec §7 describes it, without the id (whose scheme §10 leaves to the implementation).
///
/// Both the naive evaluator's decisions and the engine's are brought to this form to be compared; strings
/// are compared by their UTF-8 bytes and numbers by their bit patterns, never by Swift's `==`.
struct NaiveDecision: CustomStringConvertible {
    /// `offer` with the offer's name or `escalate` with the level.
    var action: String
    /// The offer's name or the escalation's level.
    var actionName: String
    var campaign: String
    var customer: String
    /// The usable channel of an offer, nil when it has none and for escalations.
    var channel: String?
    /// The outcome as written in the decision JSON (`sent`, `budget_exhausted`, …).
    var outcome: String
    var time: Int64
    var triggerType: String
    var triggerTime: Int64
    var attributes: JSONObject

    init(
        action: String,
        actionName: String,
        campaign: String,
        customer: String,
        channel: String?,
        outcome: String,
        time: Int64,
        triggerType: String,
        triggerTime: Int64,
        attributes: JSONObject
    ) {
        self.action = action
        self.actionName = actionName
        self.campaign = campaign
        self.customer = customer
        self.channel = channel
        self.outcome = outcome
        self.time = time
        self.triggerType = triggerType
        self.triggerTime = triggerTime
        self.attributes = attributes
    }

    /// The engine's decision in this form.
    init(_ decision: Decision) {
        switch decision.action {
        case .offer(let name):
            action = "offer"
            actionName = name
        case .escalate(let level):
            action = "escalate"
            actionName = level
        }
        campaign = decision.campaign
        customer = decision.customer
        channel = decision.channel
        outcome = decision.outcome.rawValue
        time = decision.time
        triggerType = decision.triggerType
        triggerTime = decision.triggerTime
        attributes = decision.attributes
    }

    /// Whether every field is identical: strings byte for byte, numbers bit for bit.
    func isIdentical(to other: NaiveDecision) -> Bool {
        NaiveValue.sameBytes(action, other.action)
            && NaiveValue.sameBytes(actionName, other.actionName)
            && NaiveValue.sameBytes(campaign, other.campaign)
            && NaiveValue.sameBytes(customer, other.customer)
            && sameChannel(channel, other.channel)
            && NaiveValue.sameBytes(outcome, other.outcome)
            && time == other.time
            && NaiveValue.sameBytes(triggerType, other.triggerType)
            && triggerTime == other.triggerTime
            && NaiveValue.identical(.object(attributes), .object(other.attributes))
    }

    private func sameChannel(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let a?, let b?): return NaiveValue.sameBytes(a, b)
        default: return false
        }
    }

    var description: String {
        let channelText = channel.map { NaiveValue.quoted($0) } ?? "null"
        return "\(NaiveTime.format(time)) \(campaign) \(NaiveValue.quoted(customer)) \(action) \(NaiveValue.quoted(actionName))"
            + " via \(channelText) → \(outcome) (trigger \(NaiveValue.quoted(triggerType)) @ \(NaiveTime.format(triggerTime)))"
            + " \(NaiveValue.render(.object(attributes)))"
    }
}
