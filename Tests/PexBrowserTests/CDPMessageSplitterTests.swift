import Foundation
import XCTest

/// NUL framing of the DevTools pipe, whichever way the bytes are chunked.
final class CDPMessageSplitterTests: XCTestCase {
    private let stream =
        Data(#"{"id":1,"result":{}}"#.utf8) + [0] + Data(#"{"method":"a.b","params":{"s":"é"}}"#.utf8)
        + [0, 0] + Data(#"{"id":2"#.utf8)

    func testSplitsAtEveryChunkBoundary() {
        let expected = [Data(#"{"id":1,"result":{}}"#.utf8), Data(#"{"method":"a.b","params":{"s":"é"}}"#.utf8)]
        for cut in 0...stream.count {
            var splitter = CDPMessageSplitter()
            let messages =
                splitter.messages(completedBy: stream.prefix(cut))
                + splitter.messages(completedBy: stream.dropFirst(cut))
            XCTAssertEqual(messages, expected, "cut at byte \(cut)")
        }
    }

    func testByteByByte() {
        var splitter = CDPMessageSplitter()
        var messages: [Data] = []
        for byte in stream { messages += splitter.messages(completedBy: Data([byte])) }
        XCTAssertEqual(messages.count, 2)
        XCTAssertEqual(splitter.messages(completedBy: Data("}".utf8) + [0]), [Data(#"{"id":2}"#.utf8)])
    }
}
