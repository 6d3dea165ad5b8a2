/// One entry of the bad-input catalogue in spec/security.md.
struct CatalogueItem: Sendable {
    let number: Int
    /// The item's text up to its expected outcome, as security.md words it (backticks dropped).
    let title: String
    /// The outcome in brackets.
    let expected: String
}

/// A test elsewhere in Tests/ that covers catalogue items, named `Target.Class/testMethod` (or `Target.Class`
/// for a whole class). `SecurityCatalogueTests` checks the named class and method exist, so this cannot rot.
struct CatalogueReference: Sendable {
    let items: [Int]
    let test: String
    /// What of the items that test asserts.
    let covers: String
    /// A test file another module's author adds later (its path under Tests/); until it exists the existence
    /// check skips this reference, saying so, instead of failing.
    var awaitedFile: String? = nil
    var awaitedReason: String? = nil
}

/// security.md's bad-input catalogue, items 1–38, and where each is tested. Items 1–22 also have raw-bytes
/// cases over loopback in `WireCatalogue` (run by `CatalogueWireTests`).
enum SecurityCatalogue {
    static let items: [CatalogueItem] = [
        .init(
            number: 1, title: "Request line without version / garbage bytes / TLS handshake on the plain port",
            expected: "400, close"),
        .init(number: 2, title: "Request line of 64 KiB", expected: "414"),
        .init(number: 3, title: "200 headers, or one 64 KiB header", expected: "431"),
        .init(
            number: 4, title: "Header name with space before colon; obs-fold continuation line", expected: "400"),
        .init(number: 5, title: "Both Content-Length and Transfer-Encoding", expected: "400, close"),
        .init(
            number: 6, title: "Two different Content-Length values; a negative or non-decimal one", expected: "400"),
        .init(
            number: 7, title: "Transfer-Encoding: gzip, chunked, chunked twice, unknown codings", expected: "400/501"),
        .init(number: 8, title: "Bad chunk size, chunk extension of 64 KiB, missing final CRLF", expected: "400"),
        .init(number: 9, title: "Body larger than the limit on an upload-capable route", expected: "413"),
        .init(number: 10, title: "Bare LF line endings", expected: "tolerate or 400, never desync"),
        .init(
            number: 11, title: "Pipelined requests in one packet, and a request split into 1-byte writes",
            expected: "all answered, in order"),
        .init(number: 12, title: "Expect: 100-continue", expected: "100 then final response, or 417"),
        .init(number: 13, title: "HTTP/1.0 without Host, HTTP/1.1 without Host", expected: "400 for 1.1"),
        .init(
            number: 14, title: "Methods: OPTIONS, TRACE, CONNECT, lower-case get, 1 KiB method",
            expected: "405/501/400"),
        .init(
            number: 15, title: "Absolute-form target GET http://evil/ HTTP/1.1",
            expected: "400 or treat as path, never proxy"),
        .init(
            number: 16, title: #"/../etc/passwd, /%2e%2e/, /%252e%252e/, /..%2f, /..%5c, /.%2e/, ..\\"#,
            expected: "404 or 400, never outside the root"),
        .init(
            number: 17, title: "%00 anywhere; invalid percent-escapes %zz; overlong UTF-8 %c0%ae", expected: "400"),
        .init(number: 18, title: "Symlink inside the tree pointing to /etc or to ~", expected: "403 unless allowed"),
        .init(number: 19, title: "/.git/config, /.env, /x/.hidden", expected: "404"),
        .init(number: 20, title: "4,096-character path; 1,000 path segments", expected: "414 or 404, fast"),
        .init(
            number: 21, title: "Case variants of real files (Settings.JSON)",
            expected: "404 on Linux, and check warns about case mismatches between references and files"),
        .init(number: 22, title: "Query strings and fragments on static files", expected: "ignored"),
        .init(
            number: 23, title: "Slowloris: 1,000 connections sending one header byte every 10 s",
            expected: "each closed after the header timeout; other clients unaffected"),
        .init(
            number: 24, title: "1,000 idle keep-alive connections",
            expected: "held within the limit, then 503 / refused gracefully; memory bounded"),
        .init(
            number: 25, title: "Client disconnects mid-response, mid-event-stream, mid-proxy",
            expected: "server frees the connection and the upstream request"),
        .init(
            number: 26, title: "10,000 requests burst",
            expected: "all answered or cleanly refused; no error logs beyond the refusals"),
        .init(
            number: 27, title: "200 concurrent event-stream clients, files changing underneath",
            expected: "every client gets every reload event"),
        .init(
            number: 28,
            title:
                "settings.json with trailing commas, comments, BOM, smart quotes, duplicate keys, wrong types, 100 MB "
                + "size, 10,000-deep nesting",
            expected: "diagnostic with position; no crash; bounded memory and depth"),
        .init(
            number: 29,
            title:
                "srcURL pointing outside the tree (../../secret.js, absolute path, file://, javascript:), to a missing "
                + "file, to a directory",
            expected: "error"),
        .init(number: 30, title: "Package id ≠ settings id ≠ registerPlugin id", expected: "warning naming each"),
        .init(
            number: 31, title: "Icon that is not SVG, SVG without the referenced id, SVG containing <script>",
            expected: "error/warning"),
        .init(
            number: 32,
            title:
                "Plugin that throws in load, in an action, in a state subscriber; plugin that never calls "
                + "registerPlugin; one that calls it twice",
            expected: "shell shows which plugin failed; other plugins keep working"),
        .init(
            number: 33,
            title:
                "ZIP input: entries with ../, absolute paths, symlinks, duplicate names, a zip bomb (huge ratio), "
                + "100,000 entries, truncated archive",
            expected: "refused with a clear error; nothing written outside the target"),
        .init(
            number: 34,
            title:
                "Editor save patterns: write-in-place, write-temp-then-rename, delete-then-create, swap/backup files "
                + "(.swp, ~, 4913)",
            expected: "one reload per save, editor temp files ignored"),
        .init(
            number: 35, title: "The served folder is deleted or renamed while serving",
            expected: "clear message, recovers when it returns"),
        .init(number: 36, title: "inotify watch limit exhausted", expected: "falls back to polling, says so"),
        .init(
            number: 37,
            title:
                "Mock: missing/unknown/expired token, wrong PIN, unknown participant, unknown conference, malformed "
                + "JSON body, huge body",
            expected: "the statuses in infinity-client-api.md"),
        .init(
            number: 38,
            title:
                "Proxy: node down, node slow, node returns garbage, TLS certificate invalid or for the wrong name, "
                + "event stream silent for minutes",
            expected: "502/504 with a plain explanation; no retry storms; no hang"),
    ]

