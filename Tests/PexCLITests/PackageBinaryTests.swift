import Foundation
import PexBranding
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// The real `pexdev init`, `new plugin`, `package`, `check x.zip` and `serve x.zip`, as a user runs them.
final class PackageBinaryTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = try TestBinary.temporaryFolder()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func pexdev(
        _ arguments: [String], expect status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line
    )
        throws -> TestBinary.Outcome
    {
        let result = try TestBinary.run(arguments, in: folder)
        XCTAssertEqual(result.status, status, result.standardOutput + result.standardError, file: file, line: line)
        return result
    }

    /// `pexdev init` plus three plugins, an asset, and clutter that must stay out.
    private func makeTree() throws {
        _ = try pexdev(["init", "demo"])
        _ = try pexdev(["new", "plugin", "raise-hand", "demo"])
        _ = try pexdev(["new", "plugin", "mute-guest", "demo", "--menu", "participants", "--roles", "chair"])
        _ = try pexdev(["new", "plugin", "listener", "demo", "--menu", "none"])
        try write("demo/webapp2/plugins/raise-hand/assets/logo.png", bytes: (0..<3000).map { UInt8($0 % 251) })
        try write("demo/webapp2/notes.txt", bytes: Array("todo".utf8))
        try write("demo/webapp2/plugins/raise-hand/raise-hand.plugin.js~", bytes: Array("old".utf8))
        try write("demo/webapp2/.DS_Store", bytes: [0])
    }

    private func write(_ relative: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: folder + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    private func read(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + relative)))
    }

    private func manifestID() throws -> UInt64 {
        let root = try BrandingLocator.locate(folder + "/demo", currentDirectory: "/")
        return try XCTUnwrap(root.manifest?.brandingID.flatMap { UInt64($0) })
    }

    /// The files the package must hold: the tree minus the clutter, relative to webapp2/.
    private let packaged = [
        "manifest.json", "plugins/listener/listener.plugin.js", "plugins/listener/listener.plugin.json",
        "plugins/mute-guest/assets/mute-guest.svg", "plugins/mute-guest/mute-guest.plugin.js",
        "plugins/mute-guest/mute-guest.plugin.json", "plugins/raise-hand/assets/logo.png",
        "plugins/raise-hand/assets/raise-hand.svg", "plugins/raise-hand/raise-hand.plugin.js",
        "plugins/raise-hand/raise-hand.plugin.json", "settings.json",
    ]

    func testPackageRoundTripsThroughUnzipPythonAndOurReader() throws {
        try makeTree()
        let before = try manifestID()
        let result = try pexdev(["package", "demo", "-o", "out/branding.zip"], expect: 1)
        XCTAssertTrue(result.standardError.contains("cannot create a temporary file in"), result.standardError)
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        let packaged = try pexdev(["package", "demo", "-o", "out/branding.zip"])
        let after = try manifestID()
        XCTAssertGreaterThan(after, before)
        let lines = packaged.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(
            lines.prefix(4).map { $0.split(separator: " ").joined(separator: " ") },
            [
                "left out 3 files:",
                "demo/webapp2/.DS_Store hidden (dotfile)",
                "demo/webapp2/notes.txt not referenced by settings.json or any plugin",
                "demo/webapp2/plugins/raise-hand/raise-hand.plugin.js~ editor or system leftover",
            ])
        XCTAssertTrue(
            lines[4].hasPrefix("packaged out/branding.zip: ") && lines[4].hasSuffix(" KiB, 18 entries (11 files)"),
            lines[4])
        XCTAssertEqual(lines[5], "  brandingID \(after) (was \(before)), written to demo/webapp2/manifest.json")
        XCTAssertEqual(packaged.standardError, "")

        let zip = folder + "/out/branding.zip"
        let unzip = try TestBinary.runTool("unzip", ["-t", zip])
        XCTAssertEqual(unzip.status, 0, unzip.standardOutput)
        XCTAssertTrue(unzip.standardOutput.contains("No errors detected in compressed data"), unzip.standardOutput)

        let script = """
            import sys, zipfile, zlib
            with zipfile.ZipFile(sys.argv[1]) as archive:
                assert archive.testzip() is None
                for info in archive.infolist():
                    if not info.is_dir():
                        print(info.filename + "\\t" + str(zlib.crc32(archive.read(info))))
            """
        let python = try TestBinary.runTool("python3", ["-c", script, zip])
        XCTAssertEqual(python.status, 0, python.standardOutput)
        var expected: [String] = []
        for path in self.packaged {
            let bytes = try read("demo/webapp2/" + path)
            expected.append("webapp2/\(path)\t\(zlibCRC(bytes))")
        }
        XCTAssertEqual(python.standardOutput.split(separator: "\n").map(String.init).sorted(), expected.sorted())

        let archive = try BrandingLocator.locate(zip, currentDirectory: "/")
        let files = try XCTUnwrap(archive.archive?.files)
        XCTAssertEqual(files.keys.sorted(), self.packaged)
        for path in self.packaged { XCTAssertEqual(files[path], try read("demo/webapp2/" + path), path) }

        let check = try pexdev(["check", "out/branding.zip"])
        XCTAssertEqual(check.standardOutput, "no problems in 3 plugins (10 files)\n", "the PNG is not read")
    }

    /// CRC-32 as zlib computes it (what Python prints), in Swift, bit by bit: the test does not trust pexdev's.
    private func zlibCRC(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    func testBrandingIDStrictlyIncreasesAcrossImmediateRuns() throws {
        try makeTree()
        var ids = [try manifestID()]
        for _ in 0..<3 {
            _ = try pexdev(["package", "demo", "-q"])
            ids.append(try manifestID())
        }
        XCTAssertEqual(ids, ids.sorted())
        XCTAssertEqual(Set(ids).count, ids.count, "every package gets a new brandingID: \(ids)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".zip") }.sorted()
        XCTAssertEqual(names, ids.dropFirst().map { "branding-\($0).zip" }, "the default name carries the id")
    }

    func testNoBumpTwiceGivesIdenticalBytesAndOverwritingNeedsForce() throws {
        try makeTree()
        _ = try pexdev(["package", "demo", "--no-bump", "-o", "a.zip"])
        _ = try pexdev(["package", "demo", "--no-bump", "-o", "b.zip"])
        XCTAssertEqual(try read("a.zip"), try read("b.zip"))
        let refused = try pexdev(["package", "demo", "--no-bump", "-o", "a.zip"], expect: 1)
        XCTAssertEqual(
            refused.standardError,
            "error: '\(folder)/a.zip' already exists; not overwritten\n"
                + "  hint: use --force to replace it, or -o to write another file\n")
        _ = try pexdev(["package", "demo", "--no-bump", "-o", "a.zip", "--force"])
    }

    func testErrorsAreListedLikeCheckAndRefusedUnlessForced() throws {
        try makeTree()
        try write("demo/webapp2/plugins/listener/listener.plugin.json", bytes: Array(#"{"id": "listener",}"#.utf8))
        let manifest = try read("demo/webapp2/manifest.json")
        let refused = try pexdev(["package", "demo"], expect: 1)
        XCTAssertTrue(
            refused.standardError.hasPrefix(
                "demo/webapp2/plugins/listener/listener.plugin.json:1:18: error: "),
            refused.standardError)
        XCTAssertTrue(
            refused.standardError.hasSuffix(
                "error: not packaged: 1 error would stop plugins loading\n"
                    + "  hint: fix them (pexdev check shows them again), or package anyway with --force\n"),
            refused.standardError)
        XCTAssertEqual(refused.standardOutput, "")
        XCTAssertEqual(try read("demo/webapp2/manifest.json"), manifest, "a refused package changes nothing")
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasSuffix(".zip") })

        let forced = try pexdev(["package", "demo", "--force"])
        XCTAssertTrue(
            forced.standardError.contains(
                "warning: packaged despite 1 error (--force): the plugins named above will not load"),
            forced.standardError)
    }

    func testAKillDuringTheWriteLeavesTheOldPackage() throws {
        try makeTree()
        // Incompressible, so the archive is far bigger than the file-size limit below.
        var generator = SystemRandomNumberGenerator()
        try write(
            "demo/webapp2/plugins/raise-hand/assets/noise.bin",
            bytes: (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try write("out.zip", bytes: Array("the previous package".utf8))
        let manifest = try read("demo/webapp2/manifest.json")
        // RLIMIT_FSIZE: the kernel kills pexdev with SIGXFSZ once the archive passes 32 KiB (dash counts
        // 512-byte blocks), in the middle of writing it.
        let run = try RunningServer(
            [
                "-c", "cd \"$1\" && ulimit -f 64 && exec \"$0\" package demo -o out.zip --force",
                try TestBinary.pexdev().path, folder,
            ],
            shell: true)
        let status = try run.waitForExit(seconds: 20)
        XCTAssertEqual(
            status, SIGXFSZ, "pexdev should have been killed mid-write: \(run.standardOutput) \(run.standardError)")
        XCTAssertEqual(String(decoding: try read("out.zip"), as: UTF8.self), "the previous package")
        XCTAssertEqual(try read("demo/webapp2/manifest.json"), manifest, "the manifest is stamped after the ZIP")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers.count, 1, "the killed run's temporary file, never the real name: \(leftovers)")
        // The next run packages normally next to the leftover.
        _ = try pexdev(["package", "demo", "-o", "out.zip", "--force"])
        XCTAssertNoThrow(try BrandingLocator.locate(folder + "/out.zip", currentDirectory: "/"))
    }

    func testServeAZipReadOnlyStraightFromTheArchive() throws {
        try makeTree()
        _ = try pexdev(["package", "demo", "-o", "branding.zip"])
        let server = try RunningServer(["serve", folder + "/branding.zip", "--port", "0"])
        defer { server.kill() }
        let port = try server.waitForPort()
        XCTAssertTrue(
            server.standardOutput.contains("  archive   \(folder)/branding.zip (read-only, 11 files)"),
            server.standardOutput)
        let settings = try TestBinary.runTool(
            "curl", ["-s", "http://127.0.0.1:\(port)/webapp2/custom_configuration/settings.json"])
        XCTAssertEqual(settings.standardOutput, String(decoding: try read("demo/webapp2/settings.json"), as: UTF8.self))
        let put = try TestBinary.runTool(
            "curl",
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-d", "x",
                "http://127.0.0.1:\(port)/webapp2/custom_configuration/settings.json",
            ])
        XCTAssertEqual(put.standardOutput, "405")
        let missing = try TestBinary.runTool(
            "curl", ["-s", "http://127.0.0.1:\(port)/webapp2/custom_configuration/notes.txt"])
        XCTAssertTrue(missing.standardOutput.contains("no file notes.txt in the branding archive branding.zip"))
    }

    func testServeRefusesAnUnsafeZipWithItsReason() throws {
        // A hand-made archive whose one entry climbs out of the folder.
        var bytes: [UInt8] = []
        let name = Array("../webapp2/settings.json".utf8)
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xFFFF) + u16(v >> 16) }
        bytes += u32(0x0403_4B50) + u16(20) + u16(0) + u16(0) + u16(0) + u16(0x21) + u32(0) + u32(0) + u32(0)
        bytes += u16(name.count) + u16(0) + name
        let directory = bytes.count
        var central = u32(0x0201_4B50) + u16(0x0314) + u16(20) + u16(0) + u16(0) + u16(0) + u16(0x21) + u32(0)
        central += u32(0) + u32(0) + u16(name.count) + u16(0) + u16(0) + u16(0) + u16(0) + u32(0) + u32(0) + name
        bytes += central
        bytes += u32(0x0605_4B50) + u16(0) + u16(0) + u16(1) + u16(1) + u32(central.count) + u32(directory) + u16(0)
        try write("evil.zip", bytes: bytes)
        let result = try pexdev(["serve", "evil.zip", "--port", "0"], expect: 1)
        XCTAssertEqual(
            result.standardError,
            "error: '\(folder)/evil.zip' cannot be used: entry '../webapp2/settings.json' climbs out of the "
                + "archive's folder with '..'\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["evil.zip"])
    }
}
