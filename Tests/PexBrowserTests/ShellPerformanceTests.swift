import Foundation
import XCTest

/// Time from navigation to `pexdev:ready` (every enabled plugin loaded, the roster synced) for sample-branding,
/// the issue's ≤ 300 ms figure. Measured, printed, never asserted: a shared CI machine's timing is no verdict.
/// Each browser is fresh (empty cache, new profile), so its first navigation is cold and the rest are warm
/// (revalidated from cache). `PEXDEV_READY_BROWSERS` (default 1) and `PEXDEV_READY_NAVIGATIONS` (default 10)
/// set how many; for a figure to report: `PEXDEV_READY_BROWSERS=5 swift test --filter ShellPerformanceTests`.
final class ShellPerformanceTests: XCTestCase {
    /// One navigation's performance marks, in milliseconds from navigation start.
    struct Sample {
        let ready: Double
        let marks: [String: Double]
    }

    func testReadyTimeColdAndWarm() async throws {
        let environment = ProcessInfo.processInfo.environment
        let browsers = max(1, Int(environment["PEXDEV_READY_BROWSERS"] ?? "") ?? 1)
        let navigations = max(2, Int(environment["PEXDEV_READY_NAVIGATIONS"] ?? "") ?? 10)
        let server = try await startPexdev()
        var cold: [Sample] = []
        var warm: [Sample] = []
        for _ in 0..<browsers {
            let browser = try await launchBrowser()
            let shell = ShellPage(page: try await browser.newPage(), server: server)
            for navigation in 0..<navigations {
                try await shell.open()
                try await shell.waitForReady()
                let sample = try await measure(shell)
                if navigation == 0 { cold.append(sample) } else { warm.append(sample) }
            }
            browser.close()
        }
        print(
            "pexdev:ready for sample-branding, ms from navigation start (\(browsers) fresh browser(s) × \(navigations) navigations):"
        )
        print(Self.summary("cold", cold))
        print(Self.summary("warm", warm))
        for (name, samples) in [("cold", cold), ("warm", warm)] {
            let phases = ["pexdev:boot", "pexdev:branding-read", "pexdev:joined", "pexdev:plugins-loaded"]
                .map { mark in "\(mark) \(Self.format(Self.median(samples.compactMap { $0.marks[mark] })))" }
            print("  \(name) medians: \(phases.joined(separator: ", "))")
        }
        XCTAssertEqual(cold.count, browsers)
        XCTAssertEqual(warm.count, browsers * (navigations - 1))
        XCTAssertTrue((cold + warm).allSatisfy { $0.ready > 0 }, "every navigation has a pexdev:ready mark")
    }

    /// Reads the marks, and checks this navigation really is the one the mark is about: all four plugins loaded.
    private func measure(_ shell: ShellPage) async throws -> Sample {
        let result = try await shell.page.evaluate(
            """
            ({ marks: Object.fromEntries(performance.getEntriesByType('mark')
                 .filter(mark => mark.name.startsWith('pexdev:')).map(mark => [mark.name, mark.startTime])),
               loaded: __pexdev.plugins.filter(p => p.state === 'loaded').length })
            """)
        XCTAssertEqual(result["loaded"], 4, "\(result)")
        let marks = (result["marks"]?.object ?? [:]).compactMapValues(\.number)
        guard let ready = marks["pexdev:ready"] else { throw BrowserFailure("no pexdev:ready mark: \(result)") }
        return Sample(ready: ready, marks: marks)
    }

    static func summary(_ name: String, _ samples: [Sample]) -> String {
        let times = samples.map(\.ready).sorted()
        guard let first = times.first, let last = times.last else { return "  \(name): no samples" }
        return "  \(name): median \(format(median(times))), min \(format(first)), max \(format(last)), "
            + "p90 \(format(percentile(times, 0.9))) (n = \(times.count): \(times.map(format).joined(separator: " ")))"
    }

    static func median(_ values: [Double]) -> Double {
        percentile(values, 0.5)
    }

    /// The nearest-rank percentile `p` (0…1) of `values`; 0 for none.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        if p == 0.5 && sorted.count % 2 == 0 {
            return (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    static func format(_ milliseconds: Double) -> String {
        String(Int(milliseconds.rounded()))
    }
}
