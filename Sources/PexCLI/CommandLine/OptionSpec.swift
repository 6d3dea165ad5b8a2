/// One `--option` a command accepts: its spellings, whether it takes a value, and how help describes it.
struct OptionSpec: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case flag
        /// Takes a value, shown as `<placeholder>` in usage and help.
        case value(placeholder: String)
    }

    /// The long name without dashes; also the key the parsed value is stored under.
    var long: String
    var short: Character?
    var kind: Kind
    var help: String
    var defaultValue: String?
    var environmentVariable: String?
    /// May be given more than once, each value kept.
    var isRepeatable = false
    /// Listed in the usage line (`--help` is not, as in swift-argument-parser).
    var showsInUsage = true
    /// The values it accepts, when they are a fixed list (offered by shell completions).
    var choices: [String] = []

    var spelledLong: String { "--" + long }
    var spelledShort: String? { short.map { "-" + String($0) } }

    /// `--port <port>`: how error messages name the option.
    var synopsis: String {
        switch kind {
        case .flag: spelledLong
        case .value(let placeholder): spelledLong + " <" + placeholder + ">"
        }
    }

    /// `[--port <port>]` or `[--allow-host <name> ...]` in the usage line.
    var usageToken: String {
        "[" + synopsis + (isRepeatable ? " ..." : "") + "]"
    }

    /// `-p, --port <port>` in the OPTIONS section.
    var helpLabel: String {
        if let spelledShort { return spelledShort + ", " + synopsis }
        return synopsis
    }

    /// The help sentence with its default and environment variable, e.g. `(default: 8080, env: PEXDEV_PORT)`.
    var helpText: String {
        var notes: [String] = []
        if let defaultValue { notes.append("default: " + defaultValue) }
        if let environmentVariable { notes.append("env: " + environmentVariable) }
        return notes.isEmpty ? help : help + " (" + notes.joined(separator: ", ") + ")"
    }

    var takesValue: Bool { kind != .flag }

    static let help = OptionSpec(
        long: "help", short: "h", kind: .flag, help: "Show help information.", showsInUsage: false)
}
