import PexDevServer

/// A command line understood: what `pexdev` was asked to do, before anything runs.
enum PexdevCommand: Sendable, Equatable {
    case help(HelpTopic)
    case version
    case serve(ServeOptions)
    case check(CheckOptions)
    case mock(MockOptions)
    case health(HealthOptions)
    case package(PackageOptions)
    case initialize(InitOptions)
    case newPlugin(NewPluginOptions)
    case completions(CompletionsShell)
    case cspShow(CSPSettings)
    case cspCheck(CSPCheckOptions)
}

/// Whose help to show.
/// Every command is listed here, so help and shell completions cover them all.
enum HelpTopic: Sendable, Equatable, CaseIterable {
    case root, serve, check, mock, health, package, initialize, new, newPlugin, csp, cspShow, cspCheck, completions

    var command: CommandSpec {
        switch self {
        case .root: RootCommand.spec
        case .serve: ServeCommand.spec
        case .check: CheckCommand.spec
        case .mock: MockCommand.spec
        case .health: HealthCommand.spec
        case .package: PackageCommand.spec
        case .initialize: InitCommand.spec
        case .new: NewCommand.spec
        case .newPlugin: NewPluginCommand.spec
        case .csp: CSPCommand.spec
        case .cspShow: CSPShowCommand.spec
        case .cspCheck: CSPCheckCommand.spec
        case .completions: CompletionsCommand.spec
        }
    }
}
