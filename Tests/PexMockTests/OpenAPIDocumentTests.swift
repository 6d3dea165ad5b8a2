import Foundation
import PexMock
import XCTest

/// The mock's OpenAPI document (`Sources/PexMock/Resources/openapi.json`): well-formed, complete, and true —
/// every reply the mock gives, for every call and its errors, is one the document describes.
final class OpenAPIDocumentTests: XCTestCase {
    private let validator = OpenAPIValidator.shared

    // MARK: the document itself

    func testDocumentLoadsAsOpenAPI303WithTheClientAPIPrefix() {
        XCTAssertNil(validator.loadError)
        XCTAssertEqual(validator.document["openapi"], .string("3.0.3"))
        XCTAssertEqual(validator.serverPath, "/api/client/v2")
        XCTAssertNotNil(validator.document["info"]?["title"]?.stringValue)
        let description = validator.document["info"]?["description"]?.stringValue ?? ""
        XCTAssertTrue(description.contains("/__pexdev/mock/"), "info.description mentions the control API")
    }

    func testEmbeddedCopyIsTheRepositoryFile() {
        XCTAssertEqual(OpenAPIDocument.text, validator.text, "rebuild: the binary embeds an older openapi.json")
    }

    func testEveryReferenceResolves() {
        var references: [(pointer: String, target: String)] = []
        collectReferences(validator.document, at: "", into: &references)
        XCTAssertGreaterThan(references.count, 50)
        for reference in references {
            XCTAssertTrue(reference.target.hasPrefix("#/components/"), "\(reference.pointer): \(reference.target)")
            XCTAssertNotNil(validator.document.value(at: reference.target), "\(reference.pointer): \(reference.target)")
        }
    }

    func testPathsAreExactlyTheCallsTheMockAnswers() {
        var expected: Set<String> = ["GET /openapi.json"]
        for call in [
            "request_token", "refresh_token", "release_token", "lock", "unlock", "muteguests", "unmuteguests",
            "clearallbuzz", "message", "transform_layout", "dial",
        ] {
            expected.insert("POST /conferences/{alias}/\(call)")
        }
        for call in ["participants", "conference_status", "events"] {
            expected.insert("GET /conferences/{alias}/\(call)")
        }
        for call in [
            "disconnect", "mute", "unmute", "spotlighton", "spotlightoff", "dtmf", "role", "transfer",
            "allowrxpresentation", "denyrxpresentation", "unlock", "buzz", "clearbuzz",
        ] {
            expected.insert("POST /conferences/{alias}/participants/{uuid}/\(call)")
        }
        XCTAssertEqual(Set(operations().map(\.key)), expected)
    }

    func testEveryOperationDocumentsItsResponsesWithSchemas() {
        var operationIDs: Set<String> = []
        for (key, operation) in operations() {
            if let id = operation["operationId"]?.stringValue {
                XCTAssertTrue(operationIDs.insert(id).inserted, "\(key): operationId \(id) is used twice")
            } else {
                XCTFail("\(key) has no operationId")
            }
            let responses = operation["responses"]?.objectValue ?? [:]
            XCTAssertFalse(responses.isEmpty, "\(key) documents no responses")
            XCTAssertNotNil(responses["200"], "\(key) has no 200")
            // No `default`: a status the document does not name must be an error.
            XCTAssertTrue(responses.keys.allSatisfy { Int($0).map { (100..<600).contains($0) } ?? false }, key)
            for (status, response) in responses {
                guard let response = validator.resolved(response) else {
                    XCTFail("\(key) \(status): unresolvable")
                    continue
                }
                XCTAssertNotNil(response["description"]?.stringValue, "\(key) \(status) has no description")
                let content = response["content"]?.objectValue ?? [:]
                XCTAssertFalse(content.isEmpty, "\(key) \(status) documents no body")
                for (mediaType, media) in content {
                    XCTAssertNotNil(media["schema"], "\(key) \(status) \(mediaType) has no schema")
                }
            }
            if key.hasPrefix("POST /conferences/") && !key.hasSuffix("request_token") {
                XCTAssertTrue(parameterNames(operation).contains("header token"), "\(key) takes the token header")
            }
        }
    }

