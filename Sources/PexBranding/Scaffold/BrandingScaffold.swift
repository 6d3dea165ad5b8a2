/// `pexdev init [DIR]`: a new branding tree, laid out as the upload expects (`DIR/webapp2/`), with a manifest
/// that already works (`isSettingsBranded: true`, a brandingID) and a settings.json with an empty plugins list.
public enum BrandingScaffold {
    /// What was created.
    public struct Result: Sendable, Equatable {
        /// The `webapp2/` folder (absolute).
        public var webapp2: String
        /// Absolute paths of the files written.
        public var files: [String]
    }

    /// Writes the tree under `directory` (absolute): into it when it is named `webapp2`, else into
    /// `directory/webapp2/`. Refuses when either file, or a branding tree, is already there.
    public static func initialize(directory: String, nowMilliseconds: UInt64) throws(ScaffoldError) -> Result {
        let directory = LexicalPath.trimmingTrailingSlashes(directory)
        let webapp2 =
            LexicalPath.lastComponent(directory) == "webapp2"
            ? directory : LexicalPath.appending("webapp2", to: directory)
        let fileSystem = LocalFileSystem()
        let names = ["manifest.json", "settings.json"]
        for folder in Set([directory, webapp2]) {
            let existing = names.filter { (try? fileSystem.kind(of: LexicalPath.appending($0, to: folder))) != nil }
            guard existing.isEmpty else {
                let listed = existing.map { LexicalPath.appending($0, to: folder) }.joined(separator: " and ")
                throw ScaffoldError(
                    .alreadyExists,
                    "\(listed) already \(existing.count == 1 ? "exists" : "exist"); nothing was written",
                    hint: "this is a branding tree already: add a plugin with pexdev new plugin <name>")
            }
        }
        let manifest = """
            {
              "brandingID": "\(nowMilliseconds)",
              "isSettingsBranded": true,
              "isWatermarkBranded": false,
              "isStylesBranded": false
            }

            """
        let settings = "{\n  \"plugins\": []\n}\n"
        var written: [String] = []
        do {
            try AtomicFile.makeFolders(webapp2)
            for (name, text) in [("manifest.json", manifest), ("settings.json", settings)] {
                let path = LexicalPath.appending(name, to: webapp2)
                try AtomicFile.createNew(Array(text.utf8), at: path)
                written.append(path)
            }
        } catch {
            throw ScaffoldError(.fileSystem, error.message)
        }
        return Result(webapp2: webapp2, files: written)
    }
}
