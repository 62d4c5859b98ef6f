import RuleDSL

/// The live view of the running campaigns behind `/campaigns` and `/`: per campaign, its counters since it
/// was loaded, over the last five minutes, and its sent decisions per minute over the last half hour.
///
/// The pipeline feeds it the differences of its counters (``add(_:at:)``); time is the daemon's monotonic
/// clock in milliseconds, counted in steps of ``stepMilliseconds`` from the moment the view was created.
struct CampaignView: Sendable {
    /// A campaign of the running set.
    struct Campaign: Sendable, Equatable {
        /// Its name.
        var name: String
        /// The file it was written in.
        var file: String
    }

    /// The width of one step of the windows: 10 s.
    static let stepMilliseconds: Int64 = 10_000
    /// The short window, in steps: 5 minutes.
    static let windowSteps: Int64 = 30
    /// The steps in a minute.
    static let minuteSteps: Int64 = 6
    /// The minutes of the sparkline.
    static let sparklineMinutes: Int64 = 30

    private let start: Int64
    /// The running set, in set order.
    private(set) var campaigns: [Campaign] = []
    private var totals: [String: CampaignTally] = [:]
    /// The differences added in each step, oldest first, the steps of the last half hour only.
    private var steps: [(step: Int64, tallies: [String: CampaignTally])] = []

    /// Creates an empty view whose clock starts at `start`.
    init(start: Int64) {
        self.start = start
    }

    /// Puts a new running set in place; the counters of campaigns that keep their name stay.
    mutating func setCampaigns(_ campaigns: [Campaign]) {
        self.campaigns = campaigns
    }

    /// Adds what happened since the last call, observed at `now`.
    mutating func add(_ differences: [String: CampaignTally], at now: Int64) {
        let step = self.step(at: now)
        if steps.last?.step != step { steps.append((step, [:])) }
        for (name, difference) in differences where !difference.isZero {
            totals[name, default: CampaignTally()] += difference
            steps[steps.count - 1].tallies[name, default: CampaignTally()] += difference
        }
        let oldest = step - Self.sparklineMinutes * Self.minuteSteps
        if let first = steps.firstIndex(where: { $0.step > oldest }), first > 0 {
            steps.removeFirst(first)
        }
    }

    /// The view as the JSON object of `/campaigns` (see docs/metrics.md), at `now`.
    func json(at now: Int64) -> [UInt8] {
        let step = self.step(at: now)
        let windowStart = step - Self.windowSteps
        let currentMinute = step / Self.minuteSteps
        var list: [Value] = []
        for campaign in campaigns {
            var window = CampaignTally()
            var perMinute = [Int](repeating: 0, count: Int(Self.sparklineMinutes))
            for entry in steps {
                guard let tally = entry.tallies[campaign.name] else { continue }
                if entry.step > windowStart { window += tally }
                let age = currentMinute - entry.step / Self.minuteSteps
                if age >= 0, age < Self.sparklineMinutes {
                    perMinute[perMinute.count - 1 - Int(age)] += tally[.sent]
                }
            }
            list.append(
                Self.object([
                    ("name", .string(campaign.name)),
                    ("file", .string(campaign.file)),
                    ("since_start", Self.summary(totals[campaign.name] ?? CampaignTally())),
                    ("last_5m", Self.summary(window)),
                    ("sent_per_minute", .list(perMinute.map { .number(Double($0)) })),
                ]))
        }
        var writer = JSONWriter()
        writer.append(
            Self.object([
                ("window_seconds", .number(Double(Self.windowSteps * Self.stepMilliseconds / 1000))),
                ("campaigns", .list(list)),
            ]))
        return writer.bytes
    }

    private func step(at now: Int64) -> Int64 {
        max(now - start, 0) / Self.stepMilliseconds
    }

    /// The counters and rates of one tally; a rate with nothing to divide by is null.
    private static func summary(_ tally: CampaignTally) -> Value {
        let sent = tally[.sent]
        let holdout = tally[.holdout]
        let responses = tally.responses
        let acceptance = rate(responses.treatedAccepted, sent)
        let controlAcceptance = rate(responses.controlAccepted, holdout)
        // (treated accepted / sent) / (control accepted / holdout) - 1, with one division for exact ratios.
        var lift = Value.missing
        if sent > 0, holdout > 0, responses.controlAccepted > 0 {
            lift = .number(
                Double(responses.treatedAccepted * holdout) / Double(responses.controlAccepted * sent) - 1)
        }
        return object([
            ("evaluated", count(tally.evaluated)),
            ("triggered", count(tally.triggered)),
            ("match_rate", rate(tally.triggered, tally.evaluated)),
            (
                "decisions",
                object(Decision.Outcome.allCases.map { ($0.rawValue, count(tally[$0])) })
            ),
            (
                "responses",
                object([("accepted", count(responses.treatedAccepted)), ("declined", count(responses.treatedDeclined))])
            ),
            ("response_rate", rate(responses.treatedAccepted + responses.treatedDeclined, sent)),
            ("acceptance_rate", acceptance),
            (
                "control",
                object([
                    ("decisions", count(holdout)),
                    ("accepted", count(responses.controlAccepted)),
                    ("declined", count(responses.controlDeclined)),
                    ("acceptance_rate", controlAcceptance),
                ])
            ),
            ("lift", lift),
        ])
    }

    private static func count(_ value: Int) -> Value {
        .number(Double(value))
    }

    private static func rate(_ numerator: Int, _ denominator: Int) -> Value {
        denominator == 0 ? .missing : .number(Double(numerator) / Double(denominator))
    }

    private static func object(_ members: [(String, Value)]) -> Value {
        .object(JSONObject(members: members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}
