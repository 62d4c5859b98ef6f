import ArgumentParser
import Foundation
import Lurker

/// `lurker broker`: an in-memory Kafka broker for development and demos.
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run an in-memory Kafka broker (librdkafka's mock cluster) with Lurker's topics.",
        discussion: """
            Prints 'bootstrap.servers=127.0.0.1:PORT' as the only line on standard output, a usage hint \
            on standard error, then serves until SIGINT or SIGTERM. Data lives in memory only, about \
            5 MiB per partition; producing to an unknown topic creates it with 4 partitions.
            """
    )

    @Option(help: "The partition count of the events and profiles topics (the other topics have 1).")
    var partitions: Int = EmbeddedBroker.defaultPartitions

    func validate() throws {
        guard partitions > 0 else {
            throw ValidationError("--partitions must be at least 1, found \(partitions)")
        }
    }

    func run() async throws {
        let broker = try EmbeddedBroker(partitions: partitions)
        let servers = broker.bootstrapServers
        FileHandle.standardOutput.write(Data("bootstrap.servers=\(servers)\n".utf8))
        FileHandle.standardError.write(
            Data(
                """
                lurker broker: Kafka \(KafkaVersion.string) mock cluster on \(servers); \
                events and profiles have \(partitions) partitions, the other topics 1. Ctrl-C stops it.
                  kcat -L -b \(servers)
                  echo 'c1:{"customer":"c1","type":"visit"}' | kcat -P -b \(servers) -t events -K :
                  kcat -C -b \(servers) -t lurker.decisions -f '%k %s\\n'

                """.utf8
            )
        )
        let stop = StopSignal()
        let watcher = SignalWatcher { _ in stop.stop() }
        while !stop.isSet {
            try? await Task.sleep(for: .milliseconds(100))
        }
        watcher.cancel()
        broker.close()
    }
}
