import Foundation

/// A fresh folder under the system's temporary directory, for tests that need a real file system.
struct TemporaryTree {
    /// Absolute, symlinks resolved, so it compares equal to what the locator returns.
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pexdev-branding-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.resolvingSymlinksInPath().path
    }

    func path(_ relative: String) -> String {
        relative.isEmpty ? path : path + "/" + relative
    }

    @discardableResult
    func write(_ relative: String, _ contents: String) throws -> String {
        try write(relative, bytes: Array(contents.utf8))
    }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let target = path(relative)
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    @discardableResult
    func makeDirectory(_ relative: String) throws -> String {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
        return path(relative)
    }

    @discardableResult
    func symlink(_ relative: String, to destination: String) throws -> String {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: destination)
        return path(relative)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
