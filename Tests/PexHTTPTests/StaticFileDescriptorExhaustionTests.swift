import Foundation
import XCTest

@testable import PexHTTP

/// A file that exists but cannot be opened because the process is out of descriptors is the server being busy,
/// not a missing file (found by pexdev-faultload's idle scenario under `ulimit -n 1024`: 404 for manifest.json).
final class StaticFileDescriptorExhaustionTests: XCTestCase {
    func testOutOfDescriptorsIs503NotFound() throws {
        // In a child process: the test lowers its own descriptor limit and uses up every descriptor.
        try runInChildProcess {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pexhttp-emfile-\(getpid())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data("{\"ok\": true}\n".utf8).write(to: folder.appendingPathComponent("settings.json"))
            let handler = StaticFileHandler(root: folder.path, mountPath: "/files/", label: "test folder")
            let request = HTTPRequest(method: "GET", target: "/files/settings.json")

            var limit = rlimit()
            getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            let saved = limit
            limit.rlim_cur = 256
            XCTAssertEqual(setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit), 0)
            var fillers: [Int32] = []
            for _ in 0..<256 {
                let fd = open("/dev/null", O_RDONLY)
                if fd < 0 { break }
                fillers.append(fd)
            }
            XCTAssertEqual(errno, EMFILE)
            var refusal: HTTPError?
            do {
                _ = try handler.respond(to: request)
            } catch {
                refusal = error as? HTTPError
            }
            for fd in fillers { close(fd) }
            var restored = saved
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &restored)

            XCTAssertEqual(refusal?.status.code, 503, refusal?.description ?? "answered")
            XCTAssertEqual(refusal?.headers.first { $0.0 == "Retry-After" }?.1, "1")
            // With descriptors back, the same file is served.
            XCTAssertEqual(try handler.respond(to: request).status.code, 200)
        }
    }
}
