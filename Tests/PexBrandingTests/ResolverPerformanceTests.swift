import Foundation
import PexBranding
import XCTest

/// The check over a generated tree of 200 plugins must come out clean and complete. The time is printed,
/// not asserted (figures are measured with whole-process benchmarks, never as a pass/fail bound here):
/// swift test -c release -Xswiftc -enable-testing --filter ResolverPerformanceTests
/// With PEXDEV_PLUGIN_TREE_OUT=DIR the tree is also copied to DIR, for timing `pexdev check DIR` from outside.
final class ResolverPerformanceTests: XCTestCase {
    func testCheckingTwoHundredPlugins() throws {
        let (tree, webapp2) = try PluginTreeGenerator(count: 200).write()
        defer { tree.remove() }
        let root = try BrandingLocator.locate(webapp2, currentDirectory: "/")
        if let out = ProcessInfo.processInfo.environment["PEXDEV_PLUGIN_TREE_OUT"], !out.isEmpty {
            try? FileManager.default.removeItem(atPath: out)
            try FileManager.default.copyItem(atPath: webapp2, toPath: out)
        }

        var best = Duration.seconds(1000)
        var report: CheckReport?
        let runs = Int(ProcessInfo.processInfo.environment["PEXDEV_CHECK_RUNS"] ?? "") ?? 7
        for _ in 0..<runs {
            let clock = ContinuousClock()
            let start = clock.now
            report = BrandingChecker.check(root)
            best = min(best, clock.now - start)
        }
        let checked = try XCTUnwrap(report)
        XCTAssertEqual(checked.diagnostics, [])
        XCTAssertEqual(checked.model.plugins.count, 200)
        XCTAssertEqual(checked.filesRead, 2 + 200 * 3)
        let milliseconds = Double(best.components.attoseconds) / 1e15 + Double(best.components.seconds) * 1000
        print(
            "ResolverPerformanceTests: 200 plugins checked in \(String(format: "%.2f", milliseconds)) ms (best of \(runs))"
        )
    }
}
