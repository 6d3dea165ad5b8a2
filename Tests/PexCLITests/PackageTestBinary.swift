import Foundation
import XCTest

/// Running pexdev in a given folder (the commands that write files name them relative to it).
extension TestBinary {
    static func run(_ arguments: [String], in directory: String) throws -> Outcome {
        let process = Process()
        process.executableURL = try pexdev()
        process.arguments = arguments
        process.environment = environment([:])
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let standardOutput = Pipe()
        let standardError = Pipe()
        process.standardOutput = standardOutput
        process.standardError = standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // These commands write little, so reading one pipe after the other cannot block the child.
        let output = standardOutput.fileHandleForReading.readDataToEndOfFile()
        let errors = standardError.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: String(decoding: output, as: UTF8.self),
            standardError: String(decoding: errors, as: UTF8.self))
    }

    /// A fresh folder, resolved (macOS's /tmp is a symlink), removed by the caller.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pexdev-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.resolvingSymlinksInPath().path
    }

    /// An external tool's path, or nil (the test then skips, saying which tool is missing).
    static func tool(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func runTool(_ name: String, _ arguments: [String], in directory: String? = nil) throws -> Outcome {
        guard let path = tool(name) else {
            print("\(name) is not installed: skipping (apt-get install \(name))")
            throw XCTSkip("\(name) is not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: String(decoding: data, as: UTF8.self), standardError: "")
    }
}
