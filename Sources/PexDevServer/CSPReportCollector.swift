import Dispatch
import PexBranding
import PexHTTP
import PexSockets

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Receives violation reports: explains each against the current model, prints one terminal line per new
/// violation, tells the shells (`csp` event) and keeps the counts for `/__pexdev/diagnostics`.
/// The same violation arrives twice when the shell forwards its `securitypolicyviolation` event and the
/// browser's own (batched) report follows, and again each time a plugin retries: repeats within
/// `repeatWindow` are counted, not printed.
final class CSPReportCollector: @unchecked Sendable {
    static let maxBodyBytes = 64 * 1024
    /// At most this many reports per `rateWindow`; more get 429 (a page in a loop cannot flood the terminal).
    static let maxReportsPerWindow = 100
    static let rateWindowNanoseconds: UInt64 = 10_000_000_000
    static let repeatWindowNanoseconds: UInt64 = 90_000_000_000
    static let recentLimit = 50

    private let settings: CSPSettings
    private let log: any LogSink
    private let hub: DevEventHub
    private let model: @Sendable () -> BrandingModel
    private let now: @Sendable () -> UInt64
    private let lock = Lock()
    private var violations = 0
    private var repeats = 0
    private var rejected = 0
    private var recent: [CSPExplanation] = []
    private var lastSeen: [String: UInt64] = [:]
    private var windowStart: UInt64 = 0
    private var windowCount = 0
    private var warnedAboutRate = false

    init(
        settings: CSPSettings, log: any LogSink, hub: DevEventHub, model: @escaping @Sendable () -> BrandingModel,
        now: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    ) {
        self.settings = settings
        self.log = log
        self.hub = hub
        self.model = model
        self.now = now
    }

    /// Takes one report body; returns the violations not seen recently (nil when over the rate limit).
    func receive(_ body: [UInt8]) -> [CSPEvent]? {
        let time = now()
        let admitted = lock.withLock { () -> Bool in
            if time &- windowStart > Self.rateWindowNanoseconds {
                windowStart = time
                windowCount = 0
                warnedAboutRate = false
            }
            windowCount += 1
            return windowCount <= Self.maxReportsPerWindow
        }
        guard admitted else {
            let warn = lock.withLock { () -> Bool in
                rejected += 1
                defer { warnedAboutRate = true }
                return !warnedAboutRate
            }
            if warn {
                log.log(.warning, "csp: more than \(Self.maxReportsPerWindow) reports in 10 s; dropping the rest")
            }
            return nil
        }
        var events: [CSPEvent] = []
        let explainer = CSPViolationExplainer(
            pluginsBySource: CSPViolationExplainer.pluginsBySource(model()), brandingMount: DevServer.brandingMount,
            policies: settings.policies)
        for violation in CSPViolation.parse(body) {
            let explanation = explainer.explain(violation)
            let key = Self.fingerprint(explanation)
            let id = lock.withLock { () -> Int? in
                lastSeen = lastSeen.filter { time &- $0.value < Self.repeatWindowNanoseconds }
                if lastSeen[key] != nil {
                    repeats += 1
                    return nil
                }
                lastSeen[key] = time
                violations += 1
                recent.append(explanation)
                if recent.count > Self.recentLimit { recent.removeFirst(recent.count - Self.recentLimit) }
                return violations
            }
            guard let id else { continue }
            log.log(explanation.reportOnly ? .info : .warning, explanation.line)
            let event = CSPEvent(id: id, explanation: explanation)
            hub.send("csp", event)
            events.append(event)
        }
        return events
    }

    func refuse() {
        lock.withLock { rejected += 1 }
    }

    /// What `/__pexdev/diagnostics` shows under `csp`.
    var status: CSPStatus {
        lock.withLock {
            CSPStatus(
                mode: settings.policies.isEmpty ? "off" : settings.reportOnly ? "report-only" : "enforce",
                policies: settings.policies.map { CSPStatus.Policy(label: $0.label, policy: $0.policy.headerValue) },
                violations: violations, repeats: repeats, rejected: rejected, recent: recent)
        }
    }

