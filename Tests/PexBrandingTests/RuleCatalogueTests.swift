import Foundation
import PexBranding
import XCTest

/// The rule table: stable, unique codes in order, each with a title and a fix.
final class RuleCatalogueTests: XCTestCase {
    func testCodesAreUniqueOrderedAndWellFormed() {
        let codes = RuleDescription.all.map(\.code)
        XCTAssertEqual(Set(codes).count, codes.count, "duplicate codes")
        XCTAssertEqual(codes, codes.sorted())
        for rule in RuleDescription.all {
            XCTAssertTrue(
                rule.code.hasPrefix("PEX") && rule.code.count == 6 && rule.code.dropFirst(3).allSatisfy(\.isNumber),
                rule.code)
            XCTAssertFalse(rule.title.isEmpty, rule.code)
            XCTAssertFalse(rule.hint.isEmpty, rule.code)
        }
    }

    func testMarkdownTableHasARowPerRule() {
        let rows = RuleDescription.markdownTable.split(separator: "\n")
        XCTAssertEqual(rows.count, RuleDescription.all.count + 2)
        XCTAssertEqual(rows[2], "| PEX001 | error | JSON syntax error | \(RuleDescription.jsonSyntax.hint) |")
    }

    /// The README's table between `<!-- rules:begin -->` and `<!-- rules:end -->` must be the generated one.
    /// To regenerate it after changing a rule: `PEXDEV_UPDATE_README=1 swift test --filter RuleCatalogueTests`.
    func testReadmeTableIsTheGeneratedOne() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let begin = text.range(of: "<!-- rules:begin -->\n"), let end = text.range(of: "<!-- rules:end -->")
        else { return XCTFail("README.md lost its rule table markers (<!-- rules:begin --> … <!-- rules:end -->)") }
        if ProcessInfo.processInfo.environment["PEXDEV_UPDATE_README"] == "1" {
            let updated = text.replacingCharacters(
                in: begin.upperBound..<end.lowerBound, with: RuleDescription.markdownTable)
            try Data(updated.utf8).write(to: readme, options: .atomic)
            return
        }
        XCTAssertEqual(String(text[begin.upperBound..<end.lowerBound]), RuleDescription.markdownTable)
    }
}
