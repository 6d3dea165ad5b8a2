#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A socket-layer failure with the errno behind it and a sentence a user can act on.
public struct SocketError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case addressInUse(port: Int)
        case addressNotAvailable(host: String)
        case permissionDenied(port: Int)
        case unresolvableHost(String)
        /// A client step (`connect to 127.0.0.1:8080`, `reply`) did not finish within the deadline.
        case timedOut(what: String, milliseconds: Int)
        case system(call: String, errno: Int32)
    }

    public let kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    static func system(_ call: String, _ code: Int32 = errno) -> SocketError {
        SocketError(.system(call: call, errno: code))
    }

    public var description: String {
        switch kind {
        case .addressInUse(let port):
            return "port \(port) is already in use (try --port 0 for any free port)"
        case .addressNotAvailable(let host):
            return "cannot listen on \(host): no network interface has that address"
        case .permissionDenied(let port):
            return "no permission to listen on port \(port) (ports below 1024 need privileges; try --port 8080)"
        case .unresolvableHost(let host):
            return "cannot resolve host '\(host)' (use an address such as 127.0.0.1 or ::1)"
        case .timedOut(let what, let milliseconds):
            return "no \(what) within \(milliseconds) ms"
        case .system(let call, let code):
            return "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
