import XCTest

final class BrowserPlaceholderTests: XCTestCase {
    func testPlaceholder() {}
}
