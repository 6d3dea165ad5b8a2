public import PexBranding
public import PexHTTP
public import PexMock
public import PexProxy
import PexSockets

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A failure to start serving, worded for the terminal (`error: <description>`), with an optional hint line.
public struct DevServerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public let hint: String?
    public init(_ description: String, hint: String? = nil) {
        self.description = description
        self.hint = hint
    }
}

/// The `pexdev serve` composition: the branding tree at `/webapp2/custom_configuration/`, the shell at
/// `/webapp2/`, dev endpoints under `/__pexdev/`, all on our own HTTP server.
public final class DevServer: Sendable {
    public static let version = "0.1.0"
    public static let brandingMount = "/webapp2/custom_configuration/"
    public static let appMount = "/webapp2/"

    public let configuration: DevServerConfiguration
    public let branding: BrandingRoot
    private let server: HTTPServer
    private let monitor: BrandingMonitor
    private let log: any LogSink
    private let cspReports: CSPReportCollector
    /// The built-in Infinity node answering `/api/client/v2/…` (idle in node mode).
    public let mock: MockService
    /// Node mode's proxy, nil with the mock.
    public let proxy: NodeProxy?
    /// Where pexdev's client is served for the node's real app to load.
    public static let nodeAppClientPath = "/__pexdev/node-app.js"

    /// Locates the branding tree and binds the port; throws a user-facing error if either fails.
    public init(configuration: DevServerConfiguration, log: any LogSink) throws(DevServerError) {
        self.configuration = configuration
        self.log = log
        do {
            branding = try BrandingLocator.locate(
                configuration.brandingPath, currentDirectory: FileManager.default.currentDirectoryPath)
        } catch {
            throw DevServerError(error.description, hint: error.hint)
        }
        let shell: any HTTPHandler
        if configuration.devShell {
            guard let publicDirectory = PublicDirectory.locate() else {
                throw DevServerError(
                    "--dev-shell: cannot find the Public/ folder of a pexdev checkout",
                    hint: "run from the checkout, or set PEXDEV_PUBLIC_DIR to its Public/ folder")
            }
            shell = StaticFileHandler(
                root: publicDirectory, mountPath: Self.appMount, label: "pexdev shell", singlePageFallback: true)
        } else {
            shell = MemoryFileHandler(
                files: EmbeddedShellFiles.files.mapValues { Array($0.utf8) }, mountPath: Self.appMount,
                singlePageFallback: true)
        }
        var http = HTTPServerConfiguration()
        http.host = configuration.host
        http.port = configuration.port
        http.threads = configuration.threads
        http.maxConnections = configuration.maxConnections
        http.accessLog = configuration.accessLog
        http.hosts = HostAllowList(extra: configuration.allowedHosts, bindAddress: configuration.host)
        monitor = BrandingMonitor(
            root: branding, log: log, strict: configuration.strictBranding,
            bumpBrandingID: configuration.bumpBrandingID, pollMilliseconds: configuration.pollMilliseconds,
            policies: configuration.csp.policies)
        let monitor = monitor
        cspReports = CSPReportCollector(
            settings: configuration.csp, log: log, hub: monitor.hub, model: { monitor.current.model })
        mock = MockService(node: configuration.scenario.makeNode(now: SystemMockClock().now()), log: log)
        if var proxyConfiguration = configuration.proxy {
            if proxyConfiguration.realApp {
                proxyConfiguration.htmlInjection = "<script type=\"module\" src=\"\(Self.nodeAppClientPath)\"></script>"
            }
            do {
                proxy = try NodeProxy(configuration: proxyConfiguration, log: log)
            } catch {
                throw DevServerError(error.description, hint: error.hint)
            }
        } else {
            proxy = nil
        }
        // --real-app: the node's own Webapp2 (with its own CSP) instead of the shell.
        let app: any HTTPHandler = proxy.map { $0.configuration.realApp ? $0 : shell } ?? shell
        var router = Self.routes(
            branding: branding, app: app, appSendsOwnPolicy: proxy?.configuration.realApp == true,
            configuration: configuration)
        router.add(
            exactly: "/__pexdev/diagnostics",
            DiagnosticsHandler(monitor: monitor, csp: cspReports, node: configuration.proxy.map(NodeStatus.init)))
        router.add(exactly: ContentSecurityPolicy.reportPath, CSPReportHandler(collector: cspReports))
        router.add(exactly: "/__pexdev/events", DevEventsHandler(hub: monitor.hub))
        if let proxy {
            router.add(prefix: NodeProxy.apiMount, proxy)
            if proxy.configuration.realApp {
                for name in NodeAppClientHandler.files {
                    router.add(exactly: "/__pexdev/\(name)", NodeAppClientHandler())
                }
            }
        } else {
            MockServer.addRoutes(to: &router, service: mock)
        }
        do {
            server = try HTTPServer(configuration: http, handler: router, log: log)
        } catch {
            throw DevServerError(error.description)
        }
    }

