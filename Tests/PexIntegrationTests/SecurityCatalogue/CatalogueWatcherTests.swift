import Foundation
import PexHTTP
import XCTest

@testable import PexDevServer

/// security.md item 36: with the inotify watch limit exhausted, `serve` polls instead and says so once.
/// Exhausting the real per-user limit would break every other watcher on the machine, so the inotify watcher
/// is replaced by one failing exactly as `InotifyWatcher` does on ENOSPC.
final class CatalogueWatcherTests: XCTestCase {
    func testExhaustedInotifyLimitFallsBackToPolling() throws {
        #if os(Linux)
            let root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "pexdev-limit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }
            try Data("{}".utf8).write(to: root.appendingPathComponent("settings.json"))
            let log = LevelLog()
            let changes = BatchRecorder()
            var attempts = 0
            let watcher = WatcherFactory.make(
                root: root.path, pollMilliseconds: nil, log: log,
                inotify: { _, _ in
                    attempts += 1
                    throw InotifyWatcher.Unavailable(
                        description: "the inotify watch limit is exhausted (fs.inotify.max_user_watches)")
                }
            ) { changes.add($0) }
            XCTAssertEqual(attempts, 1, "inotify is tried first")
            XCTAssertTrue(watcher.mechanism.hasPrefix("polling"), watcher.mechanism)
            let warnings = log.lines(atLeast: .warning)
            XCTAssertEqual(warnings.count, 1, "said once: \(warnings)")
            XCTAssertTrue(warnings.first?.contains("watch limit is exhausted") ?? false, "\(warnings)")
            XCTAssertTrue(warnings.first?.contains("polling") ?? false, "\(warnings)")
            // And changes are still seen, by polling.
            watcher.start()
            defer { watcher.stop() }
            try Data("{\"changed\": true}".utf8).write(to: root.appendingPathComponent("settings.json"))
            let deadline = Date().addingTimeInterval(5)
            while changes.all.isEmpty && Date() < deadline { usleep(10_000) }
            XCTAssertEqual(changes.all.first?.paths, ["settings.json"])
        #else
            throw XCTSkip("inotify is Linux-only")
        #endif
    }

    func testRealInotifyIsUsedWhenItWorks() throws {
        #if os(Linux)
            let root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "pexdev-limit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }
            let log = LevelLog()
            let watcher = WatcherFactory.make(root: root.path, pollMilliseconds: nil, log: log) { _ in }
            XCTAssertEqual(watcher.mechanism, "inotify")
            XCTAssertEqual(log.lines(atLeast: .warning), [])
        #else
            throw XCTSkip("inotify is Linux-only")
        #endif
    }
}
