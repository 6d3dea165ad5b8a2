/// The browser shell compiled into the binary, so an installed `pexdev` needs no Public/ folder beside it.
enum EmbeddedShellFiles {
    static var files: [String: String] { EmbeddedShell.files }
}
