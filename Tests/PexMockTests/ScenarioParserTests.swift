import Foundation
import PexBranding
import PexMock
import XCTest

/// Scenario files: the shipped example parses, and each mistake is reported with its position and a hint.
final class ScenarioParserTests: XCTestCase {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../sample-branding/mock-scenario.json").standardized

    func testShippedSampleParses() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.sample))
        switch ScenarioParser.parse(bytes) {
        case .failure(let failure): XCTFail(failure.issues.map(\.oneLine).joined(separator: "\n"))
        case .success(let scenario):
            XCTAssertEqual(scenario.conferences.map(\.primaryAlias), ["meet", "board"])
            XCTAssertEqual(scenario.conferences[0].aliases, ["meet", "meet.alice"])
            XCTAssertEqual(scenario.conferences[0].timeline.count, 9)
            XCTAssertEqual(scenario.conferences[0].participants[1].isMuted, true)
            XCTAssertEqual(scenario.conferences[1].hostPIN, "1234")
            XCTAssertEqual(scenario.tokenLifetime, 120)
        }
    }

    func testMistakesAreReportedWithPositions() {
        // (scenario, expected message fragment, line, column)
        let cases: [(String, String, Int, Int)] = [
            ("{\"conferences\": [ {\"alias\": \"a\",} ]}", "trailing comma", 1, 32),
            ("[]", "JSON object", 1, 1),
            ("{}", "no \"conferences\"", 1, 1),
            ("{\"conferences\": []}", "non-empty array", 1, 17),
            ("{\"conferencs\": []}", "unknown key 'conferencs'", 1, 2),
            ("{\"conferences\": [{\"name\": \"x\"}]}", "no \"alias\"", 1, 18),
            ("{\"conferences\": [{\"alias\": \"a\", \"locked\": \"yes\"}]}", "locked must be true or false", 1, 43),
            ("{\"conferences\": [{\"alias\": \"a\", \"host_pin\": \"12\"}]}", "4 to 20 digits", 1, 45),
            ("{\"conferences\": [{\"alias\": \"a\", \"guest_pin\": \"1234\"}]}", "no effect", 1, 46),
            ("{\"conferences\": [{\"alias\": \"a\"}, {\"alias\": \"A\"}]}", "used by two conferences", 1, 34),
            (
                "{\"conferences\": [{\"alias\": \"a\", \"participants\": [{\"role\": \"chair\"}]}]}", "display_name", 1,
                50
            ),
            (
                "{\"conferences\": [{\"alias\": \"a\", \"participants\": [{\"display_name\": \"x\", \"is_mutd\": \"YES\"}]}]}",
                "'is_mutd' is not a participant field", 1, 72
            ),
            (
                "{\"conferences\": [{\"alias\": \"a\", \"participants\": [{\"display_name\": \"x\", \"is_muted\": 1}]}]}",
                "'is_muted' must be", 1, 84
            ),
            ("{\"conferences\": [{\"alias\": \"a\", \"timeline\": [{\"join\": {}}]}]}", "needs \"at\"", 1, 46),
            (
                "{\"conferences\": [{\"alias\": \"a\", \"timeline\": [{\"at\": \"soon\", \"lock\": {}}]}]}",
                "\"at\" must be", 1, 53
            ),
            (
                "{\"conferences\": [{\"alias\": \"a\", \"timeline\": [{\"at\": \"1s\", \"chatt\": {}}]}]}",
                "unknown action 'chatt'", 1, 59
            ),
            (
                "{\"conferences\": [{\"alias\": \"a\", \"timeline\": [{\"at\": 1, \"lock\": {}, \"unlock\": {}}]}]}",
                "one action per entry", 1, 68
            ),
            (
                "{\"conferences\": [{\"alias\": \"a\", \"timeline\": [{\"at\": 1, \"chat\": {\"from\": \"x\"}}]}]}",
                "'from' and 'text'", 1, 64
            ),
            (
                "{\"conferences\": [{\"alias\": \"a\", \"timeline\": [{\"at\": 1, \"mute\": 3}]}]}",
                "needs the participant", 1, 64
            ),
            ("{\"conferences\": [{\"alias\": \"a\", \"layout\": \"7:7\"}]}", "layout must be", 1, 43),
            ("{\"token_expires\": 2, \"conferences\": [{\"alias\": \"a\"}]}", "at least 10 seconds", 1, 19),
        ]
        for (text, fragment, line, column) in cases {
            guard case .failure(let failure) = ScenarioParser.parse(Array(text.utf8)) else {
                XCTFail("accepted: \(text)")
                continue
            }
            let issue = failure.issues.first { $0.message.contains(fragment) }
            XCTAssertNotNil(issue, "\(text): wanted '\(fragment)', got \(failure.issues.map(\.message))")
            XCTAssertEqual(issue?.range?.start.line, line, text)
            XCTAssertEqual(issue?.range?.start.column, column, "\(text): \(issue?.message ?? "")")
        }
    }

    func testEveryProblemIsReportedNotJustTheFirst() {
        let text = "{\"conferences\": [{\"alias\": \"a\", \"chat\": 1, \"locked\": 2, \"colour\": 3}]}"
        guard case .failure(let failure) = ScenarioParser.parse(Array(text.utf8)) else { return XCTFail() }
        XCTAssertEqual(failure.issues.count, 3)
        XCTAssertTrue(
            failure.issues.contains {
                $0.hint
                    == "known keys: alias, aliases, name, host_pin, guest_pin, allow_guests, locked, chat, service_type, layout, guests_muted, participants, timeline"
            })
    }

    func testDurations() {
        let cases: [(String, Double?)] = [
            ("\"5s\"", 5), ("\"500ms\"", 0.5), ("\"1m30s\"", 90), ("\"2m\"", 120), ("\"1h\"", 3600), ("3", 3),
            ("2.5", 2.5), ("\"1.5s\"", 1.5), ("\"\"", nil), ("\"5x\"", nil), ("-1", nil), ("\"s\"", nil), ("true", nil),
        ]
        for (json, expected) in cases {
            let node = try? JSONReader.read(Array(json.utf8)).root
            XCTAssertEqual(node.flatMap(ScenarioParser.duration), expected, json)
        }
    }

    func testDiagnosticRendersLikeCheck() {
        let text = "{\n  \"conferences\": [{\"alias\": \"a\", \"lockd\": true}]\n}\n"
        guard case .failure(let failure) = ScenarioParser.parse(Array(text.utf8)) else { return XCTFail() }
        let renderer = DiagnosticTextRenderer(
            paths: DisplayPaths(rootDirectory: "/tmp", currentDirectory: "/tmp"), source: { _ in Array(text.utf8) })
        let output = renderer.render(failure.issues.map { $0.diagnostic(file: "scenario.json") })
        XCTAssertTrue(output.contains("scenario.json:2:34: error: unknown key 'lockd'"), output)
        XCTAssertTrue(output.contains("did you mean 'locked'?"), output)
        XCTAssertTrue(output.contains("^"), output)
    }
}