    /// Same violation: same disposition, directive, blocked URL and place in the same file (query dropped:
    /// the shell adds `?pexdev-reload=N` on hot swaps).
    static func fingerprint(_ explanation: CSPExplanation) -> String {
        let violation = explanation.violation
        let file = explanation.file ?? violation.sourceFile?.split(separator: "?").first.map(String.init) ?? ""
        return [
            violation.disposition ?? "", explanation.directive, violation.blockedURL ?? "", file,
            violation.line.map(String.init) ?? "", violation.column.map(String.init) ?? "",
            explanation.policyLabel ?? "",
        ].joined(separator: "\u{1F}")
    }
}

/// The `csp` event's data: one explained violation, for the shell's dev panel (shown as text only).
struct CSPEvent: Encodable {
    /// Distinct per violation, so a shell that hears of one twice (POST answer and event stream) shows it once.
    var id: Int
    var plugin: String?
    var file: String?
    var line: Int?
    var column: Int?
    var directive: String
    var blockedURL: String?
    var disposition: String?
    var policy: String?
    var suggestion: String?
    var message: String

    init(id: Int, explanation: CSPExplanation) {
        self.id = id
        plugin = explanation.plugin
        file = explanation.file ?? explanation.violation.sourceFile
        line = explanation.violation.line
        column = explanation.violation.column
        directive = explanation.directive
        blockedURL = explanation.violation.blockedURL
        disposition = explanation.violation.disposition
        policy = explanation.policyLabel
        suggestion = explanation.suggestion
        message = explanation.line
    }
}

/// `/__pexdev/diagnostics`' `csp` field.
struct CSPStatus: Encodable {
    struct Policy: Encodable {
        var label: String
        var policy: String
    }

    var mode: String
    var policies: [Policy]
    /// Distinct violations reported since start.
    var violations: Int
    /// Reports of a violation already seen in the last 90 s.
    var repeats: Int
    /// Reports refused (wrong method, origin, type, size, or over the rate limit).
    var rejected: Int
    var recent: [CSPExplanation]
}

/// `POST /__pexdev/csp-report`: violation reports from the pages pexdev serves (security.md item 3: same
/// origin or no Origin, the report content types only, at most 64 KiB, rate-limited). The body is never
/// echoed back; what reaches the shell is JSON shown as text.
struct CSPReportHandler: HTTPResponding {
    let collector: CSPReportCollector
    static let contentTypes = ["application/csp-report", "application/reports+json"]

    func respond(to request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        do {
            try screen(request)
        } catch {
            collector.refuse()
            throw error
        }
        guard let events = collector.receive(request.body) else {
            throw HTTPError(.tooManyRequests, "too many CSP reports; try again in a few seconds")
        }
        // The shell forwards violations itself and shows the answer at once: its event stream may not be
        // open yet while plugins load. Browsers ignore the body.
        var response = HTTPResponse(body: Array(DevEventHub.json(CSPReportAnswer(violations: events)).utf8))
        response.headers.add("Content-Type", "application/json; charset=utf-8")
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    private func screen(_ request: HTTPRequest) throws(HTTPError) {
        guard request.method == "POST" else {
            throw HTTPError(.methodNotAllowed, "CSP reports are POSTed", headers: [("Allow", "POST")])
        }
        if let refusal = OriginPolicy.refusal(for: request) { throw refusal }
        // A media type has no spaces of its own: drop the ones around it.
        let type = String(
            ((request.headers["Content-Type"] ?? "").split(separator: ";").first ?? "").filter {
                $0 != " " && $0 != "\t"
            }
        ).lowercased()
        guard Self.contentTypes.contains(type) else {
            throw HTTPError(
                .unsupportedMediaType,
                "CSP reports must be application/csp-report or application/reports+json")
        }
        guard request.body.count <= CSPReportCollector.maxBodyBytes else {
            throw HTTPError(.payloadTooLarge, "CSP reports are limited to 64 KiB")
        }
    }
}

/// `POST /__pexdev/csp-report`'s answer: the violations that report made known (not repeats).
struct CSPReportAnswer: Encodable {
    var violations: [CSPEvent]
}
