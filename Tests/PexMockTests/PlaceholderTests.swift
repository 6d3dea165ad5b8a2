import PexMock
import XCTest

final class OpenAPIDocumentTests: XCTestCase {
    func testDocumentIsEmbedded() {
        XCTAssertTrue(OpenAPIDocument.text.contains("\"openapi\""))
    }
}
