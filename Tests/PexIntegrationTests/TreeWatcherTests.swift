import Foundation
import XCTest

@testable import PexDevServer

#if canImport(Glibc)
    import Glibc
#endif

/// The watchers on a real temporary tree, for each way editors save (security.md items 34-36).
final class TreeWatcherTests: XCTestCase {
    private var root: URL!
    private let batches = BatchRecorder()

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pexdev-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("plugins/a"), withIntermediateDirectories: true)
        try write("settings.json", "{}")
        try write("plugins/a/a.plugin.js", "1")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }

    /// Each watcher is made on a fresh tree, after the previous one's edits were undone.
    private func watchers() -> [() throws -> any TreeWatcher] {
        let recorder = batches
        var list: [() throws -> any TreeWatcher] = [
            { PollingWatcher(root: self.root.path, intervalMilliseconds: 20) { recorder.add($0) } }
        ]
        #if os(Linux)
            list.insert({ try InotifyWatcher(root: self.root.path) { recorder.add($0) } }, at: 0)
        #endif
        return list
    }

    /// Runs `edit` under each watcher and returns the paths of the batches it produced.
    private func observe(_ edit: () throws -> Void, settle: Double = 0.3) throws -> [String: [Set<String>]] {
        var seen: [String: [Set<String>]] = [:]
        for make in watchers() {
            let watcher = try make()
            batches.reset()
            watcher.start()
            try edit()
            // Wait for the first batch, then a little longer to catch (unwanted) extra batches.
            let deadline = Date().addingTimeInterval(5)
            while batches.all.isEmpty && Date() < deadline { usleep(2_000) }
            let quiet = Date().addingTimeInterval(settle)
            while Date() < quiet { usleep(5_000) }
            watcher.stop()
            seen[watcher.mechanism] = batches.all.map(\.paths)
            try? FileManager.default.removeItem(at: root)
            try setUpWithError()
        }
        return seen
    }

    func testWriteInPlaceIsOneBatch() throws {
        for (mechanism, seen) in try observe({ try write("plugins/a/a.plugin.js", "2") }) {
            XCTAssertEqual(seen, [["plugins/a/a.plugin.js"]], mechanism)
        }
    }

    func testTempThenRenameIsOneBatchWithoutTheTempFile() throws {
        let seen = try observe {
            try write("plugins/a/.a.plugin.js.tmp", "2")
            try FileManager.default.removeItem(at: root.appendingPathComponent("plugins/a/a.plugin.js"))
            try FileManager.default.moveItem(
                at: root.appendingPathComponent("plugins/a/.a.plugin.js.tmp"),
                to: root.appendingPathComponent("plugins/a/a.plugin.js"))
        }
        for (mechanism, batches) in seen { XCTAssertEqual(batches, [["plugins/a/a.plugin.js"]], mechanism) }
    }

    func testVimStyleSaveIgnoresSwapBackupAndProbeFiles() throws {
        let seen = try observe {
            try write("plugins/a/.a.plugin.js.swp", "swap")
            try write("plugins/a/4913", "")
            try FileManager.default.removeItem(at: root.appendingPathComponent("plugins/a/4913"))
            try FileManager.default.moveItem(
                at: root.appendingPathComponent("plugins/a/a.plugin.js"),
                to: root.appendingPathComponent("plugins/a/a.plugin.js~"))
            try write("plugins/a/a.plugin.js", "3")
            try FileManager.default.removeItem(at: root.appendingPathComponent("plugins/a/a.plugin.js~"))
        }
        for (mechanism, batches) in seen { XCTAssertEqual(batches, [["plugins/a/a.plugin.js"]], mechanism) }
    }

    func testNewNestedFolderIsWatchedAndReported() throws {
        #if os(Linux)
            let recorder = batches
            let watcher = try InotifyWatcher(root: root.path) { recorder.add($0) }
            watcher.start()
            defer { watcher.stop() }
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("plugins/b/assets"), withIntermediateDirectories: true)
            try write("plugins/b/assets/icon.svg", "<svg/>")
            XCTAssertTrue(batches.waitFor { $0.contains { $0.paths.contains("plugins/b") || $0.rescan } })
            batches.reset()
            // A file written later inside the new folder must be seen through the new folder's own watch.
            try write("plugins/b/assets/icon.svg", "<svg></svg>")
            XCTAssertTrue(
                batches.waitFor { $0.contains { $0.paths.contains("plugins/b/assets/icon.svg") } }, "\(batches.all)")
        #else
            throw XCTSkip("inotify is Linux-only")
        #endif
    }

    func testDeletionAndRenameAreReported() throws {
        let seen = try observe {
            try FileManager.default.moveItem(
                at: root.appendingPathComponent("plugins/a/a.plugin.js"),
                to: root.appendingPathComponent("plugins/a/b.js"))
            try FileManager.default.removeItem(at: root.appendingPathComponent("settings.json"))
        }
        for (mechanism, batches) in seen {
            XCTAssertEqual(batches, [["plugins/a/a.plugin.js", "plugins/a/b.js", "settings.json"]], mechanism)
        }
    }

    func testServedFolderRemovedAndRecreatedRecovers() throws {
        #if os(Linux)
            let recorder = batches
            let watcher = try InotifyWatcher(root: root.path) { recorder.add($0) }
            watcher.start()
            defer { watcher.stop() }
            try FileManager.default.removeItem(at: root)
            XCTAssertTrue(batches.waitFor { $0.contains { $0.rescan } })
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            batches.reset()
            // Once it is back, it is watched again (a rescan first, then ordinary changes).
            XCTAssertTrue(batches.waitFor { $0.contains { $0.rescan } }, "no rescan when the folder came back")
            batches.reset()
            try write("settings.json", "{\"plugins\": []}")
            XCTAssertTrue(batches.waitFor { $0.contains { $0.paths.contains("settings.json") } }, "\(batches.all)")
        #else
            throw XCTSkip("inotify is Linux-only")
        #endif
    }

    func testQueueOverflowAsksForARescan() throws {
        #if os(Linux)
            // The kernel drops events once its queue is full and says so once; whatever was lost, a rescan
            // (re-check everything) is the only safe answer. Provoking a real overflow takes 16,384+ events
            // racing the reader, so the event is fed to the handler directly.
            let watcher = try InotifyWatcher(root: root.path) { _ in }
            var event = inotify_event()
            event.wd = -1
            event.mask = UInt32(IN_Q_OVERFLOW)
            watcher.handle(event, name: "")
            XCTAssertTrue(watcher.pending.rescan)
        #else
            throw XCTSkip("inotify is Linux-only")
        #endif
    }

    func testEditorNoiseRules() {
        for path in [
            "a/.x.swp", ".git/config", "a/4913", "a/b.js~", "#b.js#", "x.tmp", "a/b.js___jb_tmp___",
            "plugins/sedIg4wFn",
        ] {
            XCTAssertTrue(EditorNoise.ignores(path), path)
        }
        for path in ["a/b.js", "settings.json", "plugins/a/icon.svg", "styles/x.css", "sediment.js"] {
            XCTAssertFalse(EditorNoise.ignores(path), path)
        }
    }
}

/// Batches delivered on the watcher's thread, read by the test.
final class BatchRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var batches: [TreeChange] = []
    func add(_ change: TreeChange) { lock.withLock { batches.append(change) } }
    func reset() { lock.withLock { batches.removeAll() } }
    var all: [TreeChange] { lock.withLock { batches } }

    func waitFor(seconds: Double = 5, _ condition: ([TreeChange]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(all) { return true }
            usleep(2_000)
        }
        return false
    }
}
