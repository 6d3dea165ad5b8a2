/// Files editors write while saving that are not the user's content (security.md item 34): swap and backup
/// files, Vim's `4913` probe, Emacs lock files, dotfiles (never served anyway). Changes to them never reload.
enum EditorNoise {
    static func ignores(_ relativePath: String) -> Bool {
        for component in relativePath.split(separator: "/") where component.hasPrefix(".") { return true }
        guard let name = relativePath.split(separator: "/").last else { return false }
        if name == "4913" || name.hasSuffix("~") || name.hasPrefix("#") { return true }
        for suffix in [".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", ".crdownload", ".part"]
        where name.hasSuffix(suffix) {
            return true
        }
        // `sed -i` writes `sedXXXXXX` beside the file, then renames it over the original.
        if name.count == 9, name.hasPrefix("sed"), name.dropFirst(3).allSatisfy({ $0.isLetter || $0.isNumber }) {
            return true
        }
        // JetBrains "safe write" and similar: `name.ext___jb_tmp___`, `name.ext___jb_old___`.
        return name.hasSuffix("___")
    }
}
