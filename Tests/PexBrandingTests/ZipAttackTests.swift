import XCTest

@testable import PexBranding

/// The hostile archives of security.md item 33, each built here and refused with its own message before
/// anything is unpacked.
final class ZipAttackTests: XCTestCase {
    private typealias Entry = ZipTestArchive.Entry

    private func assertRefused(
        _ archive: ZipTestArchive, _ kind: ZipError.Kind, _ message: String, limits: ZipLimits = ZipLimits(),
        file: StaticString = #filePath, line: UInt = #line
    ) {
        assertRefused(archive.bytes(), kind, message, limits: limits, file: file, line: line)
    }

    private func assertRefused(
        _ bytes: [UInt8], _ kind: ZipError.Kind, _ message: String, limits: ZipLimits = ZipLimits(),
        file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let error = ZipTestArchive.refusal(bytes, limits: limits) else {
            return XCTFail("archive accepted; expected: \(message)", file: file, line: line)
        }
        XCTAssertEqual(error.kind, kind, error.message, file: file, line: line)
        XCTAssertEqual(error.message, message, file: file, line: line)
    }

    func testTheWellFormedBaselineIsAccepted() {
        let archive = ZipTestArchive([Entry("webapp2/", []), Entry("webapp2/settings.json", "{}")])
        XCTAssertNil(ZipTestArchive.refusal(archive.bytes()))
    }

    func testParentDirectoryEntries() {
        for name in ["../evil.js", "webapp2/../../evil.js", "webapp2/plugins/..", "a/../b"] {
            assertRefused(
                ZipTestArchive([Entry(name, "x")]), .unsafeName,
                "entry '\(name)' climbs out of the archive's folder with '..'")
        }
    }

    func testAbsolutePaths() {
        for name in ["/etc/cron.d/evil", "C:/Windows/evil.js", "c:evil"] {
            assertRefused(
                ZipTestArchive([Entry(name, "x")]), .unsafeName,
                "entry '\(name)' has an absolute path; entries must be relative")
        }
    }

    func testBackslashes() {
        assertRefused(
            ZipTestArchive([Entry("webapp2\\..\\evil.js", "x")]), .unsafeName,
            "entry 'webapp2\\..\\evil.js' contains a backslash, a Windows path separator")
    }

    func testEmptyDotAndControlCharacterNames() {
        assertRefused(ZipTestArchive([Entry("", "x")]), .unsafeName, "an entry has an empty name")
        assertRefused(
            ZipTestArchive([Entry("a//b", "x")]), .unsafeName, "entry 'a//b' has an empty or '.' path component")
        assertRefused(
            ZipTestArchive([Entry("./a", "x")]), .unsafeName, "entry './a' has an empty or '.' path component")
        assertRefused(
            ZipTestArchive([Entry("a\u{1}b", "x")]), .unsafeName, "entry 'a?b' has a control character in its name")
        var latin1 = Entry("x", "x")
        latin1.name = [0x63, 0x61, 0x66, 0xE9]  // "café" in ISO 8859-1
        assertRefused(ZipTestArchive([latin1]), .unsafeName, "entry 'caf\u{FFFD}' has a name that is not UTF-8")
    }

    func testSymbolicLinksAndDevices() {
        var link = Entry("webapp2/settings.json", "/etc/passwd")
        link.externalAttributes = 0o120777 << 16
        assertRefused(
            ZipTestArchive([link]), .notARegularFile,
            "entry 'webapp2/settings.json' is a symbolic link; links are refused in branding packages")
        var fifo = Entry("webapp2/pipe", [])
        fifo.externalAttributes = 0o010644 << 16
        assertRefused(
            ZipTestArchive([fifo]), .notARegularFile,
            "entry 'webapp2/pipe' is neither a file nor a folder (a device or FIFO)")
        // A DOS-made archive has no Unix mode: the same bits mean nothing there.
        var dos = Entry("webapp2/a.js", "x")
        dos.madeBy = 20
        dos.externalAttributes = 0o120777 << 16
        XCTAssertNil(ZipTestArchive.refusal(ZipTestArchive([dos]).bytes()))
    }

