/// The shells `pexdev completions` writes scripts for.
enum CompletionsShell: String, Sendable, Equatable, CaseIterable {
    case bash, zsh, fish
}
