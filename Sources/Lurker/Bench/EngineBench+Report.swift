/// How a benchmark report is printed: a table for people, one JSON object for scripts.
extension EngineBench.Report {
    /// The two runs side by side, then the ratio.
    public var table: String {
        let rows: [(String, (EngineBench.Run) -> String)] = [
            ("campaigns", { "\($0.campaigns)" }),
            ("events", { "\($0.events)" }),
            ("decisions", { "\($0.decisions)" }),
            ("events/s", { Self.format($0.eventsPerSecond, decimals: 0) }),
            ("ns/event", { Self.format($0.nanosecondsPerEvent, decimals: 1) }),
            ("allocations/event", { $0.allocationsPerEvent.map { Self.format($0, decimals: 2) } ?? "n/a" }),
            ("customers held", { "\($0.customersHeld)" }),
            ("bytes/customer", { Self.format($0.bytesPerCustomer, decimals: 0) }),
            ("compile ms", { "\($0.compileMilliseconds)" }),
        ]
        var text = ""
        for (label, value) in rows {
            let left = value(baseline)
            let right = value(run)
            text += label.padding(20) + String(repeating: " ", count: max(0, 14 - left.count)) + left
                + String(repeating: " ", count: max(0, 14 - right.count)) + right + "\n"
        }
        text += "rate ratio (\(run.campaigns) vs 10 campaigns): \(Self.format(ratio, decimals: 2))\n"
        return text
    }

    /// One JSON object: `run`, `baseline` (10 campaigns) and `ratio`.
    public var json: String {
        func object(_ run: EngineBench.Run) -> String {
            let allocations = run.allocationsPerEvent.map { Self.format($0, decimals: 3) } ?? "null"
            return #"{"campaigns": \#(run.campaigns), "events": \#(run.events), "decisions": \#(run.decisions), "#
                + #""events_per_second": \#(Self.format(run.eventsPerSecond, decimals: 0)), "#
                + #""ns_per_event": \#(Self.format(run.nanosecondsPerEvent, decimals: 1)), "#
                + #""allocations_per_event": \#(allocations), "customers_held": \#(run.customersHeld), "#
                + #""bytes_per_customer": \#(Self.format(run.bytesPerCustomer, decimals: 0)), "#
                + #""compile_ms": \#(run.compileMilliseconds)}"#
        }
        return #"{"run": \#(object(run)), "baseline": \#(object(baseline)), "ratio": \#(Self.format(ratio, decimals: 3))}"#
    }

    private static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        guard decimals > 0 else { return "\(scaled)" }
        let whole = scaled / Int(scale)
        let fraction = String(abs(scaled) % Int(scale))
        return "\(whole).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
