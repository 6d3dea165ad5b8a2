import Foundation
import XCTest

/// Fuzzes the real `pexdev mock` with schemathesis (scripts/schemathesis.sh): no 5xx, and every response is
/// one the OpenAPI document describes. Needs schemathesis in $PEXDEV_SCHEMATHESIS_VENV (default
/// /tmp/pexdev-schemathesis, which .ci/run installs); without it the test says so and is skipped.
final class SchemathesisTests: XCTestCase {
    func testMockConformsToItsOpenAPIDocumentUnderFuzzing() throws {
        let environment = ProcessInfo.processInfo.environment
        let venv = environment["PEXDEV_SCHEMATHESIS_VENV"] ?? "/tmp/pexdev-schemathesis"
        guard FileManager.default.isExecutableFile(atPath: venv + "/bin/schemathesis") else {
            let reason =
                "schemathesis is not installed in \(venv) (.ci/run installs it; or run scripts/schemathesis.sh)"
            print("warning: skipping \(name): \(reason)")
            throw XCTSkip(reason)
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../scripts/schemathesis.sh").standardized
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path]
        process.environment = environment.merging(
            [
                "PEXDEV": try TestBinary.pexdev().path, "SCHEMATHESIS_VENV": venv,
                "MAX_EXAMPLES": environment["PEXDEV_SCHEMATHESIS_EXAMPLES"] ?? "10", "TIMEOUT_SECONDS": "240",
            ], uniquingKeysWith: { $1 })
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text)
    }
}
