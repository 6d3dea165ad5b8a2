/// Tells its owner which files under a folder changed, in batches (a save is one batch).
protocol TreeWatcher: AnyObject, Sendable {
    /// "inotify" or "polling every 500 ms", for the banner and logs.
    var mechanism: String { get }
    func start()
    func stop()
}

/// One debounced batch of changes: relative paths (`plugins/a/a.plugin.js`), or a full rescan when the
/// watcher lost track (inotify queue overflow, the folder coming back).
struct TreeChange: Sendable, Equatable {
    var paths: Set<String>
    var rescan = false
}
