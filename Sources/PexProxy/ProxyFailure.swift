public import PexHTTP
import PexSockets

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a proxied request got no answer from the node, as the one line the terminal, the browser shell and the
/// JSON body all show ("cannot reach pexip.example.com:443: connection refused"), with its status.
public struct ProxyFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// DNS, refused, unreachable network: nothing answered.
        case unreachable
        /// Something took longer than its bound (connect, response head, body, stream silence).
        case timeout
        /// The TLS handshake or the certificate check failed.
        case tls
        /// The node answered with something that is not HTTP/1.x, or broke off mid-answer.
        case badResponse = "bad_response"
        /// Too many proxied requests in flight at once.
        case busy
        /// The browser went away; nothing is answered.
        case cancelled
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    public var status: HTTPStatus {
        switch kind {
        case .timeout: return .gatewayTimeout
        case .busy: return .serviceUnavailable
        default: return .badGateway
        }
    }

    /// The client API's error shape (`status`/`result`), which the shell already shows for a failed call, plus
    /// the machine-readable kind and the node.
    public func response(node: NodeAddress) -> HTTPResponse {
        let body = Body(
            status: "failed", result: "pexdev proxy: " + message, pexdev: .init(error: kind.rawValue, node: node.origin)
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = ((try? encoder.encode(body)).map { [UInt8]($0) } ?? Array("{}".utf8)) + [0x0A]
        var response = HTTPResponse(status: status, body: bytes)
        response.headers.add("Content-Type", "application/json; charset=utf-8")
        response.headers.add("Cache-Control", "no-store")
        if kind == .busy { response.headers.add("Retry-After", "1") }
        return response
    }

    /// The data of the `pexdev_proxy` event that ends a proxied event stream: `{"error":…,"message":…}`.
    public var eventData: String {
        struct Event: Encodable {
            let error: String
            let message: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Event(error: kind.rawValue, message: message))).map { [UInt8]($0) } ?? []
        return String(decoding: data, as: UTF8.self)
    }

    private struct Body: Encodable {
        struct Detail: Encodable {
            let error: String
            let node: String
        }
        let status: String
        let result: String
        let pexdev: Detail
    }

    /// A socket-layer failure while talking to `node`, in words.
    static func socket(_ error: SocketError, node: NodeAddress, during phase: String) -> ProxyFailure {
        switch error.kind {
        case .unresolvableHost:
            return ProxyFailure(.unreachable, "cannot resolve \(node.host): no such host (check the --node name)")
        case .timedOut(let what, let milliseconds):
            return ProxyFailure(.timeout, "\(node.endpoint) sent no \(what) within \(milliseconds) ms")
        case .system(_, let code) where code == EMFILE || code == ENFILE:
            return ProxyFailure(.busy, "pexdev is out of file descriptors to reach \(node.endpoint); retry shortly")
        case .system(let call, let code):
            if call.hasPrefix("connect") {
                return ProxyFailure(.unreachable, "cannot reach \(node.endpoint): \(reason(code))")
            }
            return ProxyFailure(.badResponse, "\(phase) \(node.endpoint) failed: \(reason(code))")
        default:
            return ProxyFailure(.unreachable, "cannot reach \(node.endpoint): \(error.description)")
        }
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case ECONNREFUSED: return "connection refused"
        case ECONNRESET: return "connection reset"
        case EHOSTUNREACH: return "no route to host"
        case ENETUNREACH: return "network unreachable"
        case ETIMEDOUT: return "timed out"
        case EPIPE: return "connection closed"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
