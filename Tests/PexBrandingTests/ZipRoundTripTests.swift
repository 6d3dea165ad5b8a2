import Foundation
import XCTest

@testable import PexBranding

/// Our writer's archives read back identically with our reader, `unzip -t` and Python's zipfile; archives
/// from `zip -9` and Python (ZIP64 included) read with ours.
final class ZipRoundTripTests: XCTestCase {
    private var tree: TemporaryTree!

    override func setUpWithError() throws { tree = try TemporaryTree() }
    override func tearDown() { tree?.remove() }

    /// Names with UTF-8, an empty file, incompressible bytes, and text that deflates well.
    private var sample: [(String, [UInt8])] {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return [
            ("webapp2/settings.json", Array("{\"plugins\": []}\n".utf8)),
            ("webapp2/empty.txt", []),
            ("webapp2/plugins/café/ünïcode.svg", Array("<svg id=\"é\"/>".utf8)),
            ("webapp2/plugins/noise.bin", random),
            (
                "webapp2/plugins/big.js",
                Array(String(repeating: "PEX.pluginAPI.registerPlugin({});\n", count: 3000).utf8)
            ),
        ]
    }

    private func archive(_ files: [(String, [UInt8])], timestamp: DOSTimestamp = .epoch) throws -> [UInt8] {
        var writer = ZipWriter(output: ZipMemoryOutput(), timestamp: timestamp)
        try writer.addDirectory("webapp2/")
        for (name, bytes) in files { try writer.addFile(name, contents: bytes) }
        try writer.finish()
        return writer.output.bytes
    }

    func testOurReaderReadsWhatOurWriterWrites() throws {
        let files = sample
        let bytes = try archive(files)
        let reader = try ZipReader(bytes: bytes)
        XCTAssertEqual(reader.entries.map(\.name), ["webapp2/"] + files.map(\.0))
        for (entry, (_, contents)) in zip(reader.entries.dropFirst(), files) {
            XCTAssertEqual(try reader.contents(of: entry), contents, entry.name)
        }
        let methods = Dictionary(uniqueKeysWithValues: reader.entries.map { ($0.name, $0.method) })
        XCTAssertEqual(methods["webapp2/plugins/big.js"], .deflated)
        XCTAssertEqual(methods["webapp2/plugins/noise.bin"], .stored, "incompressible data is stored")
        XCTAssertEqual(methods["webapp2/empty.txt"], .stored)
        let unicode = try XCTUnwrap(reader.entries.first { $0.name.contains("café") })
        XCTAssertEqual(unicode.flags & 0x0800, 0x0800, "non-ASCII names carry the UTF-8 flag (bit 11)")
        XCTAssertEqual(reader.entries.first?.flags, 0, "ASCII names do not")
    }

    func testTheSameInputGivesTheSameBytes() throws {
        let files = sample.filter { $0.0 != "webapp2/plugins/noise.bin" }
        let stamp = DOSTimestamp(unixMilliseconds: 1_764_072_000_000)
        XCTAssertEqual(try archive(files, timestamp: stamp), try archive(files, timestamp: stamp))
        XCTAssertNotEqual(try archive(files, timestamp: stamp), try archive(files, timestamp: .epoch))
    }

    func testUnzipAndPythonAcceptOurArchives() throws {
        let files = sample
        let path = try tree.write("ours.zip", bytes: try archive(files))
        let unzip = try ZipExternalTool.run("unzip", ["-t", path])
        XCTAssertEqual(unzip.status, 0, unzip.output)
        XCTAssertTrue(unzip.output.contains("No errors detected"), unzip.output)
        let python = try ZipExternalTool.run("python3", ["-c", ZipExternalTool.pythonListing, path])
        XCTAssertEqual(python.status, 0, python.output)
        let expected = files.sorted { $0.0 < $1.0 }.map { "\($0.0)\t\($0.1.count)\t\(CRC32.checksum($0.1))" }
        XCTAssertEqual(python.output.split(separator: "\n").map(String.init), expected)
    }

