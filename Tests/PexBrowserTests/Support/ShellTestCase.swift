import Foundation
import XCTest

/// Base class of the shell's end-to-end tests. A class gets one Chromium and one pexdev, started by its first
/// test and ended when the class finishes (a browser takes about two seconds to start, a tab milliseconds); each
/// test gets a fresh tab on a conference reset to the scenario, so no test sees another's mutes, chats or
/// dial-outs. Without Chromium every test is skipped, saying why.
class ShellTestCase: XCTestCase {
    /// The branding the class's pexdev serves: the sample unless a subclass builds its own (deleted afterwards).
    class func makeBranding() throws -> BrandingTree { .sample }

    private struct Fixture: Sendable {
        let browser: Browser
        let server: PexdevServer
        let branding: BrandingTree

        func close() {
            browser.close()
            server.stop()
            branding.remove()
        }
    }

    private static let fixtures = Locked<[ObjectIdentifier: Fixture]>([:])

    /// A new tab on `/webapp2/?conference=meet&name=Dev` plus `query`, the mock conference reset first; with
    /// `waitForReady`, returns once the shell says `pexdev:ready` (every plugin settled, the roster synced).
    func openShell(query: [String: String] = [:], waitForReady: Bool = true) async throws -> ShellPage {
        let fixture = try await classFixture()
        let page = try await fixture.browser.newPage()
        addTeardownBlock { try? await page.close() }
        let shell = ShellPage(page: page, server: fixture.server)
        try await shell.resetConference()
        try await shell.open(query: query)
        if waitForReady { try await shell.waitForReady() }
        return shell
    }

    /// The URL of a file in the served branding tree, as the shell fetches it.
    func brandingURL(_ path: String) async throws -> String {
        let fixture = try await classFixture()
        // Not appendingPathComponent: it would escape the icon's "#fragment".
        return fixture.server.baseURL.absoluteString + "webapp2/custom_configuration/" + path
    }

    private func classFixture() async throws -> Fixture {
        let key = ObjectIdentifier(type(of: self))
        if let fixture = Self.fixtures.current[key] { return fixture }
        let executable = try chromiumOrSkip()
        let branding = try Self.makeBranding()
        do {
            let server = try await PexdevServer.start(serving: branding.root)
            do {
                let fixture = Fixture(
                    browser: try await Browser.launch(executable: executable), server: server, branding: branding)
                Self.fixtures.withLock { $0[key] = fixture }
                return fixture
            } catch {
                server.stop()
                throw error
            }
        } catch {
            branding.remove()
            throw error
        }
    }

    override class func tearDown() {
        let fixture = fixtures.withLock { $0.removeValue(forKey: ObjectIdentifier(self)) }
        fixture?.close()
        super.tearDown()
    }
}
