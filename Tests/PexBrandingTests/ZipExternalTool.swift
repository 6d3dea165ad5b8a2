import Foundation
import XCTest

/// Runs `unzip`, `zip` and `python3` for the round trips; a missing tool skips the test, saying which.
enum ZipExternalTool {
    struct Outcome {
        var status: Int32
        var output: String
    }

    static func path(_ tool: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `tool` with `arguments` in `directory`, or throws XCTSkip when it is not installed.
    static func run(_ tool: String, _ arguments: [String], in directory: String? = nil) throws -> Outcome {
        guard let executable = path(tool) else {
            print(
                "ZipExternalTool: \(tool) is not installed; skipping (apt-get install \(tool == "python3" ? "python3" : tool))"
            )
            throw XCTSkip("\(tool) is not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Python's zipfile: tests every CRC and prints `name<TAB>size<TAB>crc32` (of the data it read) for each
    /// file entry, sorted.
    static let pythonListing = """
        import sys, zipfile, zlib
        with zipfile.ZipFile(sys.argv[1]) as archive:
            bad = archive.testzip()
            if bad is not None:
                sys.exit("bad CRC: " + bad)
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if not info.is_dir():
                    data = archive.read(info)
                    print(info.filename + "\\t" + str(len(data)) + "\\t" + str(zlib.crc32(data)))
        """
}
