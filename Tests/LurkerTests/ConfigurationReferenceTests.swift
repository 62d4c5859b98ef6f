import Testing

@testable import Lurker

/// The configuration reference of docs/running-in-production.md is the model's: it cannot drift.
@Suite struct ConfigurationReferenceTests {
    /// The reference table as the model gives it.
    static var table: String {
        var rows = [
            "| key | environment variable | flag | default | meaning |",
            "| --- | --- | --- | --- | --- |",
            "| | `LURKER_CONFIG` | `--config PATH` | none | The YAML configuration file. |",
        ]
        for setting in ConfigurationSetting.all {
            let shown = setting.defaultValue.description
            var meaning = setting.summary
            switch setting.kind {
            case .choice(let words): meaning += " One of " + words.map { "`\($0)`" }.joined(separator: ", ") + "."
            case .integer(let minimum): meaning += " At least \(minimum)."
            case .list: meaning += " A YAML list in the file."
            case .address, .string: break
            }
            rows.append(
                "| `\(setting.key)` | `\(setting.environmentVariable)` | `--\(setting.flag) \(setting.valueName)` "
                    + "| `\(shown.isEmpty ? "''" : shown)` | \(meaning) |")
        }
        rows.append(
            "| `kafka.<property>` | `LURKER_KAFKA_<PROPERTY>` | `-X <property>=<value>` | none "
                + "| Any librdkafka property, for the consumer and the producer. |")
        rows.append(
            "| `kafka_consumer.<property>` | `LURKER_KAFKA_CONSUMER_<PROPERTY>` | none | none "
                + "| A librdkafka property for the consumer only, over `kafka`. |")
        return rows.joined(separator: "\n")
    }

    @Test func runningInProductionHoldsTheReferenceOfTheModel() throws {
        let document = try DeployFixture.text("docs/running-in-production.md")
        let start = "<!-- configuration-reference: generated from ConfigurationSetting.all; ConfigurationReferenceTests checks it -->\n"
        let end = "\n<!-- end of configuration-reference -->"
        let between = document.components(separatedBy: start).dropFirst().first?.components(separatedBy: end).first
        #expect(between == Self.table, "replace the table of docs/running-in-production.md with:\n\(Self.table)")
    }

    /// Every environment variable the document names is one the loader accepts, but for two deliberate examples.
    @Test func variablesNamedInTheDocumentAreKnown() throws {
        let document = try DeployFixture.text("docs/running-in-production.md")
        var names = Set<String>()
        var rest = Substring(document)
        while let range = rest.range(of: "LURKER_") {
            let name = rest[range.lowerBound...].prefix { $0.isUppercase || $0.isNumber || $0 == "_" }
            names.insert(String(name))
            rest = rest[range.upperBound...]
        }
        let known = Set(ConfigurationSetting.all.map(\.environmentVariable) + ["LURKER_CONFIG"])
        let unknown = names.filter { name in
            !known.contains(name) && !known.contains(name.droppingSuffix("_FILE") ?? "") && !name.hasPrefix("LURKER_KAFKA_")
                && name != "LURKER_"
        }
        // A typo in the example of errors, and the placeholder of the secrets section.
        #expect(unknown.sorted() == ["LURKER_BOOTSTRAP_SERVER", "LURKER_X", "LURKER_X_FILE"])
        #expect(names.count > 10)
    }
}
