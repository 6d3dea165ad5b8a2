/// One positional argument a command accepts.
struct ArgumentSpec: Sendable, Equatable {
    var name: String
    var help: String
    /// Arguments with a default are optional and shown in brackets.
    var defaultValue: String?
    /// The values it accepts, when they are a fixed list (offered by shell completions).
    var choices: [String] = []

    /// A path on disk: shell completions offer file names.
    var isPath: Bool { ["path", "file", "directory"].contains(name) }

    var placeholder: String { "<" + name + ">" }
    var usageToken: String { defaultValue == nil ? placeholder : "[" + placeholder + "]" }

    var helpText: String {
        guard let defaultValue else { return help }
        return help + " (default: " + defaultValue + ")"
    }
}
