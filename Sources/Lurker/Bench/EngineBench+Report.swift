/// How a benchmark report is printed: a table for people, one JSON object for scripts.
extension EngineBench.Report {
    /// The two runs side by side, then the ratio.
    public var table: String {
        let rows: [(String, (EngineBench.Run) -> String)] = [
            ("campaigns", { "\($0.campaigns)" }),
            ("events", { "\($0.events)" }),
            ("decisions", { "\($0.decisions)" }),
            ("events/s", { FixedPoint.text($0.eventsPerSecond, decimals: 0) }),
            ("ns/event", { FixedPoint.text($0.nanosecondsPerEvent, decimals: 1) }),
            ("allocations/event", { $0.allocationsPerEvent.map { FixedPoint.text($0, decimals: 2) } ?? "n/a" }),
            ("customers held", { "\($0.customersHeld)" }),
            ("bytes/customer", { FixedPoint.text($0.bytesPerCustomer, decimals: 0) }),
            ("compile ms", { "\($0.compileMilliseconds)" }),
        ]
        var text = ""
        for (label, value) in rows {
            let left = value(baseline)
            let right = value(run)
            text += label.padding(20) + String(repeating: " ", count: max(0, 14 - left.count)) + left
                + String(repeating: " ", count: max(0, 14 - right.count)) + right + "\n"
        }
        text += "rate ratio (\(run.campaigns) vs \(baseline.campaigns) campaigns): "
            + FixedPoint.text(ratio, decimals: 2) + "\n"
        return text
    }

    /// One JSON object: `run`, `baseline` (10 campaigns) and `ratio`.
    public var json: String {
        func object(_ run: EngineBench.Run) -> String {
            let allocations = run.allocationsPerEvent.map { FixedPoint.text($0, decimals: 3) } ?? "null"
            return #"{"campaigns": \#(run.campaigns), "events": \#(run.events), "decisions": \#(run.decisions), "#
                + #""events_per_second": \#(FixedPoint.text(run.eventsPerSecond, decimals: 0)), "#
                + #""ns_per_event": \#(FixedPoint.text(run.nanosecondsPerEvent, decimals: 1)), "#
                + #""allocations_per_event": \#(allocations), "customers_held": \#(run.customersHeld), "#
                + #""bytes_per_customer": \#(FixedPoint.text(run.bytesPerCustomer, decimals: 0)), "#
                + #""compile_ms": \#(run.compileMilliseconds)}"#
        }
        return #"{"run": \#(object(run)), "baseline": \#(object(baseline)), "ratio": \#(FixedPoint.text(ratio, decimals: 3))}"#
    }

}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
