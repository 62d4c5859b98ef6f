/// A plain-text table of per-campaign counters, as replay and the demo print them.
public struct CampaignTable {
    private var rows: [[String]] = []

    private static let header = [
        "campaign", "evaluated", "triggered", "sent", "holdout", "capped", "budget_exhausted", "outranked",
        "no_channel", "cancelled", "match rate",
    ]

    /// Creates an empty table.
    public init() {}

    /// Adds a campaign's row.
    public mutating func add(_ campaign: String, _ counters: CampaignStatistics) {
        var row = [campaign, String(counters.evaluated), String(counters.triggered)]
        for outcome in Decision.Outcome.allCases {
            row.append(String(counters[outcome]))
        }
        row.append(Self.percent(counters.matchRate, of: counters.evaluated))
        rows.append(row)
    }

    /// The table with aligned columns: names left, numbers right.
    public func render() -> String {
        let all = [Self.header] + rows
        let widths = Self.header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in all {
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }
            text += cells.joined(separator: "  ") + "\n"
        }
        return text
    }

    private static func percent(_ rate: Double, of total: Int) -> String {
        guard total > 0 else { return "-" }
        let tenths = Int((rate * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
