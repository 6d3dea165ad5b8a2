import Dispatch
import PexSockets

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Polls the tree's signature (`--poll`, bind mounts without inotify, or when inotify is out of watches).
final class PollingWatcher: TreeWatcher, @unchecked Sendable {
    private let root: String
    private let interval: Double
    private let onChange: @Sendable (TreeChange) -> Void
    private let lock = Lock()
    private var signature: TreeSignature
    private var timer: (any DispatchSourceTimer)?

    init(root: String, intervalMilliseconds: Int, onChange: @escaping @Sendable (TreeChange) -> Void) {
        self.root = root
        self.interval = Double(max(intervalMilliseconds, 20)) / 1000
        self.onChange = onChange
        signature = TreeSignature.of(root)
    }

    var mechanism: String { "polling every \(Int(interval * 1000)) ms" }

    func start() {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "pexdev.poll-watcher"))
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(10))
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

    /// Compares with the last signature and reports what differs; returns whether anything did.
    @discardableResult
    func poll() -> Bool {
        let now = TreeSignature.of(root)
        let changed = lock.withLock { () -> Set<String> in
            defer { signature = now }
            return now.changedPaths(since: signature)
        }
        let relevant = changed.filter { !EditorNoise.ignores($0) }
        guard !relevant.isEmpty else { return false }
        onChange(TreeChange(paths: relevant))
        return true
    }
}
