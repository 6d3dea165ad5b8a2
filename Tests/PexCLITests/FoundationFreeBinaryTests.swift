import Foundation
import XCTest

/// The product links FoundationEssentials only. One use of swift-corelibs-foundation (`NSLock`,
/// `trimmingCharacters`, `range(of:)` from its String overlay, `JSONSerialization`…) links all of Foundation and
/// ICU into the static binary: 15.5 MiB stripped becomes 57.6 MiB, far over the container's 30 MB budget.
final class FoundationFreeBinaryTests: XCTestCase {
    func testThePexdevBinaryCarriesNoICU() throws {
        let binary = try TestBinary.pexdev()
        let data = try Data(contentsOf: binary, options: .alwaysMapped)
        // ICU's data table; its symbol name is in every build that links it (stripped or not, the table's
        // header names it too).
        XCTAssertNil(
            data.firstRange(of: Data("icudt".utf8)),
            "pexdev links ICU: some module uses swift-corelibs-foundation instead of FoundationEssentials "
                + "(find it with `nm -u` on the .o files for symbols of module 10Foundation)")
    }
}