    func testErrorStatusesFollowTheMocksRules() {
        for (key, operation) in operations() where key.contains("{alias}") {
            let statuses = Set(operation["responses"]?.objectValue?.keys.map { $0 } ?? [])
            XCTAssertTrue(statuses.isSuperset(of: ["200", "400", "403", "404", "414"]), "\(key): \(statuses.sorted())")
        }
        let forbidden = { (key: String) -> String? in
            self.operations().first { $0.key == key }?.operation["responses"]?["403"]?["$ref"]?.stringValue
        }
        XCTAssertEqual(forbidden("POST /conferences/{alias}/lock"), "#/components/responses/InvalidTokenOrNotHost")
        XCTAssertEqual(forbidden("GET /conferences/{alias}/participants"), "#/components/responses/InvalidToken")
        XCTAssertEqual(
            forbidden("POST /conferences/{alias}/participants/{uuid}/mute"),
            "#/components/responses/InvalidTokenOrNotHost")
    }

    /// Every keyword in every schema is one the validator checks or a pure annotation, so nothing the
    /// document says is silently skipped.
    func testDocumentUsesOnlyKeywordsTheValidatorChecks() {
        var schemas: [(pointer: String, schema: [String: OpenAPIJSON])] = []
        collectSchemas(validator.document, at: "", into: &schemas)
        XCTAssertGreaterThan(schemas.count, 100)
        let known = OpenAPISchemaValidator.checkedKeywords.union(OpenAPISchemaValidator.annotationKeywords)
        for (pointer, schema) in schemas {
            for keyword in schema.keys where !known.contains(keyword) {
                XCTFail("\(pointer): keyword '\(keyword)' is not checked by OpenAPISchemaValidator")
            }
            if schema["$ref"] != nil {
                XCTAssertEqual(schema.count, 1, "\(pointer): siblings of $ref are ignored in OpenAPI 3.0")
            }
        }
    }

    // MARK: JSON parsing

    func testBooleansIntegersAndNumbersAreToldApart() throws {
        let parsed = try OpenAPIJSON.parse(
            Array(
                #"{"t": true, "f": false, "one": 1, "zero": 0, "half": 1.5, "big": 12345678901234, "neg": -3, "s": "1", "n": null}"#
                    .utf8))
        XCTAssertEqual(
            parsed,
            .object([
                "t": .bool(true), "f": .bool(false), "one": .integer(1), "zero": .integer(0), "half": .number(1.5),
                "big": .integer(12_345_678_901_234), "neg": .integer(-3), "s": .string("1"), "n": .null,
            ]))
        XCTAssertEqual(
            try OpenAPIJSON.parse(Array("[true, 1, false, 0]".utf8)),
            .array([.bool(true), .integer(1), .bool(false), .integer(0)]))
        XCTAssertThrowsError(try OpenAPIJSON.parse(Array("{".utf8)))
    }

    // MARK: the validator catches what it should

