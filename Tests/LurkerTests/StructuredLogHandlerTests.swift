import Logging
import Synchronization
import Testing

@testable import Lurker

@Suite struct StructuredLogHandlerTests {
    /// A logger whose lines go to `lines`, at 2026-11-24T10:15:00.123Z.
    static func logger(_ format: LogFormat, _ lines: LineCollector, level: Logger.Level = .info) -> Logger {
        Logger(label: "lurker") { label in
            StructuredLogHandler(label: label, format: format, level: level, clock: { 1_795_515_300_123 }, sink: { lines.append($0) })
        }
    }

    @Test func logfmtLineHasFixedKeysThenSortedMetadata() {
        let lines = LineCollector()
        let logger = Self.logger(.logfmt, lines)
        logger.info("partitions assigned", metadata: ["kafka.topic": "events", "kafka.partition": "3", "lurker.campaign": "cart_rescue"])
        #expect(lines.lines == [
            "ts=2026-11-24T10:15:00.123Z level=info logger=lurker msg=\"partitions assigned\" kafka.partition=3"
                + " kafka.topic=events lurker.campaign=cart_rescue"
        ])
    }

    @Test func jsonLineHasTheSameKeys() {
        let lines = LineCollector()
        let logger = Self.logger(.json, lines)
        logger.warning("delivery failed: \"timed out\"", metadata: ["kafka.topic": "offers.web", "kafka.partitions": ["0", "1"]])
        #expect(lines.lines == [
            #"{"ts":"2026-11-24T10:15:00.123Z","level":"warning","logger":"lurker","msg":"delivery failed: \"timed out\"","#
                + #""kafka.partitions":["0","1"],"kafka.topic":"offers.web"}"#
        ])
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("", "\"\""),
        ("two words", "\"two words\""),
        ("a=b", "\"a=b\""),
        ("say \"hi\"", #""say \"hi\"""#),
        ("back\\slash", #""back\\slash""#),
        ("line\nbreak\ttab", #""line\nbreak\ttab""#),
        ("unicode é", "\"unicode é\""),
        ("é", "é"),
    ])
    func logfmtQuotesAndEscapesValues(value: String, written: String) {
        let lines = LineCollector()
        Self.logger(.logfmt, lines).info("m", metadata: ["v": "\(value)"])
        #expect(lines.lines == ["ts=2026-11-24T10:15:00.123Z level=info logger=lurker msg=m v=\(written)"])
    }

    @Test func nestedMetadataIsFlattenedWithDotsAndKeysAreSanitised() {
        let lines = LineCollector()
        var logger = Self.logger(.logfmt, lines)
        logger[metadataKey: "lurker.instance"] = "a"
        logger.error("m", metadata: ["kafka": ["topic": "events", "partition": "1"], "bad key=": "x", "lurker.instance": "b"])
        #expect(lines.lines == [
            "ts=2026-11-24T10:15:00.123Z level=error logger=lurker msg=m bad_key_=x kafka.partition=1 kafka.topic=events lurker.instance=b"
        ])
    }

    @Test func recordsBelowTheLevelAreNotWritten() {
        let lines = LineCollector()
        let logger = Self.logger(.logfmt, lines, level: .notice)
        logger.info("hidden")
        logger.debug("hidden")
        logger.notice("shown")
        #expect(lines.lines == ["ts=2026-11-24T10:15:00.123Z level=notice logger=lurker msg=shown"])
    }

    @Test func metadataProviderAddsToEveryRecord() {
        let lines = LineCollector()
        let provider = Logger.MetadataProvider { ["lurker.instance": "i-1"] }
        let logger = Logger(label: "lurker.kafka.consumer") { label in
            StructuredLogHandler(label: label, format: .json, metadataProvider: provider, clock: { 0 }, sink: { lines.append($0) })
        }
        logger.info("m")
        #expect(lines.lines == [
            #"{"ts":"1970-01-01T00:00:00.000Z","level":"info","logger":"lurker.kafka.consumer","msg":"m","lurker.instance":"i-1"}"#
        ])
    }
}

/// Collects the lines a ``StructuredLogHandler`` writes, for exact assertions.
final class LineCollector: Sendable {
    private let collected = Mutex<[String]>([])

    /// Appends one line.
    func append(_ line: String) {
        collected.withLock { $0.append(line) }
    }

    /// Every line so far.
    var lines: [String] {
        collected.withLock { $0 }
    }
}