    /// Tests that cover catalogue items outside `WireCatalogue`'s raw-bytes table.
    static let references: [CatalogueReference] = [
        // HTTP framing at the parser: every case also split at every byte boundary.
        .init(
            items: Array(1...15), test: "PexHTTPTests.ParserCatalogueTests/testCatalogueSplitAtEveryByteBoundary",
            covers: "the parser's table of items 1–15 fed whole, at every split point and byte by byte"),
        .init(
            items: [1], test: "PexIntegrationTests.ServeIntegrationTests/testMalformedRequestGets400AndClose",
            covers: "a TLS ClientHello on the plain port gets 400 and a closed connection"),
        .init(
            items: [9], test: "PexIntegrationTests.HTTPServerLimitTests/testBodiesFixedAndChunkedAndOverTheLimit",
            covers: "fixed, chunked and over-the-limit bodies (413, then close)"),
        .init(
            items: [9, 37], test: "PexMockTests.MockHTTPTests/testHugeBodyIs413AndBadPathIs400",
            covers: "a 2 MiB body to the mock's request_token gets 413"),
        .init(
            items: [11], test: "PexIntegrationTests.ServeIntegrationTests/testPipelinedRequestsAreAnsweredInOrder",
            covers: "four pipelined requests answered in order with their bodies"),
        .init(
            items: [11], test: "PexIntegrationTests.ServeIntegrationTests/testRequestSplitIntoSingleBytesIsAnswered",
            covers: "a request written one byte at a time is answered"),
        .init(
            items: [12], test: "PexIntegrationTests.HTTPServerLimitTests/testExpectContinueGets100ThenTheResponse",
            covers: "100 Continue then the final response; 417 for an unknown expectation"),
        .init(
            items: [13], test: "PexIntegrationTests.HTTPServerLimitTests/testHTTP10ClosesUnlessKeepAliveIsAsked",
            covers: "HTTP/1.0 without Host is answered and closed unless keep-alive is asked"),
        .init(
            items: [14], test: "PexIntegrationTests.ServeIntegrationTests/testMethodsOtherThanGetAndHeadAreRefused",
            covers: "DELETE on a file gets 405 with Allow; OPTIONS * gets 400"),
        // Paths.
        .init(
            items: [16, 17, 19, 20, 22], test: "PexHTTPTests.RequestPathTests/testTable",
            covers: "the path canonicaliser's table: traversal, escapes, NUL, dotfiles, long paths, queries"),
        .init(
            items: [16, 17, 18, 19, 20, 21, 22], test: "PexIntegrationTests.ServeIntegrationTests/testPathSafety",
            covers: "the same paths against a served tree with symlinks, dotfiles and a secret outside"),
        .init(
            items: [18], test: "PexIntegrationTests.ServeIntegrationTests/testFollowSymlinksAllowsLinksOut",
            covers: "--follow-symlinks serves what a link outside points at (the 'unless allowed')"),
        .init(
            items: [21],
            test: "PexBrandingTests.RuleFixtureTests/testEveryBrokenFixtureGivesExactlyItsExpectedDiagnostics",
            covers: "Tests/Fixtures/broken/reference-case-mismatch: check reports PEX404 for a case mismatch"),
        // Connections and time.
        .init(
            items: [23], test: "PexIntegrationTests.HTTPServerLimitTests/testSlowDripDoesNotExtendTheHeaderTimeout",
            covers: "one byte every 100 ms does not extend the header deadline: 408"),
        .init(
            items: [23], test: "PexIntegrationTests.HTTPServerLimitTests/testIncompleteHeadersGet408AtTheHeaderTimeout",
            covers: "incomplete headers get 408, Connection: close and EOF"),
        .init(
            items: [24], test: "PexIntegrationTests.HTTPServerLimitTests/testConnectionsOverTheLimitGet503",
            covers: "connections over the limit get 503 with Retry-After and are closed; held ones keep working"),
        .init(
            items: [24], test: "PexIntegrationTests.HTTPServerLimitTests/testIdleKeepAliveConnectionIsClosedQuietly",
            covers: "an idle keep-alive connection is closed at the idle timeout"),
        .init(
            items: [24], test: "PexCLITests.ServeProcessTests/testRunningOutOfDescriptorsBacksOffAndRecovers",
            covers: "the real binary out of descriptors backs off and recovers"),
        .init(
            items: [25], test: "PexMockTests.MockHTTPTests/testReleaseEndsTheStreamAndDisconnectForgetsIt",
            covers: "a mock event-stream client that disconnects is forgotten"),
        .init(
            items: [27], test: "PexMockTests.MockHTTPTests/testFiftyConcurrentStreamsReceiveEveryChangeInOrder",
            covers: "50 mock event streams receive every change in order"),
        .init(
            items: [27], test: "PexIntegrationTests.DevEventsTests/testHelloThenOneReloadPerSave",
            covers: "one reload event per save on /__pexdev/events"),
        // Branding input.
        .init(
            items: [28], test: "PexBrandingTests.JSONReaderLimitsTests/testTenThousandDeepArraysStopAtTheDepthLimit",
            covers: "10,000-deep nesting stops at the depth limit with a position"),
        .init(
            items: [28], test: "PexBrandingTests.JSONReaderLimitsTests/testHundredMegabytesAreRefusedBeforeParsing",
            covers: "100 MB is refused before parsing"),
        .init(
            items: [28], test: "PexBrandingTests.JSONReaderErrorTests/testEveryErrorKindAtItsExactPosition",
            covers: "trailing commas, comments, smart quotes and the other mistakes at their exact positions"),
        .init(
            items: [28], test: "PexBrandingTests.RuleEdgeCaseTests/testOversizedSettingsIsASyntaxDiagnostic",
            covers: "a huge settings.json is a diagnostic, not read whole"),
        .init(
            items: [28, 29, 30, 31],
            test: "PexBrandingTests.RuleFixtureTests/testEveryBrokenFixtureGivesExactlyItsExpectedDiagnostics",
            covers:
                "fixtures json-byte-order-mark, json-duplicate-key, json-syntax, wrong-type (28); reference-outside-tree, "
                + "reference-external, reference-missing, reference-is-directory (29); package-id-mismatch, "
                + "register-plugin-id-mismatch (30); icon-not-svg, icon-id-missing, svg-active-content (31)"),
        .init(
            items: [29], test: "PexBrandingTests.ResolverReferencePathTests/testReferencesThatCannotReachATreeFile",
            covers: "../, absolute, file: and javascript: references never resolve into the tree"),
        .init(
            items: [29], test: "PexCLITests.CheckRunTests/testSourcesAreReadOnlyInsideTheRoot",
            covers: "check never reads a source outside the root"),
        .init(
            items: [31], test: "PexBrandingTests.ResolverSVGScanTests/testActiveContent",
            covers: "<script> and other active content in an SVG icon are found"),
        .init(
            items: [32],
            test: "PexBrowserTests.ShellErrorTests/testAPluginThatThrowsInLoadGetsTheOopsOverlayAndTheOthersCarryOn",
            covers: "a plugin throwing in load is named; the others keep working (real Chromium)"),
        .init(
            items: [32],
            test: "PexBrowserTests.ShellErrorTests/testAThrowingActionGetsTheOopsAndUnloadingItLetsTheRestContinue",
            covers: "a throwing action is blamed on its plugin"),
        .init(
            items: [32],
            test: "PexBrowserTests.ShellErrorTests/testDialogHandlersAndSubscribersThatThrowAreBlamedOnTheirPlugin",
            covers: "a throwing state subscriber is blamed on its plugin"),
        .init(
            items: [32], test: "PexBrowserTests.ShellErrorTests/testRegistrationMistakesAreNamedInBanners",
            covers: "never calling registerPlugin, or calling it twice, is named in a banner"),
        .init(
            items: [33], test: "PexBrandingTests.ZipAttackTests",
            covers: "../ and absolute entries, symlinks, duplicates, a zip bomb, too many entries, truncation"),
        // Files changing.
        .init(
            items: [34], test: "PexIntegrationTests.TreeWatcherTests/testTempThenRenameIsOneBatchWithoutTheTempFile",
            covers: "write-temp-then-rename is one batch without the temp file"),
        .init(
            items: [34], test: "PexIntegrationTests.TreeWatcherTests/testVimStyleSaveIgnoresSwapBackupAndProbeFiles",
            covers: ".swp, ~ and 4913 are ignored; one batch per save"),
        .init(
            items: [34], test: "PexIntegrationTests.TreeWatcherTests/testWriteInPlaceIsOneBatch",
            covers: "write-in-place is one batch"),
        .init(
            items: [35], test: "PexIntegrationTests.TreeWatcherTests/testServedFolderRemovedAndRecreatedRecovers",
            covers: "the served folder removed and recreated: the watcher recovers"),
        // Mock and proxy.
        .init(
            items: [37], test: "PexMockTests.MockSessionTests/testMissingOrUnknownTokenIs403",
            covers: "missing or unknown token: 403"),
        .init(items: [37], test: "PexMockTests.MockSessionTests/testTokenExpiresWithRealBody", covers: "expired token"),
        .init(items: [37], test: "PexMockTests.MockSessionTests/testPINRules", covers: "wrong PIN"),
        .init(
            items: [37], test: "PexMockTests.MockSessionTests/testUnknownConferenceIs404", covers: "unknown conference"),
        .init(
            items: [37], test: "PexMockTests.MockHTTPTests/testErrorsHaveTheNodesStatusesAndBodies",
            covers: "unknown participant, malformed JSON body and the rest over HTTP with the node's bodies"),
        .init(
            items: [38], test: "PexIntegrationTests.ProxyFailureTests/testRefusedConnectionSaysSo",
            covers: "node down: 502 with 'cannot reach …: connection refused'"),
        .init(
            items: [38], test: "PexIntegrationTests.ProxyFailureTests/testASilentNodeTimesOutWith504",
            covers: "node slow: 504 after the bounded wait"),
        .init(
            items: [38], test: "PexIntegrationTests.ProxyFailureTests/testGarbageAndBrokenAnswersAreBadGateways",
            covers: "node returns garbage, a broken length or chunking, or closes mid-answer: 502 saying which"),
        .init(
            items: [38],
            test: "PexIntegrationTests.ProxyFailureTests/testAnEventStreamThatGoesSilentIsEndedWithTheReason",
            covers: "event stream silent too long: ended with a pexdev_proxy event, no hang"),
        .init(
            items: [38], test: "PexIntegrationTests.ProxyFailureTests/testRepeatedFailuresAreLoggedOnceWithACount",
            covers: "no retry storm: each call tried once, one log line for repeats"),
        .init(
            items: [38], test: "PexIntegrationTests.ProxyTLSTests/testAWrongNameSaysWhichNamesTheCertificateHas",
            covers: "TLS certificate for the wrong name: 502 naming the certificate's names"),
        .init(
            items: [38], test: "PexIntegrationTests.ProxyTLSTests/testAnUnknownCAIsNamedWithTheFix",
            covers: "TLS certificate from an unknown CA (and expired, self-signed in the same class): 502 with the fix"),
        .init(
            items: [25],
            test: "PexIntegrationTests.ProxyCancellationTests/testLeavingAnEventStreamClosesTheUpstreamStream",
            covers: "mid-proxy: a browser leaving a proxied event stream closes the node's stream"),
        .init(
            items: [25],
            test:
                "PexIntegrationTests.ProxyCancellationTests/testManyVanishingBrowsersLeaveNoDescriptorsOrThreadsBehind",
            covers: "mid-proxy: vanishing browsers leave no descriptors or threads behind"),
        // Found by the load and soak runs (issue 12) and kept as cases.
        .init(
            items: [24],
            test: "PexCLITests.ServeProcessTests/testLowDescriptorLimitLowersTheConnectionLimitSoNewcomersGet503",
            covers: "an open-file limit below the connection limit: newcomers get 503, not a silent wait"),
        .init(
            items: [24], test: "PexHTTPTests.StaticFileDescriptorExhaustionTests/testOutOfDescriptorsIs503NotFound",
            covers: "out of descriptors, an existing file is 503 with Retry-After, not 404"),
        .init(
            items: [34], test: "PexIntegrationTests.SaveInPlaceTests/testAFileSavedInPlaceIsNeverAServerError",
            covers: "a file requested while saved in place is never a 500"),
        // Added with this catalogue (CatalogueConnectionTests).
        .init(
            items: [23],
            test: "PexIntegrationTests.CatalogueConnectionTests/testSlowlorisConnectionsGet408WhileOthersAreServed",
            covers: "20 dripping connections each get 408 and EOF; a normal client is served meanwhile"),
        .init(
            items: [24],
            test: "PexIntegrationTests.CatalogueConnectionTests/testIdleKeepAliveConnectionsAreHeldThenRefused",
            covers: "connections up to the limit are held idle and keep working; more get 503 and EOF"),
        .init(
            items: [25],
            test: "PexIntegrationTests.CatalogueConnectionTests/testDisconnectsMidResponseAndMidStreamFreeDescriptors",
            covers: "descriptors return to the baseline after clients vanish mid big file and mid event stream"),
        .init(
            items: [26], test: "PexIntegrationTests.CatalogueConnectionTests/testTenThousandRequestBurstIsAllAnswered",
            covers: "10,000 requests over 4 keep-alive connections all answered, no warning or error logged"),
        .init(
            items: [27], test: "PexIntegrationTests.CatalogueConnectionTests/testEveryEventStreamClientGetsEveryReload",
            covers: "20 /__pexdev/events clients each get every reload while files change"),
        .init(
            items: [36], test: "PexIntegrationTests.CatalogueWatcherTests/testExhaustedInotifyLimitFallsBackToPolling",
            covers: "an exhausted watch limit: polling, one warning saying why, and changes still seen"),
    ]
}
