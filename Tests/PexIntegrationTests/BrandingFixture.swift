import Foundation

/// A throwaway branding tree on disk with the awkward cases the tests need (symlinks, dotfiles, a big file).
final class BrandingFixture {
    let base: URL
    var root: URL { base.appendingPathComponent("webapp2") }

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("pexdev-it-\(UUID().uuidString)")
        try write("webapp2/manifest.json", #"{"brandingID": "1732541234567", "isSettingsBranded": true}"#)
        try write(
            "webapp2/settings.json",
            #"{"plugins": [{"id": "demo-1.0", "srcURL": "plugins/demo/demo.plugin.json", "enabled": true}]}"#)
        try write("webapp2/plugins/demo/demo.plugin.js", "(function () { /* demo */ })();\n")
        try write("webapp2/plugins/demo/icon.svg", #"<svg xmlns="http://www.w3.org/2000/svg"><g id="demo"/></svg>"#)
        try write("webapp2/.env", "SECRET=1\n")
        try write("webapp2/.git/config", "[core]\n")
        try write("webapp2/docs/index.html", "<h1>docs</h1>\n")
        try write("webapp2/empty/keep.txt", "x")
        try write("outside/secret.txt", "top secret\n")
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("etc-link").path, withDestinationPath: "/etc")
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("secret.txt").path,
            withDestinationPath: base.appendingPathComponent("outside/secret.txt").path)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("inside-link.js").path,
            withDestinationPath: "plugins/demo/demo.plugin.js")
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("env-link.txt").path, withDestinationPath: ".env")
        // Bigger than the in-memory cache's per-file limit, so it goes out through sendfile.
        var big = [UInt8](repeating: 0, count: 3 << 20)
        for i in big.indices { big[i] = UInt8(truncatingIfNeeded: i &* 31 &+ i >> 11) }
        try Data(big).write(to: root.appendingPathComponent("big.bin"))
    }

    func write(_ relative: String, _ text: String) throws {
        let url = base.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    deinit { try? FileManager.default.removeItem(at: base) }
}
