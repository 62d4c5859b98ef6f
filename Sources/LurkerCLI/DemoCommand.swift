import ArgumentParser
import Logging
import Lurker

/// `lurker demo`: the embedded broker, the campaigns, a synthetic stream and the daemon, offers printed live.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the daemon on an embedded Kafka broker with a synthetic multi-channel stream.",
        discussion: """
            Starts librdkafka's mock cluster in this process, loads the campaigns, produces one simulated day \
            of a few thousand customers moving between web, app, call center, shop and SMS (with a few malformed \
            events for the dead-letter topic), runs the daemon on it and prints every sent offer and escalation \
            as it is published, and serves the live campaign page (http://127.0.0.1:9464/, or another port \
            when 9464 is taken; the address is printed); editing a campaign file reloads it. Ends with a \
            table per campaign. Needs no configuration and no Kafka install.
            """
    )

    @Option(help: "How long to run, in seconds.")
    var seconds: Double = 20

    @Option(help: "The folder of .lurk campaign files.")
    var campaigns = "campaigns"

    @Option(help: "How many synthetic customers.")
    var customers = 3000

    @Option(help: "The seed of the synthetic stream.")
    var seed: UInt64 = 42

    @Option(help: "Events produced per second (default: the day spread over the first 60% of the run).")
    var rate: Double?

    @Flag(help: "Print only the closing table, not each offer and escalation.")
    var quiet = false

    func validate() throws {
        guard seconds > 0 else { throw ValidationError("--seconds must be more than 0, found \(seconds)") }
        guard customers > 0 else { throw ValidationError("--customers must be at least 1, found \(customers)") }
        if let rate, rate <= 0 { throw ValidationError("--rate must be more than 0, found \(rate)") }
    }

    func run() async throws {
        var logger = Logger(label: "lurker")
        logger.logLevel = .warning
        // The stream is one simulated day: campaign windows are judged against it, not against today.
        let campaigns = try CampaignLoader.load(
            [campaigns], terminal: OutputStream.standardError().isTerminal,
            now: DemoStream(customers: 0, seed: seed).start)
        var options = DemoRunner.Options()
        options.seconds = seconds
        options.customers = customers
        options.seed = seed
        options.eventsPerSecond = rate
        options.printsDecisions = !quiet
        options.campaignsPath = self.campaigns
        _ = try await DemoRunner(campaigns: campaigns, options: options, logger: logger).run()
    }
}