    static func routes(
        branding: BrandingRoot, app: any HTTPHandler, appSendsOwnPolicy: Bool, configuration: DevServerConfiguration
    ) -> Router {
        var router = Router()
        router.add(exactly: "/", RedirectHandler(to: appMount))
        router.add(exactly: "/webapp2", RedirectHandler(to: appMount))
        router.add(exactly: String(brandingMount.dropLast()), RedirectHandler(to: brandingMount))
        // The node sends its CSP on the app and on every branding file; so does pexdev (spec §9).
        let headers = configuration.csp.headers
        func withCSP(_ handler: any HTTPHandler) -> any HTTPHandler {
            headers.isEmpty ? handler : HeaderAddingHandler(handler, headers: headers)
        }
        if let archive = branding.archive {
            router.add(prefix: brandingMount, withCSP(ArchiveFileHandler(archive: archive, mountPath: brandingMount)))
        } else {
            router.add(
                prefix: brandingMount,
                withCSP(
                    StaticFileHandler(
                        root: branding.directory, mountPath: brandingMount, label: "branding tree",
                        followSymlinks: configuration.followSymlinks)))
        }
        router.add(prefix: appMount, appSendsOwnPolicy ? app : withCSP(app))
        router.add(exactly: "/__pexdev/health", HealthHandler())
        return router
    }

    /// The port actually bound.
    public var port: Int { server.port }

    /// The start banner: what is served, then one indented line per URL.
    public var bannerLines: [String] {
        var what = "pexdev \(Self.version) serving branding \"\(branding.displayName)\""
        if let manifest = branding.manifest {
            if let id = manifest.brandingID {
                what += " (manifest brandingID \(id))"
            } else {
                what += manifest.problem == nil ? " (manifest has no brandingID)" : " (manifest.json has problems)"
            }
        } else {
            what += " (no manifest.json)"
        }
        let base = "http://\(urlHost):\(port)"
        let conference = configuration.scenario.conferences.first?.primaryAlias ?? "meet"
        var lines = [
            what,
            "  app       \(base)\(Self.appMount)?conference=\(conference)&name=Dev",
            "  branding  \(base)\(Self.brandingMount)",
            branding.archive.map { "  archive   \($0.path) (read-only, \($0.files.count) files)" }
                ?? "  folder    \(branding.directory)",
            "  reload    \(monitor.mode) (\(Self.reloadDescription(monitor.mode)))",
            "  csp       \(configuration.csp.summary)",
            nodeLine(base: base),
        ]
        if let proxy, proxy.configuration.realApp {
            lines.append("  real app  \(proxy.node.origin)/webapp2/, with this branding in place of the node's")
        }
        return lines
    }

