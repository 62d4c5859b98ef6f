/// `lurker replay` end to end: files in, decisions on standard output, summary and problems on standard error.
public struct ReplayJob {
    private let campaigns: CompiledCampaignSet
    private let input: ReplayInput

    /// Creates the job.
    public init(campaigns: CompiledCampaignSet, input: ReplayInput) {
        self.campaigns = campaigns
        self.input = input
    }

    /// Replays, printing as it goes; a progress line appears on a terminal after two seconds.
    public func run() throws {
        let output = OutputStream.standardOutput()
        let errors = OutputStream.standardError()
        let started = WallClock.monotonicMilliseconds()
        var writer = JSONWriter()
        writer.bytes.reserveCapacity(1 << 10)
        var showedProgress = false
        let summary = try input.run(
            Replay(campaigns: campaigns),
            decide: { decision in
                writer.bytes.removeAll(keepingCapacity: true)
                decision.write(to: &writer)
                writer.bytes.append(UInt8(ascii: "\n"))
                output.write(writer.bytes)
            },
            skip: { problem in errors.write("\(problem)\n") },
            progress: { lines in
                let elapsed = WallClock.monotonicMilliseconds() - started
                guard errors.isTerminal, elapsed >= 2_000 else { return }
                showedProgress = true
                errors.write("\rreplaying: \(lines) lines, \(Int64(lines) * 1000 / max(elapsed, 1)) lines/s")
            }
        )
        output.flush()
        if showedProgress { errors.write("\n") }
        errors.write(summary.table)
    }
}
