import ArgumentParser
import Lurker

/// `lurker explain`: why a campaign did or did not fire for one customer.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Replay a recorded stream and tell, for one customer, every campaign's verdict at each moment and why.",
        discussion: """
            Takes replay's inputs. At each of the customer's events, and each time their waits fall due, every \
            campaign the event's type triggers gets a verdict: not active, which condition of its 'when' was not \
            true and what it saw, a wait started or already pending, or the outcome and the governance step that \
            gave it (limit, budget, arbitration, holdout, channel).
            """
    )

    @Option(help: "The customer id.")
    var customer: String

    @OptionGroup var source: ReplayInputOptions

    @Option(help: "Advance the clock to this TIME at the end, so waits due by then fire.")
    var until: String?

    func run() throws {
        let untilTime = try TimeArgument.parse(until, option: "--until")
        let errors = OutputStream.standardError()
        let compiled = try CampaignLoader.load([source.campaigns], terminal: errors.isTerminal, explaining: true)
        let text = try ExplainJob(campaigns: compiled, customer: customer, input: source.input(until: untilTime))
            .run(skip: { errors.write("\($0)\n") })
        let output = OutputStream.standardOutput()
        output.write(text)
        output.flush()
    }
}
