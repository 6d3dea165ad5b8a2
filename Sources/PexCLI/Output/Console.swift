/// Where the CLI writes: stdout for what was asked for (help, version, the banner), stderr for diagnostics.
struct Console: Sendable {
    var standardOutput: any TextOutput
    var standardError: any TextOutput
    /// Whether stderr diagnostics may use colour.
    var colorsStandardError: Bool

    /// The process's own streams.
    static func system(environment: [String: String]) -> Console {
        let standardError = StandardStream.standardError
        return Console(
            standardOutput: StandardStream.standardOutput,
            standardError: standardError,
            colorsStandardError: Terminal.usesColor(
                fileDescriptor: standardError.fileDescriptor, environment: environment)
        )
    }
}
