import Synchronization

/// The channels' side of the demo: answers some of the daemon's offers on the responses topic, as channels
/// would, so the live campaign page shows response rates and, for campaigns with a holdout, a lift.
///
/// Whether a decision gets an answer is decided by its id, so a run is repeatable: of the sent offers 30%
/// are accepted and 25% declined; of the held-out ones (control customers who might convert anyway) 12%
/// are reported accepted.
final class DemoResponder: Sendable {
    private let pending = Mutex<[(key: [UInt8], value: [UInt8])]>([])

    /// Takes note of a published decision; called on the pipeline's thread.
    func observe(_ decision: Decision) {
        guard case .offer = decision.action else { return }
        let draw = decision.idHash % 100
        let outcome: ResponseOutcome
        switch decision.outcome {
        case .sent where draw < 30: outcome = .accepted
        case .sent where draw < 55: outcome = .declined
        case .holdout where draw < 12: outcome = .accepted
        default: return
        }
        var writer = JSONWriter()
        writer.append(raw: "{\"id\": ")
        writer.append(hex: decision.idHash)
        writer.append(raw: ", \"campaign\": ")
        writer.append(string: decision.campaign)
        writer.append(raw: ", \"outcome\": ")
        writer.append(string: outcome.rawValue)
        writer.append(raw: "}")
        let response = (key: Array(decision.customer.utf8), value: writer.bytes)
        pending.withLock { $0.append(response) }
    }

    /// The responses noted since the last call, as keys and values for the responses topic.
    func take() -> [(key: [UInt8], value: [UInt8])] {
        pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }
}
