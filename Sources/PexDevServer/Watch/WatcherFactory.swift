import PexHTTP

/// Picks the watcher: inotify on Linux unless polling was asked for or inotify cannot cover the tree, in
/// which case it polls and says why, once.
enum WatcherFactory {
    static func make(
        root: String, pollMilliseconds: Int?, log: any LogSink, onChange: @escaping @Sendable (TreeChange) -> Void
    ) -> any TreeWatcher {
        if let interval = pollMilliseconds {
            return PollingWatcher(root: root, intervalMilliseconds: interval, onChange: onChange)
        }
        #if os(Linux)
            do {
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
