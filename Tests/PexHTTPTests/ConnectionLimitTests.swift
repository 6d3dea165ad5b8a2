import PexSockets
import XCTest

/// The connection limit the open-file limit leaves room for (a server whose descriptors run out before its
/// connection limit never answers 503: accept fails first, and newcomers wait unanswered in the backlog).
final class ConnectionLimitTests: XCTestCase {
    func testLimitLeavesAReserveForFilesAndRefusals() {
        let cases: [(descriptors: Int, requested: Int, allowed: Int)] = [
            (65_536, 1024, 1024),  // plenty: the configured limit
            (20_000, 1024, 1024),
            (1152, 1024, 1008),  // reserve 144 (an eighth)
            (1024, 1024, 896),  // Linux's usual soft default with the hard limit also 1024
            (256, 1024, 224),  // macOS's usual soft default
            (64, 1024, 48),  // the reserve never drops below 16
            (32, 1024, 16),
            (8, 1024, 1),  // at least one connection
            (4096, 5000, 3840),  // the reserve never exceeds 256
            (0, 1024, 1024),  // limit unknown: as configured
        ]
        for (descriptors, requested, allowed) in cases {
            XCTAssertEqual(
                connectionsAllowed(byDescriptorLimit: descriptors, requested: requested), allowed,
                "\(descriptors) descriptors, \(requested) requested")
        }
    }
}