    func testWeReadArchivesMadeByZip() throws {
        try tree.write("src/webapp2/settings.json", "{\"plugins\": []}\n")
        try tree.write("src/webapp2/plugins/a/a.plugin.js", String(repeating: "(function () {})();\n", count: 500))
        try tree.write("src/webapp2/plugins/a/ünïcode.svg", "<svg/>")
        let made = try ZipExternalTool.run(
            "zip", ["-r", "-9", "-q", tree.path("made.zip"), "webapp2"], in: tree.path("src"))
        XCTAssertEqual(made.status, 0, made.output)
        let archive = try BrandingArchive.read(path: tree.path("made.zip"))
        XCTAssertEqual(archive.prefix, "webapp2/")
        XCTAssertEqual(
            archive.files.keys.sorted(), ["plugins/a/a.plugin.js", "plugins/a/ünïcode.svg", "settings.json"])
        XCTAssertEqual(
            archive.files["plugins/a/a.plugin.js"],
            Array(String(repeating: "(function () {})();\n", count: 500).utf8))
        XCTAssertTrue(archive.folders.contains("plugins/a"))
    }

    func testWeReadArchivesMadeByPythonIncludingZip64Headers() throws {
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("webapp2/settings.json", '{"plugins": []}')
                with archive.open("webapp2/big.js", "w", force_zip64=True) as entry:
                    entry.write(b"console.log(1);\\n" * 1000)
                archive.writestr(zipfile.ZipInfo("webapp2/stored.txt"), "stored")
            """
        let made = try ZipExternalTool.run("python3", ["-c", script, tree.path("py.zip")])
        XCTAssertEqual(made.status, 0, made.output)
        let reader = try ZipReader.open(path: tree.path("py.zip"))
        let files = try reader.files(under: "webapp2/")
        XCTAssertEqual(files["settings.json"], Array("{\"plugins\": []}".utf8))
        XCTAssertEqual(files["big.js"], Array(String(repeating: "console.log(1);\n", count: 1000).utf8))
        XCTAssertEqual(files["stored.txt"], Array("stored".utf8))
    }

    func testZip64CentralDirectoryAndEndRecord() throws {
        var settings = ZipTestArchive.Entry("webapp2/settings.json", "{\"plugins\": []}")
        settings.zip64 = true
        var script = ZipTestArchive.Entry.deflated("webapp2/a.js", Array(String(repeating: "x", count: 4000).utf8))
        script.zip64 = true
        var archive = ZipTestArchive([settings, script])
        archive.zip64End = true
        let bytes = archive.bytes()
        let reader = try ZipReader(bytes: bytes)
        XCTAssertEqual(reader.entries.map(\.name), ["webapp2/settings.json", "webapp2/a.js"])
        XCTAssertEqual(reader.entries.map(\.uncompressedSize), [15, 4000])
        XCTAssertEqual(try reader.contents(of: reader.entries[1]), Array(String(repeating: "x", count: 4000).utf8))
        // The builder's ZIP64 is real ZIP64: Python reads it too.
        let path = try tree.write("zip64.zip", bytes: bytes)
        let python = try ZipExternalTool.run("python3", ["-c", ZipExternalTool.pythonListing, path])
        XCTAssertEqual(python.status, 0, python.output)
        XCTAssertTrue(python.output.contains("webapp2/a.js\t4000\t"), python.output)
    }

    func testWriterRefusesWhatTheReaderWouldRefuse() {
        var writer = ZipWriter(output: ZipMemoryOutput())
        XCTAssertThrowsError(try writer.addFile("../x", contents: [])) { error in
            XCTAssertEqual((error as? ZipError)?.kind, .unsafeName)
        }
        XCTAssertNoThrow(try writer.addFile("a", contents: []))
        XCTAssertThrowsError(try writer.addFile("a", contents: [])) { error in
            XCTAssertEqual((error as? ZipError)?.kind, .duplicateName)
        }
    }

    func testDOSTimestamps() {
        // 2025-11-25 12:00:00 UTC.
        let noon = DOSTimestamp(unixMilliseconds: 1_764_072_000_000)
        XCTAssertEqual(noon.date, UInt16(45 << 9 | 11 << 5 | 25))
        XCTAssertEqual(noon.time, UInt16(12 << 11))
        // 2000-02-29 23:59:59.999 UTC: a leap day, odd seconds round down to the 2-second grid.
        let leap = DOSTimestamp(unixMilliseconds: 951_868_799_999)
        XCTAssertEqual(leap.date, UInt16(20 << 9 | 2 << 5 | 29))
        XCTAssertEqual(leap.time, UInt16(23 << 11 | 59 << 5 | 29))
        XCTAssertEqual(DOSTimestamp(unixMilliseconds: 0), .epoch, "before 1980 clamps to 1980-01-01")
        XCTAssertEqual(DOSTimestamp(unixMilliseconds: 9_000_000_000_000).date >> 9, 127, "after 2107 clamps")
    }
}
