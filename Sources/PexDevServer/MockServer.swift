public import PexHTTP
public import PexMock

/// `pexdev mock`: the mock Infinity node alone on its own port, for another client or a compose stack.
/// `serve` mounts the same routes next to the branding tree.
public final class MockServer: Sendable {
    public let service: MockService
    private let server: HTTPServer
    private let configuration: Configuration
    private let log: any LogSink

    /// What `pexdev mock` was asked for.
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        public var port = 8081
        public var allowedHosts: [String] = []
        public var accessLog = false
        public var scenario = MockScenario.standard
        public var scenarioSource = "built-in"
        public init() {}
    }

    public init(configuration: Configuration, log: any LogSink) throws(DevServerError) {
        self.configuration = configuration
        self.log = log
        service = MockService(node: configuration.scenario.makeNode(now: SystemMockClock().now()), log: log)
        var http = HTTPServerConfiguration()
        http.host = configuration.host
        http.port = configuration.port
        http.accessLog = configuration.accessLog
        http.hosts = HostAllowList(extra: configuration.allowedHosts, bindAddress: configuration.host)
        var router = Router()
        Self.addRoutes(to: &router, service: service)
        router.add(exactly: "/__pexdev/health", HealthHandler())
        do {
            server = try HTTPServer(configuration: http, handler: router, log: log)
        } catch {
            throw DevServerError(error.description)
        }
    }

    /// The mock's routes, shared with `serve`.
    public static func addRoutes(to router: inout Router, service: MockService) {
        router.add(prefix: MockAPIHandler.mount, MockAPIHandler(service: service))
        router.add(prefix: MockControlHandler.mount, MockControlHandler(service: service))
    }

    /// "built-in scenario: meet, meet.alice" — for banners.
    public static func describe(_ scenario: MockScenario, source: String) -> String {
        let aliases = scenario.conferences.flatMap(\.aliases).joined(separator: ", ")
        return "\(source) scenario: \(aliases)"
    }

    public var port: Int { server.port }

    public var bannerLines: [String] {
        let host = configuration.host == "0.0.0.0" ? "127.0.0.1" : configuration.host
        let base = "http://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host):\(port)"
        var lines = [
            "pexdev \(DevServer.version) mock Infinity node (\(Self.describe(configuration.scenario, source: configuration.scenarioSource)))"
        ]
        lines.append("  api       \(base)\(MockAPIHandler.mount)conferences/<alias>/…")
        lines.append("  openapi   \(base)\(MockAPIHandler.mount)openapi.json")
        lines.append("  control   \(base)\(MockControlHandler.mount)conferences")
        return lines
    }

    public func start() throws(DevServerError) {
        do {
            try server.start()
        } catch {
            throw DevServerError(error.description)
        }
        if !DevServer.isLoopback(configuration.host) {
            log.log(
                .warning,
                "listening on \(configuration.host), not loopback: anyone who can reach this machine on port \(port) can join the mock's conferences"
            )
        }
    }

    public func stop(graceMilliseconds: UInt64 = 2000) {
        service.shutdown()
        server.stop(graceMilliseconds: graceMilliseconds)
    }
}
