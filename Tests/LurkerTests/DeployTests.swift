import Foundation
import RuleDSL
import Testing
import Yams

@testable import Lurker

/// Paths and tools for the checks of `deploy/` and the docs.
enum DeployFixture {
    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The built `lurker` executable, next to the test bundle.
    static let lurker = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("lurker")

    /// The text of a file of the repository, by its path from the root.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every YAML document of a file of the repository.
    static func documents(_ path: String) throws -> [Node] {
        Array(try Yams.compose_all(yaml: try text(path)))
    }

    /// The first YAML document of a file, as plain values (dictionaries, arrays, strings, numbers).
    static func yaml(_ path: String) throws -> [String: Any] {
        try #require(try Yams.load(yaml: try text(path)) as? [String: Any])
    }

    /// The path of an executable on `PATH`, or nil.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What a finished process printed, standard output and error apart.
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `executable` with `arguments` in `directory` (default the root) and `environment` (default a
    /// bare `PATH`), killed after 60 s.
    static func run(
        _ executable: String,
        _ arguments: [String],
        in directory: URL = root,
        environment: [String: String] = ["PATH": "/usr/local/bin:/usr/bin:/bin"]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("deploy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("out")
        let errorsURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorsURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let errors = try FileHandle(forWritingTo: errorsURL)
        defer {
            try? output.close()
            try? errors.close()
        }
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        return Result(
            status: process.terminationStatus,
            output: try String(contentsOf: outputURL, encoding: .utf8),
            errors: try String(contentsOf: errorsURL, encoding: .utf8)
        )
    }

    /// The metrics of `docs/metrics.md`'s table: name → (type, labels).
    static func documentedMetrics() throws -> [String: (type: String, labels: [String])] {
        var metrics: [String: (type: String, labels: [String])] = [:]
        for line in try text("docs/metrics.md").split(separator: "\n") where line.hasPrefix("| `lurker_") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let name = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let labels = cells[3].split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "` ")) }
            metrics[name] = (cells[2], labels)
        }
        return metrics
    }

    /// The metric names a PromQL expression refers to, histogram series (`_bucket`, `_sum`, `_count`) by
    /// their histogram's name when `histograms` has it.
    static func metricNames(in expression: String, histograms: Set<String>) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: "lurker_[a-z0-9_]+")
        let range = NSRange(expression.startIndex..., in: expression)
        return Set(pattern.matches(in: expression, range: range).map { match in
            let name = String(expression[Range(match.range, in: expression)!])
            for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
                let base = String(name.dropLast(suffix.count))
                if histograms.contains(base) { return base }
            }
            return name
        })
    }
}

