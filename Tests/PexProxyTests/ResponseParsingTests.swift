import PexHTTP
import PexProxy
import XCTest

final class ResponseParsingTests: XCTestCase {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testAHeadIsFoundWhateverTheSplitAndInterimAnswersAreSkipped() throws {
        let wire = bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nX-A: 1\r\nX-B:  two \r\n\r\nbody")
        for cut in 0..<wire.count {
            let partial = try ResponseHeadParser.parse(Array(wire[..<cut]))
            if cut < wire.count - 4 { XCTAssertNil(partial, "cut at \(cut)") }
        }
        let (head, consumed) = try XCTUnwrap(try ResponseHeadParser.parse(wire))
        XCTAssertEqual(head.status, 201)
        XCTAssertEqual(head.reason, "Created")
        XCTAssertEqual(head.headers["X-B"], "two")
        XCTAssertEqual(Array(wire[consumed...]), bytes("body"))
        let bare = try XCTUnwrap(try ResponseHeadParser.parse(bytes("HTTP/1.0 404\nX: y\n\n")))
        XCTAssertEqual(bare.head.status, 404)
        XCTAssertEqual(bare.head.headers["X"], "y")
    }

    func testWhatIsNotAnHTTPHeadIsRefused() {
        for wire in [
            "SSH-2.0-x\r\n\r\n", "HTTP/2 200\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 099 x\r\n\r\n",
            "HTTP/1.1 200 OK\r\n Folded: x\r\n\r\n", "HTTP/1.1 200 OK\r\nNo colon\r\n\r\n",
            "HTTP/1.1 101 Switching Protocols\r\n\r\n",
        ] {
            XCTAssertThrowsError(try ResponseHeadParser.parse(bytes(wire)), wire)
        }
        let huge = bytes("HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 70_000))
        XCTAssertThrowsError(try ResponseHeadParser.parse(huge))
    }

    func testFramingFollowsRFC9112() throws {
        func head(_ status: Int, _ headers: [(String, String)]) -> UpstreamResponseHead {
            UpstreamResponseHead(status: status, reason: "", headers: HTTPHeaders(headers))
        }
        XCTAssertEqual(try head(200, [("Content-Length", "5")]).framing(method: "GET"), .length(5))
        XCTAssertEqual(try head(200, [("Content-Length", "5, 5")]).framing(method: "GET"), .length(5))
        XCTAssertEqual(try head(200, [("Content-Length", "5")]).framing(method: "HEAD"), .none)
        XCTAssertEqual(try head(204, []).framing(method: "GET"), .none)
        XCTAssertEqual(try head(304, [("Content-Length", "9")]).framing(method: "GET"), .none)
        XCTAssertEqual(
            try head(200, [("Transfer-Encoding", "Chunked"), ("Content-Length", "5")]).framing(method: "GET"), .chunked)
        XCTAssertEqual(try head(200, []).framing(method: "GET"), .untilClose)
        for bad in [
            [("Content-Length", "-1")], [("Content-Length", "5"), ("Content-Length", "6")], [("Content-Length", "0x5")],
            [("Transfer-Encoding", "gzip, chunked")],
        ] {
            XCTAssertThrowsError(try head(200, bad).framing(method: "GET"), "\(bad)")
        }
    }

    func testChunkedBodiesDecodeAtEveryByteBoundary() throws {
        let wire = bytes("5;ext=1\r\nhello\r\n0A\r\n, world..!\r\n0\r\nTrailer: x\r\n\r\nNEXT")
        for step in [1, 2, 3, 7, wire.count] {
            var decoder = ChunkedDecoder()
            var output: [UInt8] = []
            var index = 0
            while index < wire.count && !decoder.isDone {
                let end = min(index + step, wire.count)
                index += try decoder.decode(wire[index..<end], into: &output)
            }
            XCTAssertTrue(decoder.isDone, "step \(step)")
            XCTAssertEqual(String(decoding: output, as: UTF8.self), "hello, world..!", "step \(step)")
            XCTAssertEqual(Array(wire[index...]), bytes("NEXT"), "step \(step)")
        }
        for bad in ["zz\r\n", "5\r\nhelloX\r\n", String(repeating: "1", count: 5000)] {
            var decoder = ChunkedDecoder()
            var output: [UInt8] = []
            XCTAssertThrowsError(try decoder.decode(bytes(bad)[...], into: &output), bad)
        }
    }

    func testTheReloadScriptGoesIntoTheHead() {
        func inject(_ html: String) -> String {
            String(decoding: HTMLInjection.inject("<s>", into: Array(html.utf8)), as: UTF8.self)
        }
        XCTAssertEqual(inject("<html><head></head></html>"), "<html><head><s></head></html>")
        XCTAssertEqual(inject("<HTML><BODY>x"), "<HTML><s><BODY>x")
        XCTAssertEqual(inject("text"), "<s>text")
        XCTAssertEqual(inject(""), "<s>")
    }
}
