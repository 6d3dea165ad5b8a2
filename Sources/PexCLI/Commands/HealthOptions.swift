/// `pexdev health`'s settings: where the server is and how long to give it.
struct HealthOptions: Sendable, Equatable {
    var host = ServeCommand.defaultHost
    var port = ServeCommand.defaultPort
    var timeoutMilliseconds = HealthCommand.defaultTimeoutMilliseconds
    var quiet = false

    /// Where to connect: a wildcard listen address (a container's PEXDEV_HOST=0.0.0.0) means this machine.
    var connectHost: String {
        switch host {
        case "0.0.0.0", "": "127.0.0.1"
        case "::", "[::]": "::1"
        default: host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        }
    }

    /// The Host header and the URL's authority: `127.0.0.1:8080`, `[::1]:8080`.
    var authority: String {
        connectHost.contains(":") ? "[\(connectHost)]:\(port)" : "\(connectHost):\(port)"
    }

    var url: String { "http://\(authority)\(HealthCommand.path)" }
}
