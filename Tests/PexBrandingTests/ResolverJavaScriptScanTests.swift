import XCTest

@testable import PexBranding

/// The static scan of plugin sources (spec §5): registerPlugin keys and id, IIFE, globals, external URLs.
final class ResolverJavaScriptScanTests: XCTestCase {
    private func scan(_ source: String) -> PluginSourceScan {
        PluginSourceScanner.scan(Array(source.utf8))
    }

    private func id(_ scan: PluginSourceScan, in source: String) -> String? {
        guard case .literal(let value, let range)? = scan.registrations.first?.object?.id else { return nil }
        // The range covers the literal with its quotes.
        let text = String(decoding: Array(source.utf8)[range], as: UTF8.self)
        XCTAssertTrue(text.contains(value), "range \(text) does not hold \(value)")
        return value
    }

    func testObjectLiteralKeys() {
        let source = """
            (function () {
                PEX.pluginAPI.registerPlugin({
                    id: 'p-1.0',
                    load,
                    unload: unload,
                    toggleHand() { return 1; },
                    async later() {},
                    get current() { return 2; },
                    'quoted': 1,
                    arrow: (a, b) => { return {nested: a, id: b}; },
                    state$,
                });
            })();
            """
        let found = scan(source)
        XCTAssertEqual(found.registrations.count, 1)
        let object = found.registrations.first?.object
        XCTAssertEqual(
            object?.keys, ["id", "load", "unload", "toggleHand", "later", "current", "quoted", "arrow", "state$"])
        XCTAssertEqual(object?.isComplete, true)
        XCTAssertEqual(id(found, in: source), "p-1.0")
        XCTAssertTrue(found.wrappedInIIFE)
        XCTAssertEqual(found.leakedGlobals, [])
    }

    func testSpreadAndComputedKeysMakeTheObjectIncomplete() {
        let found = scan("PEX.pluginAPI.registerPlugin({...base, id: 'x', [name]: fn});")
        XCTAssertEqual(found.registrations.first?.object?.keys, ["id"])
        XCTAssertEqual(found.registrations.first?.object?.isComplete, false)
    }

    func testIDThroughAConstantAndComputedIDs() {
        let viaConstant = "const PLUGIN_ID = 'raise-hand-1.0';\nPEX.pluginAPI.registerPlugin({ id: PLUGIN_ID, load });"
        XCTAssertEqual(id(scan(viaConstant), in: viaConstant), "raise-hand-1.0")
        let shorthand = "const id = \"short\"; registerPlugin({ id, load });"
        XCTAssertEqual(id(scan(shorthand), in: shorthand), "short")
        let template = "registerPlugin({ id: `tpl-1`, load });"
        XCTAssertEqual(id(scan(template), in: template), "tpl-1")
        for computed in [
            "registerPlugin({ id: 'a' + version });", "registerPlugin({ id: `a-${v}` });",
            "registerPlugin({ id: config.id });", "let x = 'a'; x = 'b'; registerPlugin({ id: y });",
        ] {
            guard case .computed? = scan(computed).registrations.first?.object?.id else {
                XCTFail("\(computed): \(String(describing: scan(computed).registrations.first))")
                continue
            }
        }
    }

    func testObjectBuiltElsewhere() {
        let source = """
            (function () {
                const plugin = { id: 'built-1', load: load };
                plugin.unload = function () {};
                plugin['toggle'] = toggle;
                window.PEX.pluginAPI.registerPlugin(plugin);
            })();
            """
        let found = scan(source)
        XCTAssertEqual(found.registrations.first?.object?.keys, ["id", "load", "unload", "toggle"])
        XCTAssertEqual(id(found, in: source), "built-1")

        let missing = scan("PEX.pluginAPI.registerPlugin(plugin);")
        XCTAssertNil(missing.registrations.first?.object)
        XCTAssertEqual(
            missing.registrations.first?.problem,
            "registerPlugin(plugin): found no object literal assigned to plugin in this file")
        XCTAssertNotNil(scan("PEX.pluginAPI.registerPlugin(make());").registrations.first?.problem)
        XCTAssertNotNil(scan("PEX.pluginAPI.registerPlugin();").registrations.first?.problem)
    }

