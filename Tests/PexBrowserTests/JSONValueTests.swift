import Foundation
import XCTest

/// JSON values as CDP sends and receives them.
final class JSONValueTests: XCTestCase {
    func testDecodingKeepsBooleansAndNumbersApart() throws {
        let value = try JSONDecoder().decode(
            JSONValue.self, from: Data(#"{"t":true,"one":1,"zero":0,"x":1.5,"s":"1","n":null,"a":[false]}"#.utf8))
        XCTAssertEqual(value, ["t": true, "one": 1, "zero": 0, "x": 1.5, "s": "1", "n": nil, "a": [false]])
        XCTAssertEqual(value["one"]?.int, 1)
        XCTAssertNil(value["x"]?.int)
        XCTAssertNil(value["t"]?.number)
    }

    func testWholeNumbersEncodeWithoutAFraction() {
        XCTAssertEqual(JSONValue.object(["id": 7, "x": 2.5]).jsonText, #"{"id":7,"x":2.5}"#)
    }

    func testStringsBecomeJavaScriptLiterals() {
        XCTAssertEqual(JSONValue.string("a'b\"c\n</script>").jsonText, #""a'b\"c\n</script>""#)
    }
}
