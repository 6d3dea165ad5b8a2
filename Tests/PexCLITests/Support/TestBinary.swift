import Foundation
import XCTest

/// The built `pexdev` executable, run as a subprocess the way a user runs it.
enum TestBinary {
    struct Missing: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "The pexdev binary was not found next to the tests (looked in \(searched.joined(separator: ", "))). "
                + "Build it with `swift build` (same --scratch-path) before `swift test`."
        }
    }

    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The products directory holds both the test runner and `pexdev`: on Linux the runner is an executable
    /// there; on macOS the `.xctest` bundle sits there.
    static func pexdev() throws -> URL {
        var directories = [
            Bundle.main.bundleURL,
            URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent(),
        ]
        directories += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }
            .map { $0.bundleURL.deletingLastPathComponent() }
        var seen = Set<String>()
        directories = directories.filter { seen.insert($0.standardizedFileURL.path).inserted }
        for directory in directories {
            let candidate = directory.appendingPathComponent("pexdev")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Missing(searched: directories.map(\.path))
    }

    /// The test process's environment without PEXDEV_* variables, with NO_COLOR set, then `extra` applied.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PEXDEV_") }
        variables["NO_COLOR"] = "1"
        variables.merge(extra) { $1 }
        return variables
    }

    /// Runs pexdev with `arguments`; PEXDEV_* variables are cleared and NO_COLOR set, then `environment` applied.
    /// A run that has not ended after 20 s is killed, so a hang fails the test instead of stalling the suite.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = try pexdev()
        process.arguments = arguments
        process.environment = Self.environment(environment)
        let standardOutput = Pipe()
        let standardError = Pipe()
        process.standardOutput = standardOutput
        process.standardError = standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()

        let watchdog = DispatchWorkItem { [process] in
            if process.isRunning { process.terminate() }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: watchdog)
        // Read stderr concurrently so neither pipe can fill up and block the child.
        let errorData = LockedData()
        let errorReader = DispatchWorkItem {
            errorData.set(standardError.fileHandleForReading.readDataToEndOfFile())
        }
        DispatchQueue.global().async(execute: errorReader)
        let outputData = standardOutput.fileHandleForReading.readDataToEndOfFile()
        errorReader.wait()
        process.waitUntilExit()
        watchdog.cancel()
        return Outcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.get(), as: UTF8.self)
        )
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ data: Data) { lock.withLock { self.data = data } }
    func get() -> Data { lock.withLock { data } }
}
