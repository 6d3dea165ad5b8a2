import XCTest

@testable import PexCLI

/// `package`, `init` and `new plugin` command lines into options (no files touched).
final class PackageParsingTests: XCTestCase {
    private func parse(_ arguments: [String]) -> Result<PexdevCommand, UsageError> {
        RootCommand.parse(arguments, environment: [:])
    }

    func testPackageOptions() throws {
        XCTAssertEqual(try parse(["package"]).get(), .package(PackageOptions()))
        var options = PackageOptions()
        options.brandingPath = "site"
        options.output = "dist/x.zip"
        options.force = true
        options.bump = false
        options.quiet = true
        XCTAssertEqual(
            try parse(["package", "site", "-o", "dist/x.zip", "--force", "--no-bump", "-q"]).get(), .package(options))
        XCTAssertEqual(
            try parse(["package", "--output=dist/x.zip", "site", "--force", "--no-bump", "--quiet"]).get(),
            .package(options))
        guard case .failure(let error) = parse(["package", "--no-bmup"]) else { return XCTFail("accepted") }
        XCTAssertEqual(error.message, "Unknown option '--no-bmup'. Did you mean '--no-bump'?")
    }

    func testInitAndNewPluginOptions() throws {
        XCTAssertEqual(try parse(["init", "x"]).get(), .initialize(InitOptions(directory: "x")))
        var options = NewPluginOptions()
        options.name = "mute"
        options.brandingPath = "site"
        options.placement = .participants
        options.roles = ["chair"]
        options.platforms = ["web", "android"]
        XCTAssertEqual(
            try parse([
                "new", "plugin", "mute", "site", "--menu", "participants", "--roles", "chair",
                "--platforms", "android,web",
            ]).get(),
            .newPlugin(options))
        options.placement = nil
        options.roles = ["chair", "guest"]
        options.platforms = ["web", "electron", "ios", "android"]
        XCTAssertEqual(try parse(["new", "plugin", "mute", "site", "--menu", "none"]).get(), .newPlugin(options))
        XCTAssertEqual(try parse(["new"]).get(), .help(.new))
        XCTAssertEqual(try parse(["help", "new", "plugin"]).get(), .help(.newPlugin))
        guard case .failure(let error) = parse(["new", "plugn"]) else { return XCTFail("accepted") }
        XCTAssertEqual(error.message, "Unknown subcommand 'new plugn'. Did you mean 'plugin'?")
    }

    func testHelpForTheNewCommandsFitsEightyColumns() {
        for topic in HelpTopic.allCases {
            for line in HelpFormatter.render(topic.command).split(separator: "\n") {
                XCTAssertLessThanOrEqual(line.count, 80, "too wide: \(line)")
            }
        }
    }
}
