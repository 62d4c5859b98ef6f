import Foundation
import Testing

/// `lurker broker`, run as the built executable next to the test bundle.
@Suite struct EmbeddedBrokerCommandTests {
    private static let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        .deletingLastPathComponent()
        .appendingPathComponent("lurker")

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func printsBootstrapServersThenExitsCleanlyOnSigterm() async throws {
        let (line, partitions, status) = try await KafkaFixture.blocking {
            let process = Process()
            process.executableURL = Self.executable
            process.arguments = ["broker", "--partitions", "2"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let pid = process.processIdentifier
            let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
            DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: watchdog)
            defer { watchdog.cancel() }

            var printed = Data()
            while !printed.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                printed += chunk
            }
            let line = String(decoding: printed, as: UTF8.self)
            let servers = line.hasPrefix("bootstrap.servers=") ? String(line.dropFirst(18).dropLast()) : ""
            let listing = try KafkaFixture.kcat(["-L", "-J", "-b", servers, "-t", "events"])
            let metadata = try? JSONSerialization.jsonObject(with: Data(listing.output.utf8)) as? [String: Any]
            let topic = (metadata?["topics"] as? [[String: Any]])?.first
            kill(pid, SIGTERM)
            process.waitUntilExit()
            return (line, (topic?["partitions"] as? [Any])?.count, process.terminationStatus)
        }
        #expect(line.hasPrefix("bootstrap.servers=127.0.0.1:") && line.hasSuffix("\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(partitions == 2)
        #expect(status == 0)
    }
}
