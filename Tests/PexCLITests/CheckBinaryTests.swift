import Foundation
import XCTest

/// The real `pexdev check`, as CI runs it.
final class CheckBinaryTests: XCTestCase {
    /// The package root, found from this file's location (Tests/PexCLITests/ is two levels down).
    private let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .resolvingSymlinksInPath()

    /// Runs pexdev in `directory` (TestBinary.run keeps the test's own), with TestBinary's environment.
    private func run(_ arguments: [String], in directory: URL) throws -> TestBinary.Outcome {
        let process = Process()
        process.executableURL = try TestBinary.pexdev()
        process.arguments = arguments
        process.environment = TestBinary.environment([:])
        process.currentDirectoryURL = directory
        let standardOutput = Pipe()
        let standardError = Pipe()
        process.standardOutput = standardOutput
        process.standardError = standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // check writes little, so reading one pipe after the other cannot fill the other and block.
        let output = standardOutput.fileHandleForReading.readDataToEndOfFile()
        let errors = standardError.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return TestBinary.Outcome(
            status: process.terminationStatus, standardOutput: String(decoding: output, as: UTF8.self),
            standardError: String(decoding: errors, as: UTF8.self))
    }

    func testNonexistentPathFails() throws {
        let result = try TestBinary.run(["check", "/nonexistent/pexdev-check"])
        XCTAssertEqual(result.status, 1, result.standardError)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertTrue(
            result.standardError.hasPrefix("error: '/nonexistent/pexdev-check' does not exist\n  hint: "),
            result.standardError)
    }

    func testSampleBrandingPasses() throws {
        let result = try run(["check", "sample-branding"], in: packageRoot)
        XCTAssertEqual(result.status, 0, result.standardOutput + result.standardError)
        XCTAssertEqual(result.standardError, "")
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.last, "", "output must end in a newline")
        let summary = try XCTUnwrap(lines.dropLast().last.map(String.init))
        XCTAssertNotNil(
            summary.range(of: #"^no problems in \d+ plugins? \(\d+ files?\)$"#, options: .regularExpression),
            result.standardOutput)
        // NO_COLOR is set by TestBinary, and stdout is a pipe anyway.
        XCTAssertFalse(result.standardOutput.contains("\u{1B}"))
    }

    func testSampleBrandingAsJSONNamesTheRootFromTheCurrentDirectory() throws {
        let result = try run(["check", "--format", "json", "sample-branding"], in: packageRoot)
        XCTAssertEqual(result.status, 0, result.standardError)
        let document = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
            result.standardOutput)
        XCTAssertEqual(document["version"] as? Int, 1)
        XCTAssertEqual(document["root"] as? String, "sample-branding/webapp2")
        let summary = try XCTUnwrap(document["summary"] as? [String: Int])
        XCTAssertEqual(summary["errors"], 0)
    }

    func testSampleBrandingQuietIsSilent() throws {
        let result = try run(["check", "--quiet", "--warnings-as-errors", "sample-branding/webapp2"], in: packageRoot)
        XCTAssertEqual(result.status, 0, result.standardOutput + result.standardError)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertEqual(result.standardError, "")
    }

    func testUsageErrorExits64() throws {
        let result = try TestBinary.run(["check", "--format", "yaml"])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertTrue(
            result.standardError.hasPrefix(
                "Error: The value 'yaml' is invalid for '--format <format>': expected one of text, json, github\n"),
            result.standardError)
        XCTAssertTrue(
            result.standardError.hasSuffix("  See 'pexdev help check' for more information.\n"), result.standardError)
    }

    func testHelp() throws {
        let result = try TestBinary.run(["help", "check"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("USAGE: pexdev check [<path>]"), result.standardOutput)
    }
}
