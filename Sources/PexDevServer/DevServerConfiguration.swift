public import PexMock
public import PexProxy

/// Everything `pexdev serve` needs to know, already validated by the CLI.
public struct DevServerConfiguration: Sendable {
    /// The path the user gave (a `webapp2/` folder, a folder containing one, or "." for the current directory).
    public var brandingPath: String
    public var host: String
    public var port: Int
    /// Extra Host header names accepted besides the loopback names (DNS-rebinding defence).
    public var allowedHosts: [String]
    /// Serve files whose real path leaves the branding root through a symlink.
    public var followSymlinks: Bool
    /// Event-loop threads; nil means one per CPU this process may use.
    public var threads: Int?
    /// Connection limit; over it new connections get 503.
    public var maxConnections: Int
    /// One log line per request (`--verbose`).
    public var accessLog: Bool = false
    /// The mock node's conferences (`--scenario FILE`, else the built-in `meet`).
    public var scenario: MockScenario = .standard
    /// Production's rule: reload nothing until brandingID changes (`--strict-branding`).
    public var strictBranding = false
    /// Rewrite manifest.json's brandingID on every change (`--bump-branding-id`).
    public var bumpBrandingID = false
    /// Poll the tree every N ms instead of using inotify (`--poll`); nil: inotify when available.
    public var pollMilliseconds: Int?
    /// Serve the shell from the Public/ folder on disk instead of the copy compiled in (for working on it).
    public var devShell = false
    /// The Content-Security-Policy headers sent on the shell and the branding files (`--csp`, `--proxy-csp`).
    public var csp = CSPSettings()
    /// Node mode (`--node`): `/api/client/` (and with `--real-app` the app) proxied to a real node instead of
    /// answered by the mock.
    public var proxy: ProxyConfiguration?
    /// Where the scenario came from, for the banner ("built-in" or the file's path).
    public var scenarioSource = "built-in"

    public init(
        brandingPath: String = ".", host: String = "127.0.0.1", port: Int = 8080, allowedHosts: [String] = [],
        followSymlinks: Bool = false, threads: Int? = nil, maxConnections: Int = 1024
    ) {
        self.brandingPath = brandingPath
        self.host = host
        self.port = port
        self.allowedHosts = allowedHosts
        self.followSymlinks = followSymlinks
        self.threads = threads
        self.maxConnections = maxConnections
    }
}
