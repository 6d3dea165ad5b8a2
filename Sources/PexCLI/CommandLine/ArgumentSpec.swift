/// One positional argument a command accepts.
struct ArgumentSpec: Sendable, Equatable {
    var name: String
    var help: String
    /// Arguments with a default are optional and shown in brackets.
    var defaultValue: String?
    /// The values it accepts, when they are a fixed list (offered by shell completions).
    var choices: [String] = []
    /// The variable that supplies it when it is not given.
    var environmentVariable: String?

    /// A path on disk: shell completions offer file names.
    var isPath: Bool { ["path", "file", "directory"].contains(name) }

    var placeholder: String { "<" + name + ">" }
    var usageToken: String { defaultValue == nil ? placeholder : "[" + placeholder + "]" }

    /// The help sentence with its default and environment variable, as `OptionSpec.helpText` has them.
    var helpText: String {
        var notes: [String] = []
        if let defaultValue { notes.append("default: " + defaultValue) }
        if let environmentVariable { notes.append("env: " + environmentVariable) }
        return notes.isEmpty ? help : help + " (" + notes.joined(separator: ", ") + ")"
    }
}
