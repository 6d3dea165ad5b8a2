import PexBranding
import PexHTTP
import PexProxy

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `GET /__pexdev/diagnostics`: the current check report and resolved model as JSON, for the shell and
/// scripts. Same-origin only; read-only.
struct DiagnosticsHandler: HTTPResponding {
    let monitor: BrandingMonitor
    let csp: CSPReportCollector
    let node: NodeStatus?

    func respond(to request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            throw HTTPError(.methodNotAllowed, "diagnostics are read-only (GET)", headers: [("Allow", "GET, HEAD")])
        }
        if let refusal = OriginPolicy.refusal(for: request) { throw refusal }
        let report = monitor.current
        let payload = DiagnosticsPayload(
            version: 1, root: report.root, summary: DiagnosticSummary(report: report), diagnostics: report.diagnostics,
            model: report.model, csp: csp.status, node: node)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(payload) else {
            throw HTTPError(.internalServerError, "could not encode the diagnostics")
        }
        var response = HTTPResponse(body: [UInt8](data) + [0x0A])
        response.headers.add("Content-Type", "application/json; charset=utf-8")
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}

/// The JSON shape of `/__pexdev/diagnostics` (version 1).
struct DiagnosticsPayload: Encodable {
    var version: Int
    var root: String
    var summary: DiagnosticSummary
    var diagnostics: [Diagnostic]
    var model: BrandingModel
    /// The policies served and the violations reported so far.
    var csp: CSPStatus
    /// Node mode's upstream, absent with the mock.
    var node: NodeStatus?
}

/// What the shell shows about node mode.
struct NodeStatus: Encodable, Sendable {
    var origin: String
    var insecure: Bool
    var realApp: Bool

    init(_ configuration: ProxyConfiguration) {
        origin = configuration.node.origin
        insecure = configuration.insecure && configuration.node.scheme == .https
        realApp = configuration.realApp
    }
}