    func testDuplicateNames() {
        assertRefused(
            ZipTestArchive([Entry("webapp2/settings.json", "{}"), Entry("webapp2/settings.json", "{\"plugins\": []}")]),
            .duplicateName, "entry 'webapp2/settings.json' appears more than once in the archive")
        assertRefused(
            ZipTestArchive([Entry("webapp2/", []), Entry("webapp2", "x")]), .duplicateName,
            "entry 'webapp2' appears more than once in the archive")
        assertRefused(
            ZipTestArchive([Entry("webapp2/a", "x"), Entry("webapp2/a/b.js", "y")]), .duplicateName,
            "'webapp2/a' is both a file and a folder in the archive (see 'webapp2/a/b.js')")
    }

    func testZipBombByRatio() {
        let zeros = [UInt8](repeating: 0, count: 4 << 20)
        let bomb = Entry.deflated("webapp2/bomb.js", zeros)
        let ratio = zeros.count / bomb.data.count
        assertRefused(
            ZipTestArchive([bomb]), .compressionRatio,
            "entry 'webapp2/bomb.js' expands \(ratio) times (\(ByteCount.text(bomb.data.count)) → 4.0 MiB): a zip bomb? "
                + "The limit is 100 times")
        // Small files may compress far better than that: they cannot hurt.
        XCTAssertNil(
            ZipTestArchive.refusal(ZipTestArchive([Entry.deflated("a.svg", Array(zeros.prefix(4096)))]).bytes()))
    }

    func testHeaderThatUnderstatesTheSizeIsCaughtWhileInflating() {
        var liar = Entry.deflated("webapp2/a.js", [UInt8](repeating: 0x61, count: 100_000))
        liar.uncompressedSize = 10
        assertRefused(
            ZipTestArchive([liar]), .compressionRatio,
            "entry 'webapp2/a.js' expands past the 10 bytes its header declares: a zip bomb?")
    }

    func testOverlappingEntriesShareData() {
        // The "non-recursive" zip bomb: entry a's data is entry b's whole local record.
        let inner = ZipTestArchive([Entry("b", "hello")]).bytes()
        let innerRecord = Array(inner.prefix(30 + 1 + 5))
        var outer = Entry("a", innerRecord)
        outer.crc = CRC32.checksum(innerRecord)
        var bytes: [UInt8] = []
        let a = ZipTestArchive([outer]).bytes()
        let aRecord = Array(a.prefix(30 + 1 + innerRecord.count))
        bytes += aRecord
        // Central directory: a at 0, b at 31 (inside a's data).
        var centralA = Entry("a", innerRecord)
        centralA.crc = outer.crc
        let central = Self.central(centralA, offset: 0) + Self.central(Entry("b", "hello"), offset: 31)
        let directoryOffset = bytes.count
        bytes += central
        bytes += ZipTestArchive.u32(0x0605_4B50) + ZipTestArchive.u16(0) + ZipTestArchive.u16(0)
        bytes += ZipTestArchive.u16(2) + ZipTestArchive.u16(2) + ZipTestArchive.u32(UInt32(central.count))
        bytes += ZipTestArchive.u32(UInt32(directoryOffset)) + ZipTestArchive.u16(0)
        assertRefused(bytes, .compressionRatio, "entries 'a' and 'b' share the same data: a zip bomb?")
    }

    /// The central directory header of one entry, cut from an archive holding just it.
    private static func central(_ entry: Entry, offset: UInt32) -> [UInt8] {
        let archive = ZipTestArchive([entry]).bytes()
        let start = 30 + entry.name.count + entry.data.count
        var header = Array(archive[start..<archive.count - 22])
        header.replaceSubrange(42..<46, with: ZipTestArchive.u32(offset))
        return header
    }

