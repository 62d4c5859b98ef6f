/// The parts of a campaign gathered clause by clause, with the defaults of spec §2 and §5 applied on build.
struct CampaignBuilder: Sendable {
    var description: String?
    var triggers: [EventTypeName]?
    var condition: Expression?
    var wait: Wait?
    var action: Action?
    var priority: Int?
    var limit: Limit?
    var budget: Budget?
    var holdoutBasisPoints: Int?
    var activeFrom: Int64?
    var activeUntil: Int64?

    /// The campaign, when it has triggers and an action.
    func build(name: Token) -> Campaign? {
        guard let triggers, !triggers.isEmpty, let action else { return nil }
        return Campaign(
            name: name.text,
            nameRange: name.range,
            description: description,
            triggers: triggers,
            condition: condition,
            wait: wait,
            action: action,
            priority: priority ?? 0,
            limit: limit ?? .default,
            budget: budget,
            holdoutBasisPoints: holdoutBasisPoints ?? 0,
            activeFrom: activeFrom,
            activeUntil: activeUntil
        )
    }
}
