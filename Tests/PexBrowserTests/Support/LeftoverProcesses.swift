import Foundation
import XCTest

/// Processes of closed browsers that are dead but not yet reaped. Orphaned Chromium helpers are reaped by init,
/// which here takes up to a second, and `pgrep` lists them until then; rather than make every test wait for
/// that, the run waits once at its end, so a finished `swift test` leaves nothing in the process table.
final class LeftoverProcesses: NSObject, XCTestObservation, @unchecked Sendable {
    static let shared = LeftoverProcesses()

    private let pids = Locked(Set<Int32>())

    private override init() {
        super.init()
        XCTestObservationCenter.shared.addTestObserver(self)
    }

    /// Remembers `pids` to wait for when the test run ends.
    func expect(_ more: some Sequence<Int32>) {
        pids.withLock { $0.formUnion(more) }
    }

    func testBundleDidFinish(_ testBundle: Bundle) {
        let deadline = Date().addingTimeInterval(5)
        var waiting = pids.current
        while true {
            waiting = waiting.filter { FileManager.default.fileExists(atPath: "/proc/\($0)") }
            guard !waiting.isEmpty, Date() < deadline else { break }
            usleep(20_000)  // poll interval while init reaps
        }
        if !waiting.isEmpty {
            print("warning: Chromium processes still in the process table after 5 s: \(waiting.sorted())")
        }
    }
}
