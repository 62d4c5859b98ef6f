import Foundation
import Logging
import Testing

@testable import Lurker

/// Fixtures shared by the Kafka suites: clients tuned for librdkafka's mock cluster, a runner for
/// the foreign client (kcat), and a way to keep blocking calls off the cooperative pool.
enum KafkaFixture {
    /// A quiet logger: librdkafka's warnings and errors only.
    static let logger: Logger = {
        var logger = Logger(label: "lurker.kafka.test")
        logger.logLevel = .warning
        return logger
    }()

    /// A group id no other test uses.
    static func uniqueGroup() -> String {
        "test-\(UUID().uuidString)"
    }

    /// A consumer configuration for the mock cluster: a short session, a short fetch wait and a
    /// quick auto-commit.
    static func consumerConfiguration(_ broker: EmbeddedBroker, group: String) -> KafkaConfiguration {
        KafkaConfiguration(["bootstrap.servers": broker.bootstrapServers, "group.id": group])
            .merging(EmbeddedBroker.consumerConfiguration)
            .merging(KafkaConfiguration(["fetch.wait.max.ms": "10", "auto.commit.interval.ms": "200"]))
    }

    /// A producer configuration for the mock cluster.
    static func producerConfiguration(_ broker: EmbeddedBroker) -> KafkaConfiguration {
        KafkaConfiguration(["bootstrap.servers": broker.bootstrapServers])
    }

    /// Runs blocking work (librdkafka polls, kcat) on a thread of its own and awaits the result,
    /// so parallel tests never hold the cooperative pool's few threads.
    static func blocking<Value: Sendable>(
        _ body: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result(catching: body))
            }
            thread.start()
        }
    }

    /// Polls until `count` records arrived, or `seconds` passed (the first group assignment on
    /// the mock takes about 3 s).
    static func consume(_ consumer: KafkaConsumer, count: Int, within seconds: Double) throws -> [KafkaMessage] {
        var messages: [KafkaMessage] = []
        let deadline = Date(timeIntervalSinceNow: seconds)
        while messages.count < count, Date() < deadline {
            try consumer.poll(timeout: 100, into: &messages, max: 100)
        }
        return messages
    }

    /// Polls for `seconds` and returns whatever arrived.
    static func drain(_ consumer: KafkaConsumer, for seconds: Double) throws -> [KafkaMessage] {
        try consume(consumer, count: .max, within: seconds)
    }

    /// Polls until the group has assigned partitions to `consumer`.
    static func waitForAssignment(_ consumer: KafkaConsumer, within seconds: Double) throws {
        var messages: [KafkaMessage] = []
        let deadline = Date(timeIntervalSinceNow: seconds)
        while consumer.assignment().isEmpty, Date() < deadline {
            try consumer.poll(timeout: 100, into: &messages, max: 100)
        }
        precondition(messages.isEmpty, "waitForAssignment is for empty topics")
    }

    /// What a finished foreign client printed.
    struct ProcessResult {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `/usr/bin/kcat` with `arguments`, writing `input` to its standard input; kills it
    /// after `seconds`.
    static func kcat(_ arguments: [String], input: String? = nil, timeout seconds: Double = 20) throws -> ProcessResult {
        try run("/usr/bin/kcat", arguments, input: input, timeout: seconds)
    }

    /// Runs a Python script with Debian's `/usr/bin/python3` (which has confluent_kafka).
    static func python(_ script: String, arguments: [String], timeout seconds: Double = 20) throws -> ProcessResult {
        try run("/usr/bin/python3", ["-c", script] + arguments, input: nil, timeout: seconds)
    }

    private static func run(
        _ executable: String,
        _ arguments: [String],
        input: String?,
        timeout seconds: Double
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("kafka-test-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        process.standardOutput = output
        process.standardError = errorHandle
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: watchdog)
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return ProcessResult(
            status: process.terminationStatus,
            output: String(decoding: printed, as: UTF8.self),
            errors: (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        )
    }
}
