import Foundation

/// Places in the package, found from this file's own place in it (Tests/PexBrowserTests/Support/).
enum PackageRoot {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The branding tree that ships with pexdev as its example.
    static let sampleBranding = url.appendingPathComponent("sample-branding", isDirectory: true)

    /// Where `BrowserPage.screenshot(named:)` saves; inside .build so git ignores it.
    static let screenshots = url.appendingPathComponent(".build/screenshots", isDirectory: true)
}
