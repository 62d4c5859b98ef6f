extension ReplayDiff {
    /// The difference as one JSON object, for programs: the set names, whether the runs are identical, the
    /// decision counts, the decisions only in each run and the changed pairs (decisions as replay prints them,
    /// ids included), and every campaign's counts by outcome in both runs. Ends with a newline.
    ///
    /// ```
    /// {"first": "campaigns", "second": "campaigns-next", "identical": false,
    ///  "decisions": {"first": 1234, "second": 1233},
    ///  "only_in_first": [{...}], "only_in_second": [],
    ///  "changed": [{"fields": ["outcome"], "first": {...}, "second": {...}}],
    ///  "campaigns": [{"campaign": "abandon_reminder", "in_first": true, "in_second": true,
    ///                 "first": {"sent": 120, ...}, "second": {"sent": 95, ...}}]}
    /// ```
    public func json(first: String, second: String) -> [UInt8] {
        var writer = JSONWriter()
        writer.append(raw: "{\"first\": ")
        writer.append(string: first)
        writer.append(raw: ", \"second\": ")
        writer.append(string: second)
        writer.append(raw: ", \"identical\": ")
        writer.append(raw: isIdentical ? "true" : "false")
        writer.append(raw: ", \"decisions\": {\"first\": ")
        writer.append(integer: Int64(firstCount))
        writer.append(raw: ", \"second\": ")
        writer.append(integer: Int64(secondCount))
        writer.append(raw: "}, \"only_in_first\": [")
        var separator = false
        for case .onlyInFirst(let decision) in entries {
            if separator { writer.append(raw: ", ") }
            separator = true
            decision.write(to: &writer)
        }
        writer.append(raw: "], \"only_in_second\": [")
        separator = false
        for case .onlyInSecond(let decision) in entries {
            if separator { writer.append(raw: ", ") }
            separator = true
            decision.write(to: &writer)
        }
        writer.append(raw: "], \"changed\": [")
        separator = false
        for case .changed(let change) in entries {
            if separator { writer.append(raw: ", ") }
            separator = true
            writer.append(raw: "{\"fields\": [")
            for (index, field) in change.fields.enumerated() {
                if index > 0 { writer.append(raw: ", ") }
                writer.append(string: field.rawValue)
            }
            writer.append(raw: "], \"first\": ")
            change.first.write(to: &writer)
            writer.append(raw: ", \"second\": ")
            change.second.write(to: &writer)
            writer.append(raw: "}")
        }
        writer.append(raw: "], \"campaigns\": [")
        for (index, counts) in campaigns.enumerated() {
            if index > 0 { writer.append(raw: ", ") }
            writer.append(raw: "{\"campaign\": ")
            writer.append(string: counts.campaign)
            writer.append(raw: ", \"in_first\": ")
            writer.append(raw: counts.isInFirst ? "true" : "false")
            writer.append(raw: ", \"in_second\": ")
            writer.append(raw: counts.isInSecond ? "true" : "false")
            writer.append(raw: ", \"first\": ")
            Self.append(counts.first, to: &writer)
            writer.append(raw: ", \"second\": ")
            Self.append(counts.second, to: &writer)
            writer.append(raw: "}")
        }
        writer.append(raw: "]}\n")
        return writer.bytes
    }

    /// Counts by outcome as an object with every outcome, in the order of ``Decision/Outcome``.
    private static func append(_ counts: [Decision.Outcome: Int], to writer: inout JSONWriter) {
        writer.append(raw: "{")
        for (index, outcome) in Decision.Outcome.allCases.enumerated() {
            if index > 0 { writer.append(raw: ", ") }
            writer.append(string: outcome.rawValue)
            writer.append(raw: ": ")
            writer.append(integer: Int64(counts[outcome, default: 0]))
        }
        writer.append(raw: "}")
    }
}
