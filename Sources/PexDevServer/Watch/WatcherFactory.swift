import PexHTTP

/// Picks the watcher: inotify on Linux unless polling was asked for or inotify cannot cover the tree, in
/// which case it polls and says why, once.
enum WatcherFactory {
    /// Makes the inotify watcher; tests pass one that fails the way an exhausted watch limit does (security.md
    /// item 36), since exhausting the real per-user limit would break every other watcher on the machine.
    typealias MakeInotify = (_ root: String, _ onChange: @escaping @Sendable (TreeChange) -> Void) throws ->
        any TreeWatcher

    static func make(
        root: String, pollMilliseconds: Int?, log: any LogSink, inotify: MakeInotify? = nil,
        onChange: @escaping @Sendable (TreeChange) -> Void
    ) -> any TreeWatcher {
        if let interval = pollMilliseconds {
            return PollingWatcher(root: root, intervalMilliseconds: interval, onChange: onChange)
        }
        #if os(Linux)
            do {
                if let inotify { return try inotify(root, onChange) }
                return try InotifyWatcher(root: root, onChange: onChange)
            } catch {
                log.log(
                    .warning,
                    "watching by polling every 500 ms: \(error) (raise the limit, or pass --poll to silence this)")
            }
        #endif
        return PollingWatcher(root: root, intervalMilliseconds: 500, onChange: onChange)
    }
}
