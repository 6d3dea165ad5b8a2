import PexMock
import XCTest

extension OpenAPIValidator {
    /// Fails the calling test once per conformance error, naming the request, so a broken reply reads as
    /// `POST /api/client/v2/conferences/meet/lock → 200: /result: expected boolean, got string "ok"`.
    func assertConforms(
        method: String, path: String, status: Int, body: [UInt8], contentType: String? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        for error in errors(method: method, path: path, status: status, body: body, contentType: contentType) {
            XCTFail("\(method) \(path) → \(status): \(error)", file: file, line: line)
        }
    }

    /// `assertConforms` for a mock reply (its status and JSON body).
    func assertConforms(
        _ reply: MockReply, method: String, path: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        assertConforms(method: method, path: path, status: reply.status, body: reply.body.bytes, file: file, line: line)
    }
}
