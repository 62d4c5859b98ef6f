import RuleDSL

/// A campaign's `wait` started for one customer, with what was computed at the trigger (spec §6).
struct PendingWait: Sendable {
    /// The campaign's index in the set.
    var campaign: Int32
    /// The partition whose clock the timer follows.
    var partition: Int32
    /// The timer's sequence number: it orders timers due at the same time and identifies the live one.
    var timer: UInt64
    /// When it falls due.
    var due: Int64
    /// The triggering event.
    var trigger: Trigger
    /// The usable channel computed at the trigger, nil when it had none.
    var channel: String?
    /// The `with` values computed at the trigger, missing ones left out.
    var attributes: JSONObject
}