    /// Nothing inside comments, strings, templates or regular expressions is code.
    func testTokenizerSkipsLiteralsAndComments() {
        let source = #"""
            // PEX.pluginAPI.registerPlugin({id: 'comment'})
            /* registerPlugin({id: 'block'}) */
            var a = 'registerPlugin({id: "single"})', b = "registerPlugin(\"x\")";
            var c = `registerPlugin(${ {id: 'in-substitution'}.id }) ${`nested ${'registerPlugin('}`}`;
            var d = /registerPlugin\(\{id: '[/]regex'/g.test(a) ? 4 / 2 / 1 : x[1] / 2;
            var e = a.length / 2; var f = (a) / 2 /* not a regex */ ;
            function registerPlugin(x) { return x; }
            """#
        let found = scan(source)
        XCTAssertEqual(found.registrations, [])
        let tokens = JavaScriptTokenizer.tokenize(Array(source.utf8))
        XCTAssertEqual(tokens.filter { $0.kind == .regex }.count, 1)
        XCTAssertEqual(tokens.filter { $0.kind == .template }.count, 5)
    }

    func testRegexAfterKeywordsAndDivisionAfterValues() {
        let kinds = { (source: String) in JavaScriptTokenizer.tokenize(Array(source.utf8)).map(\.kind) }
        XCTAssertEqual(kinds("return /a/g"), [.identifier, .regex])
        XCTAssertEqual(
            kinds("x = a / b / c"),
            [.identifier, .punctuator, .identifier, .punctuator, .identifier, .punctuator, .identifier])
        XCTAssertEqual(kinds("f(/[/]/)"), [.identifier, .punctuator, .regex, .punctuator])
        XCTAssertEqual(kinds("1e+5 0x1E+5"), [.number, .number, .punctuator, .number])
    }

    func testIIFEShapes() {
        let wrapped = [
            "(function () { var a; })();", "(() => { let a; })();", "!function () {}();", ";(function(){})()",
            "(async () => {})();", "'use strict';\n(function () {}());", "(function () {}).call(this);",
            "void function () {}();", "// header\n/* licence */\n(x => x)(1);",
        ]
        for source in wrapped { XCTAssertTrue(scan(source).wrappedInIIFE, source) }
        for source in ["var a = 1;", "PEX.pluginAPI.registerPlugin({});", "", "foo(function () {});"] {
            XCTAssertFalse(scan(source).wrappedInIIFE, source)
        }
    }

    func testLeakedGlobals() {
        let source = """
            var a = 1, b = 2;
            let c;
            const d = 3
            function e() { var inner; }
            async function f() {}
            class G {}
            if (x) { var h; }
            x = function named() {};
            (function () { var hidden; })();
            for (var i = 0; i < 1; i++) {}
            """
        XCTAssertEqual(scan(source).leakedGlobals.map(\.name), ["a", "c", "d", "e", "f", "G"])
    }

    func testExternalURLs() {
        let source = """
            (function () {
                const API = 'https://api.example.com/v1/';
                const s = document.createElement('script');
                s.src = 'https://cdn.example.com/lib.js';
                const img = new Image(); img.src = 'https://img.example.com/a.png';
                fetch(API + 'x');
                fetch('/relative');
                var xhr = new XMLHttpRequest(); xhr.open('GET', 'https://xhr.example.com/data');
                window.open('https://not-csp.example.com/');
                location.href = 'https://navigation.example.com/';
                var body = '<div style="background: url(https://bg.example.com/b.png)">'
                    + '<iframe src="https://frame.example.com/"></iframe></div>';
                new EventSource("https://events.example.com/stream");
                axios.get('https://axios.example.com/');
                fetch('./custom_configuration/plugins/x/assets/data.json');
                link(`custom_configuration/plugins/x/${name}.css`);
            })();
            """
        let found = scan(source)
        XCTAssertEqual(
            found.externalURLs.map { "\($0.origin) \($0.directive)" },
            [
                "https://cdn.example.com script-src", "https://img.example.com img-src",
                "https://api.example.com connect-src", "https://xhr.example.com connect-src",
                "https://bg.example.com img-src", "https://frame.example.com frame-src",
                "https://events.example.com connect-src", "https://axios.example.com connect-src",
            ])
        XCTAssertEqual(found.assetPaths, ["plugins/x/assets/data.json", "plugins/x/"])
    }

    /// Positions are LineIndex positions: CRLF ends a line like LF, columns count scalars.
    func testPositionsWithCRLFAndNonASCII() {
        let source =
            "(function () {\r\n    // é\r\n    var é = 'é'; PEX.pluginAPI.registerPlugin({\r\n        id: 'ü-1',\r\n    });\r\n})();\r\n"
        let bytes = Array(source.utf8)
        let found = PluginSourceScanner.scan(bytes)
        let lines = LineIndex(bytes)
        guard let registration = found.registrations.first, case .literal(_, let range)? = registration.object?.id
        else { return XCTFail("no registration") }
        XCTAssertEqual(lines.range(registration.call).start.line, 3)
        XCTAssertEqual(lines.range(registration.call).start.column, 32)
        XCTAssertEqual(lines.range(range).start.line, 4)
        XCTAssertEqual(lines.range(range).start.column, 13)
    }
}
