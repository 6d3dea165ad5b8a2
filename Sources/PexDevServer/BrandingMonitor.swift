import Dispatch
import PexBranding
import PexHTTP
import PexSockets

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Keeps the check report of the served tree current and tells the browser what to reload: checks at
/// start, then on every batch of changes from the watcher re-checks, prints the diagnostics that appeared,
/// decides a `ReloadPlan` (live or strict mode), prints one line for it and sends it to the shells.
/// One resolver serves the terminal, `/__pexdev/diagnostics` and the shell.
final class BrandingMonitor: @unchecked Sendable {
    private let root: BrandingRoot
    private let log: any LogSink
    private let strict: Bool
    /// `--bump-branding-id`: every change gets a new brandingID, so the shell reloads as production would.
    private let bumpBrandingID: Bool
    let hub: DevEventHub
    /// Paths as `pexdev check` prints them, so a terminal can open them.
    private let paths: DisplayPaths
    private let lock = Lock()
    private var report: CheckReport
    private var pending: [String] = []
    private var watcher: (any TreeWatcher)?
    private let pollMilliseconds: Int?
    /// The policies the CSP rules check against (the ones served).
    private let policies: [(label: String, policy: ContentSecurityPolicy)]
    /// Serialises re-checks: the watcher may deliver the next batch while one is being handled.
    private let queue = DispatchQueue(label: "pexdev.branding-monitor")

    init(
        root: BrandingRoot, log: any LogSink, strict: Bool = false, bumpBrandingID: Bool = false,
        pollMilliseconds: Int? = nil, policies: [(label: String, policy: ContentSecurityPolicy)] = []
    ) {
        self.policies = policies
        self.root = root
        self.log = log
        self.strict = strict
        self.bumpBrandingID = bumpBrandingID
        self.pollMilliseconds = pollMilliseconds
        hub = DevEventHub()
        paths = DisplayPaths(rootDirectory: root.directory, currentDirectory: FileManager.default.currentDirectoryPath)
        report = BrandingChecker.check(root, policies: policies)
    }

    var current: CheckReport { lock.withLock { report } }

    var mode: String { root.archive != nil ? "off" : strict ? "strict" : "live" }

    /// "inotify" or "polling every N ms", once started.
    var mechanism: String { lock.withLock { watcher?.mechanism ?? "not watching" } }

    /// Logs the start-up findings and starts watching.
    func start() {
        let report = current
        for diagnostic in report.diagnostics { emit(diagnostic) }
        log.log(.info, "check: " + Self.summary(report))
        // An archive cannot change under us: serve it as it is, nothing to watch.
        guard root.archive == nil else {
            hub.setHello(mode: "archive", watcher: "none", brandingID: report.model.manifest?.brandingID, pending: [])
            return
        }
        let queue = self.queue
        let watcher = WatcherFactory.make(root: root.directory, pollMilliseconds: pollMilliseconds, log: log) {
            [weak self] change in
            queue.async { [weak self] in self?.handle(change) }
        }
        lock.withLock { self.watcher = watcher }
        hub.setHello(
            mode: mode, watcher: watcher.mechanism, brandingID: report.model.manifest?.brandingID, pending: [])
        watcher.start()
    }

    func stop() {
        let watcher = lock.withLock { () -> (any TreeWatcher)? in
            defer { self.watcher = nil }
            return self.watcher
        }
        watcher?.stop()
        hub.stop()
    }

    /// Re-checks after a batch of changes and sends the reload plan; returns the plan (tests call this).
    @discardableResult
    func handle(_ change: TreeChange) -> ReloadPlan? {
        if bumpBrandingID && change.paths.contains(where: { $0 != "manifest.json" }) {
            // The manifest write is itself a change: the next batch carries the new brandingID and reloads
            // everything, exactly what a production client does after an upload.
            do {
                let id = try ManifestBump.bump(inDirectory: root.directory)
                let what = change.paths.count == 1 ? change.paths.first ?? "" : "\(change.paths.count) files"
                log.log(.info, "reload: \(what) changed → brandingID bumped to \(id)")
                return nil
            } catch {
                log.log(.warning, "--bump-branding-id: \(error.description)")
            }
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let fresh = BrandingChecker.check(root, policies: policies)
        let (previous, held) = lock.withLock { () -> (CheckReport, [String]) in
            defer { report = fresh }
            return (report, pending)
        }
        let plan = ReloadPlanner.plan(
            before: previous.model, after: fresh.model, changed: change.paths, rescan: change.rescan, strict: strict,
            pending: held)
        lock.withLock { pending = plan.pending }
        let before = Set(previous.diagnostics)
        let after = Set(fresh.diagnostics)
        for diagnostic in fresh.diagnostics where !before.contains(diagnostic) { emit(diagnostic) }
        let checkMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        let fixed = before.subtracting(after).count
        var line = "reload: \(plan.summary) (check \(Int(checkMilliseconds.rounded())) ms"
        line += fixed == 0 ? ")" : ", \(fixed) problem\(fixed == 1 ? "" : "s") resolved)"
        log.log(.info, line)
        if let notice = plan.productionNotice, !strict { log.log(.warning, notice) }
        if before != after { log.log(.info, "check after change: " + Self.summary(fresh)) }
        hub.setHello(
            mode: mode, watcher: mechanism, brandingID: fresh.model.manifest?.brandingID, pending: plan.pending)
        hub.send(
            "reload",
            ReloadEvent(plan: plan, checkMilliseconds: checkMilliseconds, summary: DiagnosticSummary(report: fresh)))
        return plan
    }

    private func emit(_ diagnostic: Diagnostic) {
        let level: LogLevel
        switch diagnostic.severity {
        case .error: level = .error
        case .warning: level = .warning
        case .notice: level = .info
        }
        var location = paths.displayPath(file: diagnostic.file)
        if let range = diagnostic.range { location += ":\(range.start.line):\(range.start.column)" }
        var text = "\(location): \(diagnostic.message) [\(diagnostic.code)]"
        if let hint = diagnostic.hint { text += "\n  hint: \(hint)" }
        log.log(level, text)
    }

    static func summary(_ report: CheckReport) -> String {
        let summary = DiagnosticSummary(report: report)
        return summary.line + (summary.isClean ? "" : " (details: pexdev check, or /__pexdev/diagnostics)")
    }
}

/// The `reload` event's data: the plan, how long the check took, and the new diagnostics summary.
struct ReloadEvent: Encodable {
    var plan: ReloadPlan
    var checkMilliseconds: Double
    var summary: DiagnosticSummary

    enum CodingKeys: String, CodingKey {
        case kind, files, plugins, brandingIDChanged, brandingID, configurationChanged, pending, productionNotice
        case checkMilliseconds, summary
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(plan.kind, forKey: .kind)
        try container.encode(plan.files, forKey: .files)
        try container.encode(plan.plugins, forKey: .plugins)
        try container.encode(plan.brandingIDChanged, forKey: .brandingIDChanged)
        try container.encodeIfPresent(plan.brandingID, forKey: .brandingID)
        try container.encode(plan.configurationChanged, forKey: .configurationChanged)
        try container.encode(plan.pending, forKey: .pending)
        try container.encodeIfPresent(plan.productionNotice, forKey: .productionNotice)
        try container.encode(checkMilliseconds, forKey: .checkMilliseconds)
        try container.encode(summary, forKey: .summary)
    }
}
