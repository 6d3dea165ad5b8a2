import Dispatch
import Foundation
import PexBranding
import PexHTTP

/// Keeps the check report of the served tree current: checks at start, then re-checks whenever the tree
/// changes, logging the diagnostics that appeared and how many went away. One resolver serves the terminal,
/// `/__pexdev/diagnostics` and (later) the shell.
final class BrandingMonitor: @unchecked Sendable {
    private let root: BrandingRoot
    private let log: any LogSink
    /// Paths as `pexdev check` prints them, so a terminal can open them.
    private let paths: DisplayPaths
    private let lock = NSLock()
    private var report: CheckReport
    private var signature: TreeSignature
    private var timer: (any DispatchSourceTimer)?

    init(root: BrandingRoot, log: any LogSink) {
        self.root = root
        self.log = log
        paths = DisplayPaths(rootDirectory: root.directory, currentDirectory: FileManager.default.currentDirectoryPath)
        signature = TreeSignature.of(root.directory)
        report = BrandingChecker.check(root)
    }

    var current: CheckReport { lock.withLock { report } }

    /// Logs the start-up findings and begins polling every `interval` seconds.
    func start(interval: Double = 0.5) {
        let report = current
        for diagnostic in report.diagnostics { emit(diagnostic) }
        log.log(.info, "check: " + Self.summary(report))
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "pexdev.branding-monitor"))
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(50))
        timer.setEventHandler { [weak self] in self?.poll() }
        timer.resume()
        lock.withLock { self.timer = timer }
    }

    func stop() {
        lock.withLock {
            timer?.cancel()
            timer = nil
        }
    }

    /// Re-checks if the tree changed; returns whether it did.
    @discardableResult
    func poll() -> Bool {
        let now = TreeSignature.of(root.directory)
        let (changed, previous) = lock.withLock { () -> (Bool, CheckReport) in
            defer { signature = now }
            return (now != signature, report)
        }
        guard changed else { return false }
        let fresh = BrandingChecker.check(root)
        lock.withLock { report = fresh }
        let before = Set(previous.diagnostics)
        let after = Set(fresh.diagnostics)
        for diagnostic in fresh.diagnostics where !before.contains(diagnostic) { emit(diagnostic) }
        let fixed = before.subtracting(after).count
        let fixedText = fixed == 0 ? "" : " (\(fixed) resolved)"
        log.log(.info, "check after change: " + Self.summary(fresh) + fixedText)
        return true
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
