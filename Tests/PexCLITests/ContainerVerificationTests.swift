import Foundation
import XCTest

/// `scripts/verify-container.sh`: the static release binary in a debootstrapped Debian root file system, as the
/// image runs it. Opt-in (PEXDEV_VERIFY_CONTAINER=1): it needs root and debootstrap, and its first run downloads
/// Debian packages and builds a release binary for minutes.
final class ContainerVerificationTests: XCTestCase {
    func testStaticBinaryServesInAMinimalDebianRootFileSystem() throws {
        let environment = ProcessInfo.processInfo.environment
        guard environment["PEXDEV_VERIFY_CONTAINER"] == "1" else {
            print("container verification skipped: set PEXDEV_VERIFY_CONTAINER=1 (needs root, debootstrap, minutes)")
            throw XCTSkip("set PEXDEV_VERIFY_CONTAINER=1 to run scripts/verify-container.sh")
        }
        guard getuid() == 0 else {
            print("container verification skipped: needs root for debootstrap and chroot")
            throw XCTSkip("needs root")
        }
        guard
            TestBinary.tool("debootstrap") != nil
                || FileManager.default.isExecutableFile(atPath: "/usr/sbin/debootstrap")
        else {
            print("container verification skipped: debootstrap is not installed (apt-get install debootstrap)")
            throw XCTSkip("debootstrap is not installed")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../scripts/verify-container.sh").standardized
        let process = Process()
        process.executableURL = script
        // The variables pass through (PEXDEV=… picks a prebuilt binary, ROOTFS=… the cached file system).
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print(text)
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("verify-container: PASS: "), text)
    }
}
