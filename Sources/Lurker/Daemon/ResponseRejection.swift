/// Why a message of the responses topic is not a response Lurker can count: it goes to the dead-letter
/// topic with this reason in its `lurker.reason` header.
///
/// The raw values are stable snake_case codes, safe as a metric label or a header value; they start with
/// `response_` so they never mix with the reasons of events. Checks run in the order of the cases.
public enum ResponseRejection: String, Error, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The message is larger than 1 MiB.
    case tooLarge = "response_too_large"
    /// The message is not one JSON text in UTF-8 (or has no value).
    case notJSON = "response_not_json"
    /// The message is JSON, but not an object.
    case notObject = "response_not_object"
    /// `id` is absent or `null`.
    case missingID = "response_missing_id"
    /// `id` is not a decision id: a string of 16 hex digits.
    case invalidID = "response_invalid_id"
    /// `campaign` is absent or `null`.
    case missingCampaign = "response_missing_campaign"
    /// `campaign` is not a non-empty string.
    case invalidCampaign = "response_invalid_campaign"
    /// `outcome` is absent or `null`.
    case missingOutcome = "response_missing_outcome"
    /// `outcome` is neither `accepted` nor `declined`.
    case invalidOutcome = "response_invalid_outcome"
    /// No campaign of the running set has that name.
    case unknownCampaign = "response_unknown_campaign"
    /// The id is not one of the recent sent or held-out decisions this instance remembers (made before
    /// the last start, forgotten, or never made).
    case unknownDecision = "response_unknown_decision"
    /// The id is of a decision of another campaign.
    case campaignMismatch = "response_campaign_mismatch"
    /// The decision already had its response counted.
    case duplicate = "response_duplicate"

    /// A human explanation of the reason, in lower case.
    public var description: String {
        switch self {
        case .tooLarge: "response is larger than 1 MiB"
        case .notJSON: "response is not valid JSON"
        case .notObject: "response is not a JSON object"
        case .missingID: "'id' is missing"
        case .invalidID: "'id' is not a string of 16 hex digits"
        case .missingCampaign: "'campaign' is missing"
        case .invalidCampaign: "'campaign' is not a non-empty string"
        case .missingOutcome: "'outcome' is missing"
        case .invalidOutcome: "'outcome' is neither 'accepted' nor 'declined'"
        case .unknownCampaign: "no running campaign has that name"
        case .unknownDecision: "no recent sent or held-out decision has that id"
        case .campaignMismatch: "the decision with that id is of another campaign"
        case .duplicate: "the decision already has a response"
        }
    }
}
