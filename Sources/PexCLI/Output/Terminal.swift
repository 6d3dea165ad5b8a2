/// Whether a stream is a terminal, and whether the user wants colour on it.
enum Terminal {
    static func isTerminal(_ fileDescriptor: Int32) -> Bool {
        systemIsTerminal(fileDescriptor)
    }

    /// Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org) or TERM=dumb.
    static func usesColor(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    static func usesColor(fileDescriptor: Int32, environment: [String: String]) -> Bool {
        usesColor(isTerminal: isTerminal(fileDescriptor), environment: environment)
    }
}