    private func nodeLine(base: String) -> String {
        guard let proxy else {
            return
                "  mock node \(base)\(MockAPIHandler.mount)conferences/…  (\(MockServer.describe(configuration.scenario, source: configuration.scenarioSource)))"
        }
        let tls =
            proxy.node.scheme == .http
            ? "plain HTTP" : proxy.configuration.insecure ? "TLS NOT VERIFIED (--insecure)" : "TLS verified"
        return "  node      \(base)\(NodeProxy.apiMount)… → \(proxy.node.origin)\(NodeProxy.apiMount)…  (\(tls))"
    }

    static func reloadDescription(_ mode: String) -> String {
        switch mode {
        case "strict": return "nothing reloads until brandingID changes"
        case "off": return "a read-only archive does not change"
        default: return "every save reloads; the shell says what production would do"
        }
    }

    /// The host as it goes in a URL: names as given, IPv6 literals in brackets, wildcard binds as loopback.
    private var urlHost: String {
        let host = configuration.host
        if host == "0.0.0.0" { return "127.0.0.1" }
        if host == "::" || host == "[::]" { return "[::1]" }
        if host.contains(":") && !host.hasPrefix("[") { return "[\(host)]" }
        return host
    }

    /// Warnings about how pexdev runs, printed at start; problems in the tree come from the checker.
    public var startWarnings: [String] {
        var out: [String] = []
        if let proxy, proxy.configuration.insecure, proxy.node.scheme == .https {
            out.append(
                "--insecure: the certificate of \(proxy.node.endpoint) is not checked, so anyone on the way can read "
                    + "and change the traffic, tokens and PINs included; use --ca-file for a private CA instead")
        }
        if !Self.isLoopback(configuration.host) {
            out.append(
                "listening on \(configuration.host), not loopback: anyone who can reach this machine on port \(port) "
                    + "can read the branding tree (use the default --host 127.0.0.1 unless you need this)")
        }
        return out
    }

    static func isLoopback(_ host: String) -> Bool {
        var name = Substring(host.lowercased())
        while let first = name.first, first == "[" || first == "]" { name.removeFirst() }
        while let last = name.last, last == "[" || last == "]" { name.removeLast() }
        return name == "localhost" || name == "::1" || name.hasPrefix("127.")
    }

    /// Starts serving; returns at once.
    public func start() throws(DevServerError) {
        do {
            try server.start()
        } catch {
            throw DevServerError(error.description)
        }
        for warning in startWarnings { log.log(.warning, warning) }
        monitor.start()
    }

    /// Stops accepting, finishes open requests for up to `graceMilliseconds`, then closes everything.
    public func stop(graceMilliseconds: UInt64 = 2000) {
        monitor.stop()
        mock.shutdown()
        proxy?.stop()
        server.stop(graceMilliseconds: graceMilliseconds)
    }
}

/// `/__pexdev/node-app.js` and the module it imports: what `--real-app` adds to the node's Webapp2 pages (reload
/// on change, CSP reports). Under /__pexdev/ because /webapp2/ is the node's app then.
struct NodeAppClientHandler: HTTPResponding {
    static let files = ["node-app.js", "csp-report-body.js"]

    func respond(to request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        let name = String(request.path.dropFirst("/__pexdev/".count))
        guard let script = EmbeddedShellFiles.files[name] else {
            throw HTTPError(.notFound, "this pexdev was built without \(name)")
        }
        var response = HTTPResponse(body: Array(script.utf8))
        response.headers.add("Content-Type", "text/javascript; charset=utf-8")
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}

/// `/__pexdev/health`: liveness for containers and scripts.
struct HealthHandler: HTTPResponding {
    func respond(to request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            throw HTTPError(.methodNotAllowed, "health is read-only (GET)", headers: [("Allow", "GET, HEAD")])
        }
        var response = HTTPResponse(body: Array("{\"status\":\"ok\"}\n".utf8))
        response.headers.add("Content-Type", "application/json; charset=utf-8")
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