    func testValidatorAcceptsConformingResponses() {
        let participant = MockParticipant(uuid: "u-1", displayName: "Ann", role: .chair, startTime: 1_800_000_000)
        let list = #"{"status": "success", "result": [\#(participant.restObject.text)]}"#
        let cases: [(String, String, Int, String, String?)] = [
            ("GET", "/api/client/v2/conferences/meet/participants", 200, list, nil),
            ("HEAD", "/api/client/v2/conferences/meet/participants", 200, "", nil),
            ("POST", "/api/client/v2/conferences/meet/lock", 200, #"{"status": "success", "result": true}"#, nil),
            (
                "POST", "/api/client/v2/conferences/meet/lock", 403,
                #"{"status": "success", "result": "Invalid token"}"#, nil
            ),
            (
                "POST", "/api/client/v2/conferences/meet/lock", 403, #"{"status": "failed", "result": "hosts only"}"#,
                nil
            ),
            (
                "POST", "/api/client/v2/conferences/m%40x.com/participants/u-1/mute", 200,
                #"{"status": "success", "result": true}"#, nil
            ),
            (
                "GET", "/api/client/v2/conferences/meet/events?token=abc", 200, "id: 1\nevent: x\ndata: {}\n\n",
                "text/event-stream; charset=utf-8"
            ),
            (
                "GET", "/api/client/v2/conferences/meet/lock", 405,
                #"{"status": "failed", "result": "this call takes POST"}"#, nil
            ),
            (
                "GET", "/api/client/v2/conferences/nope/lock", 404,
                #"{"status": "failed", "result": "no such conference"}"#, nil
            ),
            (
                "POST", "/api/client/v2/conferences/meet/nosuchcall", 404,
                #"{"status": "failed", "result": "unknown"}"#, nil
            ),
            (
                "POST", "/api/client/v2/conferences/vmr/request_token", 403,
                #"{"status": "success", "result": {"pin": "required", "guest_pin": "none"}}"#, nil
            ),
            (
                "POST", "/api/client/v2/conferences/vmr/request_token", 403,
                #"{"status": "failed", "result": "Invalid PIN"}"#, nil
            ),
        ]
        for (method, path, status, body, contentType) in cases {
            XCTAssertEqual(
                validator.errors(method: method, path: path, status: status, body: body, contentType: contentType), [],
                "\(method) \(path) \(status)")
        }
    }

    func testValidatorReportsViolationsWithPointers() {
        let participant = MockParticipant(uuid: "u-1", displayName: "Ann", role: .chair, startTime: 1_800_000_000)
        let good = participant.restObject.text
        func list(_ object: String) -> String { #"{"status": "success", "result": [\#(object)]}"# }
        let participants = "/api/client/v2/conferences/meet/participants"
        let lock = "/api/client/v2/conferences/meet/lock"
        let cases: [(what: String, method: String, path: String, status: Int, body: String, errors: [String])] = [
            (
                "flag as a boolean", "GET", participants, 200,
                list(good.replacingOccurrences(of: #""is_muted": "NO""#, with: #""is_muted": true"#)),
                [#"/result/0/is_muted: expected one of ["YES","NO"], got true"#]
            ),
            (
                "bad enum", "GET", participants, 200,
                list(good.replacingOccurrences(of: #""role": "chair""#, with: #""role": "HOST""#)),
                [#"/result/0/role: expected one of ["chair","guest"], got "HOST""#]
            ),
            (
                "wrong type", "GET", participants, 200,
                list(good.replacingOccurrences(of: #""spotlight": 0"#, with: #""spotlight": "0""#)),
                [#"/result/0/spotlight: expected integer, got string "0""#]
            ),
            (
                "a fraction where an integer belongs", "GET", participants, 200,
                list(good.replacingOccurrences(of: #""start_time": 1800000000"#, with: #""start_time": 1.5"#)),
                ["/result/0/start_time: expected integer, got number 1.5"]
            ),
            (
                "missing required field", "GET", participants, 200,
                list(good.replacingOccurrences(of: #""uri": "ann@example.com", "#, with: "")),
                [#"/result/0: missing required property "uri""#]
            ),
            (
                "extra field", "GET", participants, 200,
                list(good.replacingOccurrences(of: #""uuid": "u-1""#, with: #""uuid": "u-1", "muted": true"#)),
                ["/result/0/muted: unexpected property (additionalProperties is false)"]
            ),
            (
                "1 is not true", "POST", lock, 200, #"{"status": "success", "result": 1}"#,
                ["/result: expected one of [true], got 1"]
            ),
            (
                "missing result", "POST", lock, 200, #"{"status": "success"}"#,
                [#"(root): missing required property "result""#]
            ),
            (
                "null result", "GET", participants, 200, #"{"status": "success", "result": null}"#,
                ["/result: expected array, got null"]
            ),
            (
                "undocumented status", "POST", lock, 500, #"{"status": "failed", "result": "boom"}"#,
                [
                    "status 500 is not documented for POST /conferences/{alias}/lock (documented: 200, 400, 403, 404, 414)"
                ]
            ),
            (
                "invalid token spelled failed", "GET", participants, 403,
                #"{"status": "failed", "result": "Invalid token"}"#,
                [#"/status: expected one of ["success"], got "failed""#]
            ),
            (
                "undocumented method answered", "POST", participants, 200, list(good),
                [
                    "POST is not documented for /conferences/{alias}/participants; an undocumented method must get 405, got 200"
                ]
            ),
            (
                "unknown call answered", "POST", "/api/client/v2/conferences/meet/frobnicate", 200,
                #"{"status": "success", "result": true}"#,
                ["no path in the document matches /conferences/meet/frobnicate; only a 404 is expected there, got 200"]
            ),
            (
                "outside the API", "GET", "/webapp2/index.html", 200, "",
                ["/webapp2/index.html is outside the document's server URL /api/client/v2"]
            ),
        ]
        for item in cases {
            XCTAssertEqual(
                validator.errors(method: item.method, path: item.path, status: item.status, body: item.body),
                item.errors, item.what)
        }
        let oneOf = validator.errors(
            method: "POST", path: lock, status: 403, body: #"{"status": "failed", "result": 5}"#)
        XCTAssertEqual(oneOf.count, 1)
        XCTAssertTrue(
            oneOf.first?.hasPrefix(
                "(root): matches none of the 2 oneOf schemas; closest is #/components/schemas/Failed: /result: expected string"
            )
                ?? false, "\(oneOf)")
        let notJSON = validator.errors(method: "POST", path: lock, status: 200, body: "ok")
        XCTAssertTrue(notJSON.first?.hasPrefix("(root): not JSON") ?? false, "\(notJSON)")
        let wrongMedia = validator.errors(method: "POST", path: lock, status: 200, body: "", contentType: "text/plain")
        XCTAssertEqual(wrongMedia, [#"status 200 is documented as ["application/json"], not text/plain"#])
    }

    func testSchemaKeywords() throws {
        let schemas = OpenAPISchemaValidator(
            document: .object([
                "components": .object([
                    "schemas": .object(["Loop": .object(["$ref": .string("#/components/schemas/Loop")])])
                ])
            ]))
        func check(_ value: String, _ schema: String) throws -> [String] {
            schemas.errors(try OpenAPIJSON.parse(Array(value.utf8)), against: try OpenAPIJSON.parse(Array(schema.utf8)))
        }
        XCTAssertEqual(try check("null", #"{"type": "string", "nullable": true}"#), [])
        XCTAssertEqual(try check("3", #"{"type": "number"}"#), [], "an integer is a number")
        XCTAssertEqual(try check("true", #"{"type": "integer"}"#), ["(root): expected integer, got boolean true"])
        XCTAssertEqual(
            try check("[1]", #"{"type": "array", "minItems": 2}"#), ["(root): expected at least 2 items, got 1"])
        XCTAssertEqual(
            try check("[1, 2]", #"{"type": "array", "maxItems": 1}"#), ["(root): expected at most 1 items, got 2"])
        XCTAssertEqual(try check(#""é""#, #"{"type": "string", "maxLength": 1}"#), [])
        XCTAssertEqual(
            try check(#""ab""#, #"{"type": "string", "minLength": 3}"#),
            ["(root): expected at least 3 characters, got 2"])
        XCTAssertEqual(
            try check(#""12x""#, #"{"type": "string", "pattern": "^[0-9]+$"}"#),
            [#"(root): expected a match for /^[0-9]+$/, got "12x""#])
        XCTAssertEqual(
            try check("-1", #"{"type": "integer", "minimum": 0}"#), ["(root): expected at least 0.0, got -1.0"])
        XCTAssertEqual(try check("7", #"{"maximum": 5}"#), ["(root): expected at most 5.0, got 7.0"])
        XCTAssertEqual(
            try check(#"{"a": 1, "b": "x"}"#, #"{"additionalProperties": {"type": "integer"}}"#),
            [#"/b: expected integer, got string "x""#])
        XCTAssertEqual(try check(#""x""#, #"{"anyOf": [{"type": "integer"}, {"type": "string"}]}"#), [])
        XCTAssertEqual(
            try check("1.5", #"{"anyOf": [{"type": "integer"}, {"type": "string"}]}"#),
            [
                "(root): matches none of the 2 anyOf schemas; closest is schema 1: (root): expected integer, got number 1.5"
            ])
        XCTAssertEqual(
            try check("5", #"{"oneOf": [{"type": "integer"}, {"type": "number"}]}"#),
            ["(root): matches 2 of the oneOf schemas, expected exactly one"])
        XCTAssertEqual(
            try check("5", #"{"allOf": [{"type": "integer"}, {"minimum": 6}]}"#),
            ["(root): expected at least 6.0, got 5.0"])
        XCTAssertEqual(
            try check(
                #"{"a/b": {"c~d": 1}}"#, #"{"properties": {"a/b": {"properties": {"c~d": {"type": "string"}}}}}"#),
            ["/a~1b/c~0d: expected string, got integer 1"])
        XCTAssertEqual(
            try check("1", ##"{"$ref": "#/components/schemas/Nope"}"##),
            ["(root): unresolvable $ref #/components/schemas/Nope"])
        XCTAssertEqual(
            try check("1", ##"{"$ref": "#/components/schemas/Loop"}"##),
            ["(root): $ref cycle at #/components/schemas/Loop"])
    }

    func testPathTemplatesPreferLiteralSegments() {
        XCTAssertEqual(
            validator.pathItem(for: "/conferences/meet/participants")?.0.template, "/conferences/{alias}/participants")
        XCTAssertEqual(
            validator.pathItem(for: "/conferences/a%2Fb%40c/participants/x/role")?.0.template,
            "/conferences/{alias}/participants/{uuid}/role")
        XCTAssertNil(validator.pathItem(for: "/conferences/meet/participants/x"))
        XCTAssertNil(validator.pathItem(for: "/conferences//lock"), "an empty alias is no alias")
    }

    func testAnUnreadableDocumentMakesEveryCheckFail() {
        let broken = OpenAPIValidator(text: "{not json")
        XCTAssertEqual(broken.errors(method: "GET", path: "/x", status: 200, body: "").count, 1)
        XCTAssertEqual(
            OpenAPIValidator(text: "", readError: "gone").errors(method: "GET", path: "/x", status: 200, body: ""),
            ["gone"])
    }

    // MARK: the mock's replies

    func testOpenAPIDocumentIsServedAsItsOwn200() {
        validator.assertConforms(
            method: "GET", path: "/api/client/v2/openapi.json", status: 200, body: Array(OpenAPIDocument.text.utf8))
    }

    /// Every call's happy path and every error it can give, straight from `MockService`, each reply checked
    /// against the document; then every status the document lists must have been seen (or be one only the
    /// HTTP layer gives).
    func testEveryMockReplyConformsToTheDocument() {
        var vmr = MockConference(aliases: ["vmr"], name: "PIN room")
        vmr.hostPIN = "1234"
        var strict = MockConference(aliases: ["strict"], name: "Strict room")
        strict.hostPIN = "1234"
        strict.guestPIN = "5678"
        strict.chatEnabled = false
        strict.serviceType = "lecture"
        var scenario = MockScenario.standard
        scenario.conferences += [vmr, strict, MockConference(aliases: ["other"])]
        let run = OpenAPIConformanceRun(scenario)

        let host = run.join("Host")
        let stream = run.subscribe(token: host.token)
        exerciseSession(run)
        exerciseConferenceCalls(run, host: host.token)
        exerciseParticipantCalls(run, host: host.token)
        exerciseEvents(run, host: host.token)

        run.clock.advance(by: 121)
        run.call("GET", "participants", token: host.token, expect: 403)
        run.events(token: host.token, expect: 403)

        checkStream(stream)
        checkCoverage(run)
    }

    private func exerciseSession(_ run: OpenAPIConformanceRun) {
        let name = #"{"display_name": "Dev"}"#
        run.call("request_token", alias: "nope", body: name, expect: 404)
        for body in [
            "", "   ", "{", "[1]", "5", #"{"display_name": ""}"#, #"{"display_name": "  "}"#, #"{"display_name": 5}"#,
            #"{"display_name": "\#(String(repeating: "x", count: 251))"}"#,
        ] {
            run.call("request_token", body: body, expect: 400)
        }
        run.call("GET", "request_token", expect: 405)
        run.call("request_token", alias: "vmr", body: name, expect: 403)
        run.call("request_token", alias: "vmr", pin: "9999", body: name, expect: 403)
        run.call("request_token", alias: "strict", body: name, expect: 403)
        run.call("request_token", alias: "strict", pin: "none", body: name, expect: 403)
        _ = run.join("Strict guest", alias: "strict", pin: "5678")
        _ = run.join("Strict host", alias: "strict", pin: "1234")

        let renewing = run.join("Renewing")
        let renewed = run.call("refresh_token", token: renewing.token, expect: 200)
        run.call("refresh_token", token: renewing.token, expect: 403)
        run.call("refresh_token", alias: "nope", token: renewing.token, expect: 404)
        guard case .string(let token)? = renewed.result?["token"] else { return XCTFail("no token") }
        run.call("GET", "refresh_token", token: token, expect: 405)
        run.call("release_token", token: token, expect: 200)
        run.call("release_token", token: token, expect: 403)
        run.call("release_token", alias: "nope", token: token, expect: 404)
    }

    private func exerciseConferenceCalls(_ run: OpenAPIConformanceRun, host: String) {
        let vmrHost = run.join("VMR host", alias: "vmr", pin: "1234")
        let vmrGuest = run.join("VMR guest", alias: "vmr", pin: "none")
        for call in ["lock", "unlock", "muteguests", "unmuteguests", "clearallbuzz"] {
            run.call(call, token: host, expect: 200)
            run.call(call, token: host, body: "{}", expect: 200)
            run.call(call, token: host, body: "{", expect: 400)
            run.call(call, token: host, body: "[]", expect: 400)
            run.call(call, expect: 403)
            run.call(call, token: "stale", expect: 403)
            run.call(call, alias: "vmr", token: host, expect: 403)  // a token of another conference
            run.call(call, alias: "vmr", token: vmrGuest.token, expect: 403)  // a guest
            run.call(call, alias: "nope", token: host, expect: 404)
            run.call("GET", call, token: host, expect: 405)
        }
        // A locked room sends joining guests to the waiting room; muted guests join muted.
        run.call("lock", alias: "vmr", token: vmrHost.token, expect: 200)
        run.call("muteguests", alias: "vmr", token: vmrHost.token, expect: 200)
        let waiting = run.join("Waiting guest", alias: "vmr", pin: "none")
        run.call("GET", "participants", alias: "vmr", token: vmrHost.token, expect: 200)
        run.call("participants/\(waiting.uuid)/unlock", alias: "vmr", token: vmrHost.token, expect: 200)
        run.call("unlock", alias: "vmr", token: vmrHost.token, expect: 200)

        run.call("message", token: host, body: #"{"type": "text/plain", "payload": "hi"}"#, expect: 200)
        run.call("message", alias: "vmr", token: vmrGuest.token, body: #"{"payload": "from a guest"}"#, expect: 200)
        run.call("message", token: host, body: "{}", expect: 400)
        run.call("message", token: host, body: #"{"payload": 5}"#, expect: 400)
        run.call("message", token: host, body: #"{"payload": "\#(String(repeating: "x", count: 65537))"}"#, expect: 400)
        run.call("message", token: host, body: "nope", expect: 400)
        run.call("message", expect: 403)
        let strictHost = run.join("Chatty host", alias: "strict", pin: "1234")
        run.call("message", alias: "strict", token: strictHost.token, body: #"{"payload": "hi"}"#, expect: 403)
        run.call("message", alias: "nope", token: host, body: #"{"payload": "hi"}"#, expect: 404)

        run.call("transform_layout", token: host, body: #"{"transforms": {"layout": "4:0"}}"#, expect: 200)
        run.call("transform_layout", token: host, body: #"{"transforms": {"guest_layout": "1:0"}}"#, expect: 200)
        run.call("transform_layout", token: host, body: #"{"transforms": {}}"#, expect: 200)
        for body in [
            "{}", #"{"transforms": "4:0"}"#, #"{"transforms": {"layout": 4}}"#, #"{"transforms": {"layout": "3:3"}}"#,
        ] {
            run.call("transform_layout", token: host, body: body, expect: 400)
        }
        run.call("transform_layout", alias: "vmr", token: vmrGuest.token, body: #"{"transforms": {}}"#, expect: 403)
        run.call("transform_layout", alias: "nope", token: host, body: #"{"transforms": {}}"#, expect: 404)

        run.call("dial", token: host, body: #"{"destination": "bob@example.com", "protocol": "sip"}"#, expect: 200)
        run.call(
            "dial", token: host,
            body:
                #"{"destination": "rtmp://live.example.com/x", "protocol": "rtmp", "role": "HOST", "streaming": true}"#,
            expect: 200)
        run.call("dial", token: host, body: #"{"destination": "carol", "role": "guest"}"#, expect: 200)
        for body in [
            "{}", #"{"destination": "  "}"#, #"{"destination": 5}"#, #"{"destination": "x", "protocol": "webrtc"}"#,
            #"{"destination": "x", "role": "boss"}"#, #"{"destination": "x", "role": 1}"#,
            #"{"destination": "x", "streaming": "yes"}"#,
        ] {
            run.call("dial", token: host, body: body, expect: 400)
        }
        run.call("dial", alias: "vmr", token: vmrGuest.token, body: #"{"destination": "x"}"#, expect: 403)
        run.call("dial", alias: "nope", token: host, body: #"{"destination": "x"}"#, expect: 404)
        // The dialled participants are `connecting` until they answer.
        run.call("GET", "participants", token: host, expect: 200)
        run.clock.advance(by: 3)

        for call in ["participants", "conference_status"] {
            run.call("GET", call, token: host, expect: 200)
            run.call("HEAD", call, token: host, expect: 200)
            run.call("GET", call, alias: "vmr", token: vmrGuest.token, expect: 200)
            run.call("GET", call, alias: "strict", token: strictHost.token, expect: 200)
            run.call("GET", call, expect: 403)
            run.call("GET", call, alias: "nope", token: host, expect: 404)
            run.call("POST", call, token: host, expect: 405)
        }
        run.call("frobnicate", token: host, expect: 404)
        run.call("lock/extra", token: host, expect: 404)
        run.call("", token: host, expect: 404)
    }

    private func exerciseParticipantCalls(_ run: OpenAPIConformanceRun, host: String) {
        let carol = run.uuid(of: "Carol Guest")
        let simple = [
            "mute", "unmute", "spotlighton", "spotlightoff", "allowrxpresentation", "denyrxpresentation", "unlock",
            "buzz", "clearbuzz",
        ]
        let bodies = [
            "dtmf": #"{"digits": "12#A"}"#, "role": #"{"role": "chair"}"#,
            "transfer": #"{"conference_alias": "meet", "role": "guest"}"#,
        ]
        for call in simple + ["dtmf", "role", "transfer", "disconnect"] {
            let path = "participants/\(carol)/\(call)"
            run.call(path, expect: 403)
            run.call(path, token: host, body: "{", expect: 400)
            run.call("participants/no-such-uuid/\(call)", token: host, expect: 404)
            run.call(path, alias: "nope", token: host, expect: 404)
            run.call("GET", path, token: host, expect: 405)
            if call != "disconnect" { run.call(path, token: host, body: bodies[call] ?? "", expect: 200) }
        }
        run.call("participants/\(carol)/frobnicate", token: host, expect: 404)

        run.call("participants/\(carol)/dtmf", token: host, body: #"{"digits": "12x"}"#, expect: 400)
        run.call("participants/\(carol)/dtmf", token: host, body: #"{"digits": ""}"#, expect: 400)
        run.call("participants/\(carol)/dtmf", token: host, expect: 400)
        run.call("participants/\(carol)/role", token: host, body: #"{"role": "guest"}"#, expect: 200)
        run.call("participants/\(carol)/role", token: host, body: #"{"role": "boss"}"#, expect: 400)
        run.call("participants/\(carol)/role", token: host, body: "{}", expect: 400)
        run.call("participants/\(carol)/transfer", token: host, body: "{}", expect: 400)
        run.call("participants/\(carol)/transfer", token: host, body: #"{"conference_alias": "nowhere"}"#, expect: 400)
        run.call(
            "participants/\(carol)/transfer", token: host, body: #"{"conference_alias": "meet", "role": "boss"}"#,
            expect: 400)

        // Guests may use the self-service calls on themselves only.
        let vmrHost = run.join("Other VMR host", alias: "vmr", pin: "1234")
        let guest = run.join("Self-service guest", alias: "vmr", pin: "none")
        for call in ["mute", "unmute", "buzz", "clearbuzz"] {
            run.call("participants/\(guest.uuid)/\(call)", alias: "vmr", token: guest.token, expect: 200)
            run.call("participants/\(vmrHost.uuid)/\(call)", alias: "vmr", token: guest.token, expect: 403)
        }
        run.call(
            "participants/\(guest.uuid)/dtmf", alias: "vmr", token: guest.token, body: #"{"digits": "1"}"#, expect: 200)
        run.call("participants/\(guest.uuid)/spotlighton", alias: "vmr", token: guest.token, expect: 403)

        run.call(
            "participants/\(run.uuid(of: "Dave (phone)"))/transfer", token: host,
            body: #"{"conference_alias": "other"}"#, expect: 200)
        run.call("participants/\(run.uuid(of: "Recorder"))/disconnect", token: host, expect: 200)
        run.call("participants/\(guest.uuid)/disconnect", alias: "vmr", token: guest.token, expect: 200)
        run.call("participants/\(carol)/disconnect", token: host, expect: 200)
        run.call("participants/\(carol)/mute", token: host, expect: 404)
    }

    private func exerciseEvents(_ run: OpenAPIConformanceRun, host: String) {
        run.events(token: host, expect: 200)
        run.events(token: nil, expect: 403)
        run.events(token: "stale", expect: 403)
        run.events(alias: "vmr", token: host, expect: 403)
        run.events(alias: "nope", token: host, expect: 404)
    }

    /// The event stream carries the same participant and status objects as the REST calls.
    private func checkStream(_ stream: RecordingSink) {
        let events = stream.events
        XCTAssertGreaterThan(events.count, 20)
        let schemaOf = [
            "participant_create": "Participant", "participant_update": "Participant",
            "conference_update": "ConferenceStatus",
        ]
        for (name, data) in events {
            guard let schema = schemaOf[name] else { continue }
            do {
                let value = try OpenAPIJSON.parse(Array(data.utf8))
                for error in validator.errors(value, schema: schema) { XCTFail("event \(name): \(error)") }
            } catch {
                XCTFail("event \(name): \(error)")
            }
        }
    }

    /// Every status the document lists for an operation was produced above, except those only the HTTP
    /// layer gives: 414 (a path over 2048 bytes) anywhere, and 400 (a malformed path) where no body is read.
    private func checkCoverage(_ run: OpenAPIConformanceRun) {
        let noBody: Set<String> = [
            "GET /conferences/{alias}/participants", "GET /conferences/{alias}/conference_status",
            "GET /conferences/{alias}/events", "POST /conferences/{alias}/refresh_token",
            "POST /conferences/{alias}/release_token",
        ]
        for (key, operation) in operations() where key != "GET /openapi.json" {
            let documented = Set((operation["responses"]?.objectValue ?? [:]).keys.compactMap { Int($0) })
            var httpOnly: Set<Int> = [414]
            if noBody.contains(key) { httpOnly.insert(400) }
            let missing = documented.subtracting(run.seen[key] ?? []).subtracting(httpOnly)
            XCTAssertEqual(missing, [], "\(key): documented but never produced")
        }
    }

    // MARK: walking the document

    private func operations() -> [(key: String, operation: OpenAPIJSON)] {
        var found: [(String, OpenAPIJSON)] = []
        for (path, item) in validator.document["paths"]?.objectValue ?? [:] {
            for (method, operation) in item.objectValue ?? [:] where OpenAPIValidator.methods.contains(method) {
                found.append(("\(method.uppercased()) \(path)", operation))
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }

    private func parameterNames(_ operation: OpenAPIJSON) -> Set<String> {
        Set(
            (operation["parameters"]?.arrayValue ?? []).compactMap { parameter in
                guard let resolved = validator.resolved(parameter), let name = resolved["name"]?.stringValue,
                    let place = resolved["in"]?.stringValue
                else { return nil }
                return "\(place) \(name)"
            })
    }

    private func collectReferences(
        _ value: OpenAPIJSON, at pointer: String, into found: inout [(pointer: String, target: String)]
    ) {
        switch value {
        case .object(let members):
            for (key, member) in members {
                if key == "$ref", let target = member.stringValue { found.append((pointer, target)) }
                collectReferences(member, at: pointer + "/" + OpenAPIJSON.pointerToken(key), into: &found)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                collectReferences(element, at: pointer + "/\(index)", into: &found)
            }
        default:
            break
        }
    }

    /// Every schema object: under `components/schemas` and every `schema` member, and all nested in them.
    private func collectSchemas(
        _ value: OpenAPIJSON, at pointer: String, into found: inout [(pointer: String, schema: [String: OpenAPIJSON])]
    ) {
        guard case .object(let members) = value else {
            if case .array(let elements) = value {
                for (index, element) in elements.enumerated() {
                    collectSchemas(element, at: pointer + "/\(index)", into: &found)
                }
            }
            return
        }
        for (key, member) in members {
            let here = pointer + "/" + OpenAPIJSON.pointerToken(key)
            if key == "schema" || (pointer == "/components" && key == "schemas") {
                if key == "schemas" {
                    for (name, schema) in member.objectValue ?? [:] {
                        walkSchema(schema, at: here + "/" + name, into: &found)
                    }
                } else {
                    walkSchema(member, at: here, into: &found)
                }
            } else {
                collectSchemas(member, at: here, into: &found)
            }
        }
    }

    private func walkSchema(
        _ schema: OpenAPIJSON, at pointer: String, into found: inout [(pointer: String, schema: [String: OpenAPIJSON])]
    ) {
        guard case .object(let keywords) = schema else { return }
        found.append((pointer, keywords))
        for (name, property) in keywords["properties"]?.objectValue ?? [:] {
            walkSchema(property, at: pointer + "/properties/" + OpenAPIJSON.pointerToken(name), into: &found)
        }
        for key in ["items", "additionalProperties"] {
            if let nested = keywords[key] { walkSchema(nested, at: pointer + "/" + key, into: &found) }
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            for (index, nested) in (keywords[key]?.arrayValue ?? []).enumerated() {
                walkSchema(nested, at: pointer + "/\(key)/\(index)", into: &found)
            }
        }
    }
}
