/// How diagnostics name files: the branding root as the user would reach it from the current directory,
/// then the file's root-relative path, so `pexdev check ./webapp2` says `webapp2/settings.json`.
public struct DisplayPaths: Sendable, Equatable {
    /// The root relative to the current directory (`webapp2`, `sample-branding/webapp2`), "." when it is the
    /// current directory, or absolute when it is not under it.
    public let root: String

    /// Both paths absolute; `rootDirectory` as `BrandingRoot.directory` gives it (symlinks resolved), and
    /// `currentDirectory` as getcwd(3) gives it (also resolved), so a plain prefix test is enough.
    public init(rootDirectory: String, currentDirectory: String) {
        let root = LexicalPath.normalized(rootDirectory)
        let current = LexicalPath.normalized(currentDirectory)
        if root == current {
            self.root = "."
        } else if current == "/" {
            self.root = String(root.dropFirst())
        } else if root.hasPrefix(current + "/") {
            self.root = String(root.dropFirst(current.count + 1))
        } else {
            self.root = root
        }
    }

    /// `file` (root-relative, `/`-separated) as the user should see it: `webapp2/settings.json`; just
    /// `settings.json` when the root is the current directory.
    public func displayPath(file: String) -> String {
        if file.isEmpty { return root }
        if root == "." { return file }
        return root.hasSuffix("/") ? root + file : root + "/" + file
    }
}
