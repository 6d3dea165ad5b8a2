import Foundation
import PackagePlugin

/// Embeds a folder of text files into a target as `<Type>.files` (see Sources/pexdev-embed).
/// Which folder goes into which target is listed here, so Package.swift stays declarative.
@main
struct EmbedFiles: BuildToolPlugin {
    /// target name → (folder relative to the package root, generated type name)
    static let folders: [String: (folder: String, type: String)] = [
        "PexDevServer": ("Public", "EmbeddedShell"),
        "PexMock": ("Sources/PexMock/Resources", "EmbeddedMockResources"),
    ]

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let entry = Self.folders[target.name] else { return [] }
        let folder = context.package.directoryURL.appending(path: entry.folder)
        let output = context.pluginWorkDirectoryURL.appending(path: "\(entry.type).swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where !url.hasDirectoryPath { inputs.append(url) }
        }
        return [
            .buildCommand(
                displayName: "Embedding \(entry.folder)/ into \(target.name)",
                executable: try context.tool(named: "pexdev-embed").url,
                arguments: [folder.path, entry.type, output.path],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
