import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The HTTP endpoint of the daemon, a service of its group: `/metrics` (Prometheus text), `/healthz` (200
/// while the process runs), `/readyz` (200 when ready, else 503 with the reason), `/campaigns` (the live
/// campaign view as JSON) and `/` (the campaign page).
///
/// Handlers read only the metrics registry and the ``DaemonStatus``, never the engine.
public struct MetricsServer: Service {
    private let address: String
    private let metrics: DaemonMetrics
    private let status: DaemonStatus
    private let logger: Logger
    private let fallsBackToAnyPort: Bool

    /// Creates the endpoint.
    ///
    /// - Parameters:
    ///   - address: `HOST:PORT` to listen on (``DaemonConfiguration/metricsAddress``); port 0 takes any free
    ///     port. The bound address is published in ``DaemonStatus/address``.
    ///   - fallsBackToAnyPort: Whether to listen on any free port of the host when the port is taken
    ///     (the demo); default false: the service fails.
    public init(address: String, metrics: DaemonMetrics, status: DaemonStatus, logger: Logger, fallsBackToAnyPort: Bool = false) {
        self.address = address
        self.metrics = metrics
        self.status = status
        self.logger = logger
        self.fallsBackToAnyPort = fallsBackToAnyPort
    }

    /// The host and port of `HOST:PORT` (``ConfigurationSetting/Kind/address``), nil when it is not one: the host
    /// a name or an IPv4 address without whitespace or `:`, or a bracketed IPv6 address (`[::1]:9464` gives
    /// `::1`); the port 0 to 65535.
    static func hostAndPort(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":") else { return nil }
        let host = address[..<colon]
        let port = address[address.index(after: colon)...]
        guard let number = Int(port), (0...65_535).contains(number), port.allSatisfy(\.isASCII) else { return nil }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { return nil }
            return (String(host.dropFirst().dropLast()), number)
        }
        guard !host.isEmpty, !host.contains(":"), !host.contains(where: \.isWhitespace) else { return nil }
        return (String(host), number)
    }

    public func run() async throws {
        guard let (host, port) = Self.hostAndPort(address) else {
            throw LurkerError(.invalidConfiguration, "the metrics address '\(address)' is not HOST:PORT")
        }
        do {
            try await serve(host: host, port: port)
        } catch where fallsBackToAnyPort && port != 0 && status.address == nil {
            logger.notice("port \(port) is taken: listening on any free port", metadata: [LogKey.address: "\(address)"])
            try await serve(host: host, port: 0)
        }
    }

    private func serve(host: String, port: Int) async throws {
        let status = status
        let logger = logger
        let application = Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                let address = host.contains(":") ? "[\(host)]:\(bound)" : "\(host):\(bound)"
                status.setAddress(address)
                logger.info("HTTP endpoint listening", metadata: [LogKey.address: "\(address)"])
            },
            logger: logger
        )
        defer { status.setAddress(nil) }
        try await application.run()
    }

    private func makeRouter() -> Router<BasicRequestContext> {
        let metrics = metrics
        let status = status
        let router = Router()
        router.get("/metrics") { _, _ in
            Self.response(.ok, "text/plain; version=0.0.4; charset=utf-8", Array(metrics.exposition().utf8))
        }
        router.get("/healthz") { _, _ in
            Self.response(.ok, "text/plain; charset=utf-8", Array("ok\n".utf8))
        }
        router.get("/readyz") { _, _ in
            guard let reason = status.notReadyReason else {
                return Self.response(.ok, "text/plain; charset=utf-8", Array("ready\n".utf8))
            }
            return Self.response(.serviceUnavailable, "text/plain; charset=utf-8", Array("not ready: \(reason)\n".utf8))
        }
        router.get("/campaigns") { _, _ in
            Self.response(.ok, "application/json", status.campaignsJSON())
        }
        router.get("/") { _, _ in
            Self.response(.ok, "text/html; charset=utf-8", Array(CampaignPage.html(campaigns: status.campaignsJSON()).utf8))
        }
        return router
    }

    private static func response(_ status: HTTPResponse.Status, _ contentType: String, _ body: [UInt8]) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
