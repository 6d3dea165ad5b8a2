import PexDevServer
import PexProxy

/// `pexdev serve`'s settings once flags, environment and defaults are combined and checked.
struct ServeOptions: Sendable, Equatable {
    var brandingPath = "."
    var host = ServeCommand.defaultHost
    var port = ServeCommand.defaultPort
    var allowedHosts: [String] = []
    var followSymlinks = false
    /// `--scenario`: the mock node's scenario file; nil for the built-in one.
    var scenarioPath: String?
    var devShell = false
    var strictBranding = false
    var bumpBrandingID = false
    var pollMilliseconds: Int?
    var verbosity = Verbosity.normal
    /// `--csp`, `--csp-report-only`, `--proxy-csp`.
    var csp = CSPSettings()
    /// `--node` and its companions; nil for the built-in mock.
    var proxy: ProxyConfiguration?

    var configuration: DevServerConfiguration {
        var configuration = DevServerConfiguration(
            brandingPath: brandingPath, host: host, port: port, allowedHosts: allowedHosts,
            followSymlinks: followSymlinks)
        configuration.accessLog = verbosity == .verbose
        configuration.devShell = devShell
        configuration.strictBranding = strictBranding
        configuration.bumpBrandingID = bumpBrandingID
        configuration.pollMilliseconds = pollMilliseconds
        configuration.csp = csp
        configuration.proxy = proxy
        return configuration
    }
}
