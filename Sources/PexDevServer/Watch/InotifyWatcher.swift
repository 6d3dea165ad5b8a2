import PexSockets

#if os(Linux)
    #if canImport(FoundationEssentials)
        import FoundationEssentials
    #else
        import Foundation
    #endif
    import Glibc
    import PexHTTP

    /// Watches a tree with inotify: one watch per folder (inotify is not recursive), new folders watched as
    /// they appear, bursts coalesced with a short trailing debounce so one editor save is one batch, a queue
    /// overflow answered with a rescan, and the served folder disappearing survived (item 35).
    final class InotifyWatcher: TreeWatcher, @unchecked Sendable {
        /// Why inotify could not be used; the caller falls back to polling and says so once.
        struct Unavailable: Error, CustomStringConvertible {
            let description: String
        }

        private let root: String
        private let onChange: @Sendable (TreeChange) -> Void
        private let debounceMilliseconds: Int
        private let descriptor: Int32
        private let lock = Lock()
        private var stopping = false
        /// Watch descriptor → folder relative to the root ("" for the root).
        private var folders: [Int32: String] = [:]
        private(set) var pending = TreeChange(paths: [])
        /// Files modified and not yet closed: a save still being written (truncate, then write) must not be
        /// read half-done, so a batch waits for their close — up to `maximumWaitMilliseconds`, for writers
        /// that keep files open.
        private var writing = Set<String>()
        private var firstEventAt: UInt64?
        private let maximumWaitMilliseconds: UInt64 = 500
        /// Set while the root itself is gone: the thread polls for it to come back.
        private var rootMissing = false

        /// A file's own events arrive through its folder's watch.
        static let mask: UInt32 = {
            let content: UInt32 = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MODIFY) | UInt32(IN_ATTRIB)
            let entries: UInt32 = UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO)
            let itself: UInt32 = UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)
            return content | entries | itself
        }()

        init(root: String, debounceMilliseconds: Int = 10, onChange: @escaping @Sendable (TreeChange) -> Void) throws {
            self.root = root
            self.onChange = onChange
            self.debounceMilliseconds = debounceMilliseconds
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else {
                throw Unavailable(description: "inotify_init1 failed: \(String(cString: strerror(errno)))")
            }
            do {
                try watchTree(under: "")
            } catch {
                close(descriptor)
                throw error
            }
        }

        var mechanism: String { "inotify" }

        func start() {
            BackgroundThread.start(name: "pexdev-watcher") { [self] in run() }
        }

        func stop() {
            lock.withLock { stopping = true }
        }

        deinit { close(descriptor) }

        /// Adds a watch on `relative` and every folder below it. ENOSPC (the per-user watch limit) is fatal
        /// to inotify: the caller switches to polling rather than watch half a tree.
        private func watchTree(under relative: String) throws {
            var queue = [relative]
            var budget = 20_000
            while let folder = queue.popLast(), budget > 0 {
                budget -= 1
                let path = folder.isEmpty ? root : root + "/" + folder
                let wd = inotify_add_watch(descriptor, path, Self.mask)
                if wd < 0 {
                    if errno == ENOSPC {
                        throw Unavailable(
                            description: "the inotify watch limit is exhausted (fs.inotify.max_user_watches)")
                    }
                    continue  // vanished meanwhile, or unreadable: nothing to watch
                }
                lock.withLock { folders[wd] = folder }
                guard let directory = opendir(path) else { continue }
                defer { closedir(directory) }
                while let entry = readdir(directory) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                    }
                    if name == "." || name == ".." || name.hasPrefix(".") { continue }
                    if entry.pointee.d_type == UInt8(DT_DIR) {
                        queue.append(folder.isEmpty ? name : folder + "/" + name)
                    }
                }
            }
        }

        private func run() {
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: 64 * 1024, alignment: 8)
            defer { buffer.deallocate() }
            var flushAt: UInt64?
            while !lock.withLock({ stopping }) {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let now = Self.milliseconds()
                // Past the debounce but a file is still open for writing: look again every few milliseconds.
                let wait = flushAt.map { $0 > now ? Int32($0 - now) : 5 } ?? 200
                let ready = poll(&poller, 1, min(wait, 200))
                var fresh = false
                if ready > 0 {
                    readEvents(into: buffer)
                    fresh = true
                }
                if lock.withLock({ rootMissing }) && checkRootReturned() { fresh = true }
                // Trailing debounce: each new event pushes the flush out, so a burst becomes one batch.
                let afterRead = Self.milliseconds()
                if fresh && (!pending.paths.isEmpty || pending.rescan) {
                    flushAt = afterRead + UInt64(debounceMilliseconds)
                    if firstEventAt == nil { firstEventAt = afterRead }
                }
                if let due = flushAt, afterRead >= due,
                    writing.isEmpty || afterRead >= (firstEventAt ?? afterRead) + maximumWaitMilliseconds
                {
                    flushAt = nil
                    firstEventAt = nil
                    writing.removeAll()
                    let batch = pending
                    pending = TreeChange(paths: [])
                    if !batch.paths.isEmpty || batch.rescan { onChange(batch) }
                }
            }
        }

        private func readEvents(into buffer: UnsafeMutableRawPointer) {
            while true {
                let count = read(descriptor, buffer, 64 * 1024)
                guard count > 0 else { return }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let event = (buffer + offset).load(as: inotify_event.self)
                    let nameStart = buffer + offset + MemoryLayout<inotify_event>.size
                    let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                    handle(event, name: name)
                    offset += MemoryLayout<inotify_event>.size + Int(event.len)
                }
            }
        }

        func handle(_ event: inotify_event, name: String) {
            let mask = event.mask
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                pending.rescan = true
                return
            }
            guard let folder = lock.withLock({ folders[event.wd] }) else { return }
            if mask & UInt32(IN_IGNORED) != 0 {
                lock.withLock { folders[event.wd] = nil }
                return
            }
            if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 {
                if folder.isEmpty {
                    // The served folder itself went away (deleted or renamed): wait for it to come back.
                    lock.withLock { rootMissing = true }
                    pending.rescan = true
                }
                return
            }
            guard !name.isEmpty else { return }
            let path = folder.isEmpty ? name : folder + "/" + name
            if EditorNoise.ignores(path) { return }
            if mask & UInt32(IN_ISDIR) != 0 {
                if mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
                    // A new folder may already hold files (mkdir -p, an unzip, a git checkout): watch it, and
                    // count what is in it as changed.
                    try? watchTree(under: path)
                    pending.paths.insert(path)
                    pending.rescan = true
                } else if mask & (UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)) != 0 {
                    pending.paths.insert(path)
                }
                return
            }
            if mask & UInt32(IN_MODIFY) != 0 { writing.insert(path) }
            if mask & (UInt32(IN_CLOSE_WRITE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)) != 0 { writing.remove(path) }
            pending.paths.insert(path)
        }

        /// True when the served folder is back (and watched again).
        private func checkRootReturned() -> Bool {
            var info = stat()
            guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
            lock.withLock {
                rootMissing = false
                folders.removeAll()
            }
            try? watchTree(under: "")
            pending.rescan = true
            return true
        }

        private static func milliseconds() -> UInt64 {
            var time = timespec()
            clock_gettime(CLOCK_MONOTONIC, &time)
            return UInt64(time.tv_sec) * 1000 + UInt64(time.tv_nsec) / 1_000_000
        }
    }
#endif
