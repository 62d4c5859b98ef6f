import RuleDSL

/// What a channel reports on the responses topic about one decision:
/// `{"id": "<decision id>", "campaign": "<name>", "outcome": "accepted"|"declined"}`. Other members are
/// ignored.
struct ChannelResponse: Sendable, Equatable {
    /// The largest response read, in bytes: 1 MiB, as for events.
    static let maximumSize = 1 << 20

    /// The decision's id as a number (``Decision/idHash``).
    var id: UInt64
    /// The campaign's name.
    var campaign: String
    /// What the customer did.
    var outcome: ResponseOutcome

    /// Creates a response.
    init(id: UInt64, campaign: String, outcome: ResponseOutcome) {
        self.id = id
        self.campaign = campaign
        self.outcome = outcome
    }

    /// Reads a response message.
    ///
    /// - Throws: The first ``ResponseRejection`` that applies, in the order of its cases, up to
    ///   ``ResponseRejection/invalidOutcome``: the checks that need no state.
    init(_ bytes: [UInt8]?) throws(ResponseRejection) {
        guard let bytes else { throw .notJSON }
        guard bytes.count <= Self.maximumSize else { throw .tooLarge }
        guard let value = try? JSONReader().read(bytes) else { throw .notJSON }
        guard case .object(let object) = value else { throw .notObject }
        switch object["id"] {
        case .missing: throw .missingID
        case .string(let text):
            guard let id = Self.decisionID(text) else { throw .invalidID }
            self.id = id
        default: throw .invalidID
        }
        switch object["campaign"] {
        case .missing: throw .missingCampaign
        case .string(let name) where !name.isEmpty: campaign = name
        default: throw .invalidCampaign
        }
        switch object["outcome"] {
        case .missing: throw .missingOutcome
        case .string(let text):
            guard let outcome = ResponseOutcome(rawValue: text) else { throw .invalidOutcome }
            self.outcome = outcome
        default: throw .invalidOutcome
        }
    }

    /// The number a decision id of 16 hex digits (either case) stands for.
    static func decisionID(_ text: String) -> UInt64? {
        guard text.utf8.count == 16, text.utf8.allSatisfy({ $0 < 0x80 && Character(Unicode.Scalar($0)).isHexDigit })
        else { return nil }
        return UInt64(text, radix: 16)
    }
}