@Suite struct DeployTests {
    /// Every YAML file of `deploy/`, so a new one is parsed too.
    static let yamlFiles: [String] = {
        let deploy = DeployFixture.root.appendingPathComponent("deploy")
        let files = FileManager.default.enumerator(atPath: deploy.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { "deploy/" + $0 }.sorted()
    }()

    @Test func deployHoldsTheExpectedYAMLFiles() {
        #expect(Self.yamlFiles == [
            "deploy/compose/compose.yaml",
            "deploy/compose/grafana/dashboards.yaml",
            "deploy/compose/grafana/datasources.yaml",
            "deploy/kubernetes/configmap-campaigns.yaml",
            "deploy/kubernetes/configmap-config.yaml",
            "deploy/kubernetes/deployment.yaml",
            "deploy/kubernetes/kustomization.yaml",
            "deploy/kubernetes/namespace.yaml",
            "deploy/kubernetes/poddisruptionbudget.yaml",
            "deploy/kubernetes/secret-example.yaml",
            "deploy/kubernetes/service.yaml",
            "deploy/lurker.yaml",
            "deploy/prometheus/alerts.test.yaml",
            "deploy/prometheus/alerts.yaml",
            "deploy/prometheus/prometheus.yml",
        ])
    }

    @Test(arguments: yamlFiles)
    func yamlFileParses(_ path: String) throws {
        let documents = try DeployFixture.documents(path)
        #expect(documents.count == 1)
        guard case .mapping = documents.first else {
            Issue.record("\(path): expected a mapping at the top")
            return
        }
    }

    // MARK: Prometheus

    /// promtool is required: the test fails without it (scripts/install-dependencies installs Debian's prometheus).
    static func promtool() throws -> String {
        try #require(DeployFixture.which("promtool"), "promtool not found: install Debian's prometheus package (scripts/install-dependencies)")
    }

    @Test func alertRulesPassPromtoolCheck() throws {
        let result = try DeployFixture.run(try Self.promtool(), ["check", "rules", "deploy/prometheus/alerts.yaml"])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output == "Checking deploy/prometheus/alerts.yaml\n  SUCCESS: 7 rules found\n\n")
    }

    @Test func alertRulesPassTheirUnitTests() throws {
        let result = try DeployFixture.run(
            try Self.promtool(), ["test", "rules", "alerts.test.yaml"],
            in: DeployFixture.root.appendingPathComponent("deploy/prometheus"))
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output == "Unit Testing:  alerts.test.yaml\n  SUCCESS\n\n")
    }

    @Test func prometheusConfigurationPassesPromtoolCheck() throws {
        let result = try DeployFixture.run(try Self.promtool(), ["check", "config", "deploy/prometheus/prometheus.yml"])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
    }

    /// The alerts the issue asks for, plus the instance being down.
    @Test func alertRulesCoverTheRequiredConditions() throws {
        let groups = try #require(try DeployFixture.yaml("deploy/prometheus/alerts.yaml")["groups"] as? [[String: Any]])
        let rules = groups.flatMap { ($0["rules"] as? [[String: Any]]) ?? [] }
        #expect(rules.compactMap { $0["alert"] as? String } == [
            "LurkerDown", "LurkerConsumerLagGrowing", "LurkerDeadLettersRising", "LurkerCampaignReloadFailing",
            "LurkerMatchRateCollapsed", "LurkerNoEventsConsumed", "LurkerProducerQueueNearFull",
        ])
        for rule in rules {
            #expect((rule["labels"] as? [String: Any])?["severity"] != nil, "\(rule["alert"] ?? "?") has no severity")
            #expect((rule["annotations"] as? [String: Any])?["summary"] != nil, "\(rule["alert"] ?? "?") has no summary")
        }
    }

    // MARK: Metrics contract

    /// The metrics docs/metrics.md must list, with their type and labels: the contract with the metrics code.
    @Test func metricsReferenceListsTheContract() throws {
        let documented = try DeployFixture.documentedMetrics()
        let contract: [(String, String, [String])] = [
            ("lurker_pipeline_events_total", "counter", ["topic"]),
            ("lurker_pipeline_deadletters_total", "counter", ["reason"]),
            ("lurker_engine_evaluations_total", "counter", ["campaign"]),
            ("lurker_engine_triggers_total", "counter", ["campaign"]),
            ("lurker_engine_decisions_total", "counter", ["campaign", "outcome"]),
            ("lurker_engine_offers_sent_total", "counter", ["campaign", "channel"]),
            ("lurker_pipeline_latency_seconds", "histogram", []),
            ("lurker_kafka_consumer_lag_messages", "gauge", ["topic", "partition"]),
            ("lurker_kafka_producer_queue_messages", "gauge", []),
            ("lurker_campaigns_reloads_total", "counter", ["result"]),
            ("lurker_campaigns_loaded", "gauge", []),
            ("lurker_state_customers", "gauge", []),
            ("lurker_state_timers_pending", "gauge", []),
            ("lurker_responses_total", "counter", ["campaign", "outcome"]),
        ]
        for (name, type, labels) in contract {
            #expect(documented[name]?.type == type, "\(name)")
            #expect(documented[name]?.labels == labels, "\(name)")
        }
        for (name, entry) in documented {
            #expect(entry.type != "counter" || name.hasSuffix("_total"), "counter \(name) must end in _total")
            #expect(!entry.labels.contains { ["customer", "id", "event"].contains($0) }, "\(name) has an unbounded label")
        }
    }

    @Test func dashboardParsesAndQueriesOnlyDocumentedMetrics() throws {
        let data = try Data(contentsOf: DeployFixture.root.appendingPathComponent("deploy/grafana/lurker.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(dashboard["uid"] as? String == "lurker")
        var expressions: [String] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, inner) in object {
                    if ["expr", "definition"].contains(key), let text = inner as? String { expressions.append(text) }
                    collect(inner)
                }
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(dashboard)
        let documented = try DeployFixture.documentedMetrics()
        let histograms = Set(documented.filter { $0.value.type == "histogram" }.keys)
        let used = expressions.reduce(into: Set<String>()) { $0.formUnion(DeployFixture.metricNames(in: $1, histograms: histograms)) }
        #expect(used.subtracting(documented.keys).sorted() == [])
        #expect(Set(documented.keys).subtracting(used).sorted() == [], "every documented metric has a panel")
    }

    @Test func alertRulesQueryOnlyDocumentedMetrics() throws {
        let documented = try DeployFixture.documentedMetrics()
        let histograms = Set(documented.filter { $0.value.type == "histogram" }.keys)
        let groups = try #require(try DeployFixture.yaml("deploy/prometheus/alerts.yaml")["groups"] as? [[String: Any]])
        let expressions = groups.flatMap { ($0["rules"] as? [[String: Any]]) ?? [] }.compactMap { $0["expr"] as? String }
        let used = expressions.reduce(into: Set<String>()) { $0.formUnion(DeployFixture.metricNames(in: $1, histograms: histograms)) }
        #expect(used.count == 7)
        #expect(used.subtracting(documented.keys).sorted() == [])
    }

    // MARK: systemd

    static let systemdAnalyze = DeployFixture.which("systemd-analyze")

    /// The unit with its `ExecStart` binary replaced by the one just built, so systemd checks a real executable.
    static func unitForVerification() throws -> URL {
        let unit = try DeployFixture.text("deploy/systemd/lurker.service")
        let binary = FileManager.default.isExecutableFile(atPath: DeployFixture.lurker.path) ? DeployFixture.lurker.path : "/bin/true"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("lurker.service")
        try unit.replacingOccurrences(of: "/usr/local/bin/lurker", with: binary).write(to: copy, atomically: true, encoding: .utf8)
        return copy
    }

    @Test(.enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed: the unit's syntax is not verified"))
    func systemdUnitPassesSystemdAnalyzeVerify() throws {
        let unit = try Self.unitForVerification()
        defer { try? FileManager.default.removeItem(at: unit.deletingLastPathComponent()) }
        let result = try DeployFixture.run(Self.systemdAnalyze!, ["verify", unit.path])
        #expect(result.status == 0)
        #expect(result.output + result.errors == "", "systemd-analyze verify reports problems")
    }

    @Test(.enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed: the unit's hardening is not scored"))
    func systemdUnitIsHardened() throws {
        let unit = try Self.unitForVerification()
        defer { try? FileManager.default.removeItem(at: unit.deletingLastPathComponent()) }
        let result = try DeployFixture.run(Self.systemdAnalyze!, ["security", "--offline=yes", "--threshold=20", unit.path])
        #expect(result.status == 0, "exposure above 2.0: \(result.output.split(separator: "\n").last ?? "")")
    }

    @Test func systemdUnitRestartsOnFailureAndReloadsOnSighup() throws {
        let lines = Set(try DeployFixture.text("deploy/systemd/lurker.service").split(separator: "\n").map(String.init))
        for line in [
            "ExecStart=/usr/local/bin/lurker run --config /etc/lurker/lurker.yaml",
            "ExecReload=/bin/kill -HUP $MAINPID",
            "EnvironmentFile=-/etc/lurker/lurker.env",
            "Restart=on-failure",
            "RestartPreventExitStatus=78",
            "DynamicUser=yes",
            "KillSignal=SIGTERM",
        ] {
            #expect(lines.contains(line), "missing \(line)")
        }
    }

    /// The variables the example environment file shows (commented out) are ones the loader knows.
    @Test func environmentFileExampleNamesKnownVariables() throws {
        var environment: [String: String] = [:]
        for line in try DeployFixture.text("deploy/systemd/lurker.env").split(separator: "\n") where line.hasPrefix("#LURKER_") {
            let pair = line.dropFirst().split(separator: "=", maxSplits: 1).map(String.init)
            environment[pair[0]] = pair[1]
        }
        #expect(environment.count == 4)
        let configuration = try ConfigurationFixture.load(environment: environment)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.daemon.metricsAddress == "0.0.0.0:9464")
    }

    // MARK: Configuration examples

    @Test func exampleConfigurationLoads() throws {
        let configuration = try ConfigurationFixture.load(
            file: try DeployFixture.text("deploy/lurker.yaml"),
            files: ["/etc/lurker/secrets/kafka-password": "hunter2\n"])
        #expect(configuration.daemon.campaignsPath == "/etc/lurker/campaigns")
        #expect(configuration.daemon.kafka["sasl.password"] == "hunter2")
        #expect(configuration.daemon.consumerKafka["session.timeout.ms"] == "45000")
        #expect(configuration.logFormat == .json)
    }

    // MARK: Kubernetes

    static func kubernetes(_ file: String) throws -> [String: Any] {
        try DeployFixture.yaml("deploy/kubernetes/" + file)
    }

    @Test func kustomizationListsEveryManifest() throws {
        let listed = try #require(try Self.kubernetes("kustomization.yaml")["resources"] as? [String])
        let present = Self.yamlFiles.filter { $0.hasPrefix("deploy/kubernetes/") && !$0.hasSuffix("kustomization.yaml") }
            .map { String($0.dropFirst("deploy/kubernetes/".count)) }
        #expect(listed.sorted() == present)
        let kinds = try listed.map { try Self.kubernetes($0)["kind"] as? String ?? "?" }.sorted()
        #expect(kinds == ["ConfigMap", "ConfigMap", "Deployment", "Namespace", "PodDisruptionBudget", "Secret", "Service"])
    }

    @Test func deploymentProbesHealthAndReadinessOnTheMetricsPort() throws {
        let deployment = try Self.kubernetes("deployment.yaml")
        let template = try #require((deployment["spec"] as? [String: Any])?["template"] as? [String: Any])
        let container = try #require(((template["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.first)
        func probe(_ name: String) -> (path: String?, port: String?) {
            let get = (container[name] as? [String: Any])?["httpGet"] as? [String: Any]
            return (get?["path"] as? String, get?["port"] as? String)
        }
        #expect(probe("livenessProbe").path == "/healthz")
        #expect(probe("livenessProbe").port == "metrics")
        #expect(probe("readinessProbe").path == "/readyz")
        #expect(probe("readinessProbe").port == "metrics")
        let ports = try #require(container["ports"] as? [[String: Any]])
        #expect(ports.first?["name"] as? String == "metrics")
        #expect(ports.first?["containerPort"] as? Int == 9464)
        let resources = try #require(container["resources"] as? [String: Any])
        #expect((resources["requests"] as? [String: Any])?.keys.sorted() == ["cpu", "memory"])
        #expect((resources["limits"] as? [String: Any])?.keys.sorted() == ["cpu", "memory"])
        let mounts = (container["volumeMounts"] as? [[String: Any]])?.compactMap { $0["mountPath"] as? String }
        #expect(mounts == ["/etc/lurker/lurker.yaml", "/etc/lurker/campaigns", "/etc/lurker/secrets"])
    }

    /// The configuration of the ConfigMap loads, and listens where the probes look.
    @Test func kubernetesConfigurationLoadsAndListensOnTheProbedPort() throws {
        let data = try #require(try Self.kubernetes("configmap-config.yaml")["data"] as? [String: String])
        let text: String = try #require(data["lurker.yaml"])
        let configuration = try ConfigurationFixture.load(
            file: text,
            files: ["/etc/lurker/secrets/sasl.password": "hunter2"])
        #expect(configuration.daemon.metricsAddress == "0.0.0.0:9464")
        #expect(configuration.daemon.campaignsPath == "/etc/lurker/campaigns")
        #expect(configuration.daemon.kafka["sasl.password"] == "hunter2")
        let secret = try #require(try Self.kubernetes("secret-example.yaml")["stringData"] as? [String: String])
        #expect(secret.keys.sorted() == ["sasl.password"])
    }

    @Test func kubernetesCampaignsCheckWithoutErrors() throws {
        let data = try #require(try Self.kubernetes("configmap-campaigns.yaml")["data"] as? [String: String])
        #expect(data.keys.sorted() == ["callcenter.lurk"])
        let sources = data.map { SourceFile(path: $0.key, text: $0.value) }
        let result = CampaignChecker.check(sources, now: 0)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        #expect(result.campaigns.count == 6)
    }

    // MARK: Compose and container

    @Test func composeRunsKafkaInKRaftModeAndCreatesCoPartitionedTopics() throws {
        let services = try #require(try DeployFixture.yaml("deploy/compose/compose.yaml")["services"] as? [String: Any])
        #expect(services.keys.sorted() == ["grafana", "kafka", "lurker", "prometheus", "topics"])
        let kafka = try #require(services["kafka"] as? [String: Any])
        #expect((kafka["image"] as? String)?.hasPrefix("apache/kafka:") == true)
        #expect((kafka["environment"] as? [String: Any])?["KAFKA_PROCESS_ROLES"] as? String == "broker,controller")
        let topics = try #require(services["topics"] as? [String: Any])
        let script = try #require((topics["command"] as? [String])?.first)
        #expect(script.contains("create --topic events --partitions 6 "))
        #expect(script.contains("create --topic profiles --partitions 6 --config cleanup.policy=compact"))
        let lurker = try #require(services["lurker"] as? [String: Any])
        #expect((lurker["build"] as? [String: Any])?["dockerfile"] as? String == "deploy/Containerfile")
        let dependency = (lurker["depends_on"] as? [String: Any])?["topics"] as? [String: Any]
        #expect(dependency?["condition"] as? String == "service_completed_successfully")
        #expect(lurker["volumes"] as? [String] == ["../../campaigns:/etc/lurker/campaigns:ro"])
        let environment = try #require(lurker["environment"] as? [String: String])
        let configuration = try ConfigurationFixture.load(environment: environment)
        #expect(configuration.daemon.kafka.bootstrapServers == "kafka:9092")
    }

    @Test func containerfileBuildsWithLibrdkafkaDevAndRunsWithLibrdkafka1AsNonRoot() throws {
        let lines = try DeployFixture.text("deploy/Containerfile").split(separator: "\n").map(String.init)
        let froms = lines.filter { $0.hasPrefix("FROM ") }
        #expect(froms == ["FROM swift:6.1-bookworm AS builder", "FROM debian:bookworm-slim"])
        let builder = lines.prefix { $0 != froms[1] }.joined(separator: "\n")
        let runtime = lines.drop { $0 != froms[1] }.joined(separator: "\n")
        #expect(builder.contains("librdkafka-dev"))
        #expect(runtime.contains("librdkafka1"))
        #expect(!runtime.contains("librdkafka-dev"))
        #expect(lines.contains("USER 10001:10001"))
        #expect(lines.contains("ENTRYPOINT [\"/usr/local/bin/lurker\"]"))
    }
}