    func testTooManyEntries() {
        let many = ZipTestArchive((0...10_000).map { Entry("f\($0)", []) })
        assertRefused(
            many, .tooManyEntries, "the archive has 10001 entries; pexdev reads at most 10000")
        // A ZIP64 end record may claim far more; it is refused before the directory is read.
        var claims = ZipTestArchive([Entry("a", "x")])
        claims.zip64End = true
        claims.declaredCount = 100_000
        assertRefused(claims, .tooManyEntries, "the archive has 100000 entries; pexdev reads at most 10000")
    }

    func testTooLargeInAll() {
        var limits = ZipLimits()
        limits.maximumTotalSize = 1000
        assertRefused(
            ZipTestArchive([
                Entry("a", [UInt8](repeating: 1, count: 600)), Entry("b", [UInt8](repeating: 2, count: 600)),
            ]),
            .tooLarge, "the entries add up to more than 1000 bytes uncompressed; a branding package is far smaller",
            limits: limits)
        limits = ZipLimits()
        limits.maximumEntrySize = 100
        assertRefused(
            ZipTestArchive([Entry("a", [UInt8](repeating: 1, count: 101))]), .tooLarge,
            "entry 'a' is 101 bytes uncompressed; the limit for one file is 100 bytes", limits: limits)
    }

    func testTruncatedArchives() {
        let whole = ZipTestArchive([Entry("webapp2/settings.json", "{\"plugins\": []}")]).bytes()
        for cut in [1, 10, 22, 40, whole.count - 10] {
            let error = ZipTestArchive.refusal(Array(whole.dropLast(cut)))
            XCTAssertEqual(error?.kind, .truncated, "cut \(cut): \(error?.message ?? "accepted")")
            XCTAssertEqual(
                error?.message, "the archive is truncated: its end (the central directory record) is missing",
                "cut \(cut)")
        }
        // The end record survives but the data it points at does not.
        var shifted = whole
        shifted.removeSubrange(20..<30)
        XCTAssertEqual(ZipTestArchive.refusal(shifted)?.kind, .truncated)
    }

    func testBadChecksum() {
        var entry = Entry("webapp2/settings.json", "{}")
        entry.crc ^= 1
        let expected = CRC32.checksum(Array("{}".utf8))
        assertRefused(
            ZipTestArchive([entry]), .badChecksum,
            "entry 'webapp2/settings.json' is corrupt: its CRC-32 is \(ZipReader.hex(expected)), the archive says "
                + ZipReader.hex(expected ^ 1))
    }

    func testEncryptedAndUnknownMethods() {
        var encrypted = Entry("a.js", "x")
        encrypted.flags = 1
        assertRefused(
            ZipTestArchive([encrypted]), .unsupported,
            "entry 'a.js' is encrypted; pexdev reads only unencrypted archives")
        var bzip2 = Entry("a.js", "x")
        bzip2.method = 12
        assertRefused(
            ZipTestArchive([bzip2]), .unsupported,
            "entry 'a.js' uses compression method 12 (bzip2); pexdev reads stored and deflate entries")
    }

    func testNotAZipAtAll() {
        assertRefused(
            Array("hello, I am a text file".utf8), .notAZip,
            "the file is not a ZIP archive (no end-of-central-directory record)")
        assertRefused([], .notAZip, "the file is not a ZIP archive (no end-of-central-directory record)")
    }

    func testCorruptDeflateData() {
        var entry = Entry.deflated("a.js", Array(String(repeating: "plugin ", count: 200).utf8))
        entry.data = [UInt8](repeating: 0xFF, count: entry.data.count)
        assertRefused(
            ZipTestArchive([entry]), .corrupt,
            "the archive is corrupt: the compressed data of entry 'a.js' is not valid deflate data")
    }
}
