/// A command line understood: what `pexdev` was asked to do, before anything runs.
enum PexdevCommand: Sendable, Equatable {
    case help(HelpTopic)
    case version
    case serve(ServeOptions)
    case check(CheckOptions)
    case mock(MockOptions)
}

/// Whose help to show.
enum HelpTopic: Sendable, Equatable {
    case root, serve, check, mock

    var command: CommandSpec {
        switch self {
        case .root: RootCommand.spec
        case .serve: ServeCommand.spec
        case .check: CheckCommand.spec
        case .mock: MockCommand.spec
        }
    }
}
