import ArgumentParser
import Logging
import Lurker

/// `lurker run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Consume channel events from Kafka, decide them against the campaigns, publish offers and decisions."
    )

    @Option(help: "The folder of .lurk campaign files.")
    var campaigns = "campaigns"

    @Option(help: "Kafka bootstrap servers (librdkafka's bootstrap.servers).")
    var bootstrapServers = "127.0.0.1:9092"

    @Option(help: "The consumer group; instances with the same group share the partitions.")
    var group = "lurker"

    @Option(name: .customLong("events-topic"), help: "A topic of channel events (repeat for several).")
    var eventTopics: [String] = ["events"]

    @Option(help: "The topic of customer profiles.")
    var profilesTopic = "profiles"

    @Option(help: "The topic every decision goes to.")
    var decisionsTopic = "lurker.decisions"

    @Option(help: "The topic sent escalations go to.")
    var escalationsTopic = "escalations"

    @Option(help: "The topic invalid events go to.")
    var deadLetterTopic = "lurker.deadletter"

    @Option(help: "Sent offers go to this prefix followed by the channel.")
    var offerTopicPrefix = "offers."

    @Option(name: .customShort("X"), help: ArgumentHelp("A librdkafka property for both clients (repeatable).", valueName: "key=value"))
    var properties: [String] = []

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        var configuration = DaemonConfiguration()
        configuration.campaignsPath = campaigns
        configuration.eventTopics = eventTopics
        configuration.profilesTopic = profilesTopic
        configuration.decisionsTopic = decisionsTopic
        configuration.escalationsTopic = escalationsTopic
        configuration.deadLetterTopic = deadLetterTopic
        configuration.offerTopicPrefix = offerTopicPrefix
        configuration.groupID = group
        configuration.kafka["bootstrap.servers"] = bootstrapServers
        do {
            for property in properties {
                try configuration.kafka.applyOverride(property)
            }
            try configuration.kafka.validate()
        } catch {
            throw ValidationError("\(error)")
        }
        var logger = Logger(label: "lurker")
        logger.logLevel = logLevel
        let campaigns = try CampaignLoader.load([campaigns], terminal: ErrorStream.isTerminal)
        try await Daemon.run(configuration: configuration, campaigns: campaigns, logger: logger)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
