import Foundation
import XCTest

/// The CDP transport and `BrowserPage` against a blank page: values, errors, waits, real input, collected output.
final class BrowserPageTests: XCTestCase {
    func testEvaluateReturnsJSONValues() async throws {
        let page = try await launchBrowser().newPage()
        let sum = try await page.evaluate("1+2")
        XCTAssertEqual(sum, 3)
        let object = try await page.evaluate("({ text: 'a/b', list: [true, null, 1.5] })")
        XCTAssertEqual(object, ["text": "a/b", "list": [true, nil, 1.5]])
        let resolved = try await page.evaluate("Promise.resolve(42)", awaitPromise: true)
        XCTAssertEqual(resolved, 42)
        let undefined = try await page.evaluate("undefined")
        XCTAssertEqual(undefined, .null)
    }

    func testThrowingExpressionReportsTheExceptionText() async throws {
        let page = try await launchBrowser().newPage()
        do {
            try await page.evaluate("throw new Error('boom from the test')")
            XCTFail("evaluate should have thrown")
        } catch {
            XCTAssertTrue("\(error)".contains("Error: boom from the test"), "\(error)")
        }
        do {
            try await page.evaluate("Promise.reject(new TypeError('rejected'))", awaitPromise: true)
            XCTFail("a rejected promise should throw")
        } catch {
            XCTAssertTrue("\(error)".contains("TypeError: rejected"), "\(error)")
        }
    }

    func testWaitUntilTimesOutNamingTheCondition() async throws {
        let page = try await launchBrowser().newPage()
        do {
            try await page.waitUntil("window.neverSet === true", timeout: 0.3)
            XCTFail("waitUntil should have timed out")
        } catch {
            let message = "\(error)"
            XCTAssertTrue(message.contains("timed out after 0.3 s"), message)
            XCTAssertTrue(message.contains("`window.neverSet === true`"), message)
        }
        try await page.evaluate("setTimeout(() => { window.later = true }, 100)")
        try await page.waitUntil("window.later")
    }

    func testWaitForValueReturnsTheFirstValueThatIsNotNullOrFalse() async throws {
        let page = try await launchBrowser().newPage()
        try await page.evaluate(
            "window.found = false; setTimeout(() => { window.found = { at: 'later' } }, 100)")
        let value = try await page.waitForValue("window.found")
        XCTAssertEqual(value, ["at": "later"])
        let zero = try await page.waitForValue("0")
        XCTAssertEqual(zero, 0, "only null, undefined and false mean not yet")
        do {
            _ = try await page.waitForValue("window.missing ?? null", timeout: 0.3)
            XCTFail("waitForValue should have timed out")
        } catch {
            XCTAssertTrue(
                "\(error)".contains("`window.missing ?? null` to give a value (it last gave null)"), "\(error)")
        }
    }

    func testClickIsARealMouseClick() async throws {
        let page = try await launchBrowser().newPage()
        // Below the fold, so the click must scroll to it first.
        try await page.evaluate(
            """
            document.body.style.height = '3000px';
            window.clicks = 0;
            const button = document.createElement('button');
            button.id = 'counter';
            button.textContent = 'count';
            button.style.cssText = 'position: absolute; top: 2000px; left: 40px';
            button.addEventListener('click', event => { if (event.isTrusted) window.clicks += 1; });
            document.body.append(button);
            """)
        try await page.click(selector: "#counter")
        try await page.click(selector: "#counter")
        let clicks = try await page.evaluate("window.clicks")
        XCTAssertEqual(clicks, 2, "trusted clicks counted")
    }

    func testClickExplainsWhyItCannot() async throws {
        let page = try await launchBrowser().newPage()
        try await page.evaluate(
            """
            document.body.innerHTML = `
              <span id="empty"></span>
              <button id="under" style="position: absolute; top: 10px; left: 10px">under</button>
              <div style="position: absolute; inset: 0; background: white"></div>`;
            """)
        let cases = [
            ("#missing", "no element matches it"),
            ("#empty", "zero size"),
            ("#under", "covered by div"),
            ("[", "invalid selector"),
        ]
        for (selector, expected) in cases {
            do {
                try await page.click(selector: selector)
                XCTFail("clicking \(selector) should have thrown")
            } catch {
                XCTAssertTrue("\(error)".contains(expected), "\(selector): \(error)")
            }
        }
    }

    func testTypeInsertsIntoTheFocusedField() async throws {
        let page = try await launchBrowser().newPage()
        try await page.evaluate("document.body.innerHTML = '<input id=\"name\">'")
        try await page.click(selector: "#name")
        try await page.type(text: "Alice ünïcode")
        let value = try await page.evaluate("document.querySelector('#name').value")
        XCTAssertEqual(value, "Alice ünïcode")
    }

    func testConsoleMessagesAndExceptionsAreCollected() async throws {
        let page = try await launchBrowser().newPage()
        // An inline script runs during append, so its uncaught error is reported before evaluate replies.
        try await page.evaluate(
            """
            console.log('hello', 42, { a: 1 });
            console.warn('careful');
            const script = document.createElement('script');
            script.textContent = '\\n  throw new Error("uncaught in script")';
            document.body.append(script);
            """)
        XCTAssertEqual(
            page.consoleMessages,
            [ConsoleMessage(type: "log", text: "hello 42 Object"), ConsoleMessage(type: "warning", text: "careful")])
        XCTAssertEqual(page.exceptions.count, 1, "\(page.exceptions)")
        let exception = try XCTUnwrap(page.exceptions.first)
        XCTAssertTrue(exception.text.contains("Error: uncaught in script"), exception.text)
        XCTAssertEqual(exception.line, 2, "\(exception)")
    }

    func testNavigateToAClosedPortIsAClearError() async throws {
        let page = try await launchBrowser().newPage()
        // A port pexdev has just let go of has no listener (Chromium refuses well-known ports outright).
        let server = try await startPexdev()
        server.stop()
        do {
            try await page.navigate(to: server.appURL)
            XCTFail("navigation should have failed")
        } catch {
            XCTAssertTrue("\(error)".contains("ERR_CONNECTION_REFUSED"), "\(error)")
        }
    }
}
