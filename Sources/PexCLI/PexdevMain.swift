/// The `pexdev` command line: parse, then run; usage mistakes print swift-argument-parser-style and exit 64.
public enum PexdevMain {
    /// Runs pexdev with `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        run(arguments, environment: environment, console: .system(environment: environment))
    }

    static func run(_ arguments: [String], environment: [String: String], console: Console) -> Int32 {
        switch RootCommand.parse(arguments, environment: environment) {
        case .failure(let error):
            console.standardError.write(error.rendered)
            return error.exitStatus
        case .success(let command):
            return RootCommand.run(command, console: console)
        }
    }
}
