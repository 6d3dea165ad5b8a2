import Foundation
import XCTest

/// Keeps the catalogue honest: every item of security.md has a case, and every test the registry names exists.
final class SecurityCatalogueTests: XCTestCase {
    /// The checkout's root, from this file's place in it (Tests/PexIntegrationTests/SecurityCatalogue/).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func testEveryCatalogueItemHasACase() {
        let numbers = SecurityCatalogue.items.map(\.number)
        XCTAssertEqual(numbers, Array(1...38), "the table lists security.md's items 1–38 in order")
        var covered = Set(WireCatalogue.all.map(\.item))
        for reference in SecurityCatalogue.references { covered.formUnion(reference.items) }
        let missing = SecurityCatalogue.items.filter { !covered.contains($0.number) }
        for item in missing {
            XCTFail("security.md catalogue item \(item.number) (\(item.title)) has no test case")
        }
        let unknown = covered.subtracting(numbers)
        XCTAssertTrue(unknown.isEmpty, "cases name items that are not in the catalogue: \(unknown.sorted())")
    }

    func testEveryReferencedTestExists() throws {
        var awaiting: [String] = []
        for reference in SecurityCatalogue.references {
            let target: String
            let className: String
            let method: String?
            do {
                (target, className, method) = try Self.parse(reference.test)
            } catch {
                XCTFail("\(reference.test): \(error)")
                continue
            }
            if let file = reference.awaitedFile,
                !FileManager.default.fileExists(
                    atPath: Self.repositoryRoot.appendingPathComponent("Tests/\(file)").path)
            {
                // Written under another name or target: the reference must follow, not keep skipping.
                let elsewhere = Self.testTargets().filter { !Self.declarations(of: className, inTarget: $0).isEmpty }
                if !elsewhere.isEmpty {
                    XCTFail(
                        "\(reference.test): \(className) now exists in Tests/\(elsewhere[0])/; point the reference there"
                    )
                    continue
                }
                awaiting.append(
                    "\(reference.test) (items \(reference.items)): Tests/\(file) — \(reference.awaitedReason ?? "")")
                continue
            }
            let bodies = Self.declarations(of: className, inTarget: target)
            guard !bodies.isEmpty else {
                XCTFail("\(reference.test): no `class \(className)` in Tests/\(target)/")
                continue
            }
            if let method, !bodies.contains(where: { $0.contains("func \(method)(") }) {
                XCTFail("\(reference.test): \(className) in Tests/\(target)/ has no `func \(method)(`")
            }
        }
        if !awaiting.isEmpty {
            throw XCTSkip("every other reference exists; not yet written: " + awaiting.joined(separator: "; "))
        }
    }

    /// The existence check must be able to fail: names that do not exist are not found.
    func testTheExistenceCheckFindsNothingThatIsNotThere() throws {
        XCTAssertFalse(Self.declarations(of: "SecurityCatalogueTests", inTarget: "PexIntegrationTests").isEmpty)
        XCTAssertTrue(Self.declarations(of: "NoSuchCatalogueTests", inTarget: "PexIntegrationTests").isEmpty)
        XCTAssertTrue(Self.declarations(of: "SecurityCatalogueTests", inTarget: "PexHTTPTests").isEmpty)
        let own = Self.declarations(of: "SecurityCatalogueTests", inTarget: "PexIntegrationTests")
        XCTAssertTrue(own.contains { $0.contains("func testEveryReferencedTestExists(") })
        // A method of another class in the same file does not count for this one.
        let registry = Self.declarations(of: "CatalogueWireTests", inTarget: "PexIntegrationTests")
        XCTAssertFalse(registry.contains { $0.contains("func testEveryReferencedTestExists(") })
        XCTAssertThrowsError(try Self.parse("ClassWithoutTarget/testX"))
        XCTAssertThrowsError(try Self.parse("Target.Class/notATest"))
    }

    /// The titles are security.md's words; when the spec sits beside the checkout (../shared/spec, as in the
    /// team's layout) its catalogue must be exactly items 1–38 with these titles.
    func testTitlesMatchTheSpecBesideTheCheckout() throws {
        let environment = ProcessInfo.processInfo.environment["PEXDEV_SPEC_DIR"]
        let directory =
            environment.map { URL(fileURLWithPath: $0) }
            ?? Self.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/spec")
        let spec = directory.appendingPathComponent("security.md")
        guard let text = try? String(contentsOf: spec, encoding: .utf8) else {
            throw XCTSkip("\(spec.path) is not there (set PEXDEV_SPEC_DIR to check the titles against the spec)")
        }
        let specItems = Self.catalogueItems(in: text)
        XCTAssertEqual(specItems.map(\.number), Array(1...specItems.count), "security.md numbers its items in order")
        XCTAssertEqual(
            specItems.count, SecurityCatalogue.items.count,
            "security.md's catalogue has \(specItems.count) items; SecurityCatalogue.items lists "
                + "\(SecurityCatalogue.items.count): add the new ones, each with a case")
        for (spec, ours) in zip(specItems, SecurityCatalogue.items) {
            XCTAssertEqual(
                Self.squeezed(spec.text), Self.squeezed("\(ours.title) [\(ours.expected)]"), "item \(ours.number)")
        }
    }

    // MARK: helpers

    struct BadName: Error, CustomStringConvertible {
        let description: String
    }

    /// The folders under Tests/ (test targets and their support).
    static func testTargets() -> [String] {
        let tests = repositoryRoot.appendingPathComponent("Tests").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: tests)) ?? []).filter { $0 != "Fixtures" }
            .sorted()
    }

    /// `Target.Class/testMethod` or `Target.Class`.
    static func parse(_ name: String) throws -> (target: String, className: String, method: String?) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let qualified = parts[0].split(separator: ".")
        guard qualified.count == 2, parts.count <= 2 else {
            throw BadName(description: "expected Target.Class/testMethod, got \(name)")
        }
        let method = parts.count == 2 ? String(parts[1]) : nil
        if let method, !method.hasPrefix("test") {
            throw BadName(description: "\(method) is not an XCTest method name")
        }
        return (String(qualified[0]), String(qualified[1]), method)
    }

    /// The text of every `class Name` and `extension Name` at the top level of the target's Swift files, each
    /// up to the next top-level declaration.
    static func declarations(of className: String, inTarget target: String) -> [String] {
        let folder = repositoryRoot.appendingPathComponent("Tests/\(target)")
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return []
        }
        var found: [String] = []
        var visited = 0
        while let url = walker.nextObject() as? URL, visited < 2_000 {
            visited += 1
            guard url.pathExtension == "swift", let text = try? String(contentsOf: url, encoding: .utf8) else {
                continue
            }
            var current: [Substring] = []
            var inside = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if let first = line.first, !first.isWhitespace, first != "}", first != "/", first != "@" {
                    if inside { found.append(current.joined(separator: "\n")) }
                    inside = declares(line, className)
                    current = []
                }
                if inside { current.append(line) }
            }
            if inside { found.append(current.joined(separator: "\n")) }
        }
        return found
    }

    private static func declares(_ line: Substring, _ className: String) -> Bool {
        let words = line.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "{" || $0 == "<" })
        guard let index = words.firstIndex(where: { $0 == "class" || $0 == "extension" }) else { return false }
        return words.index(after: index) < words.endIndex && words[words.index(after: index)] == className
    }

    /// Numbered items of the "Bad-input catalogue" section: number and text (continuation lines joined).
    static func catalogueItems(in markdown: String) -> [(number: Int, text: String)] {
        guard let start = markdown.range(of: "## Bad-input catalogue") else { return [] }
        var items: [(number: Int, text: String)] = []
        for line in markdown[start.upperBound...].split(separator: "\n") {
            if line.hasPrefix("Anything not listed") { break }
            let digits = line.prefix { $0.isNumber }
            if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". "), let number = Int(digits) {
                items.append((number, String(line.dropFirst(digits.count + 2))))
            } else if line.hasPrefix(" "), !items.isEmpty {
                items[items.count - 1].text += " " + line
            }
        }
        return items
    }

    /// Text without whitespace or backticks, so line wrapping and Markdown code spans do not matter.
    static func squeezed(_ text: String) -> String {
        text.filter { !$0.isWhitespace && $0 != "`" }
    }
}
