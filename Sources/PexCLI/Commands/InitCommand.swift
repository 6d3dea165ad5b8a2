import PexBranding

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `pexdev init [<directory>]`: a new branding tree to add plugins to.
enum InitCommand {
    static let directory = ArgumentSpec(
        name: "directory",
        help: "Where to create the tree: its webapp2/ folder goes inside it (or it is the webapp2/ folder, "
            + "when so named). Created if missing.",
        defaultValue: ".")

    static let spec = CommandSpec(
        invocation: "pexdev init",
        helpInvocation: "pexdev help init",
        overview: "Create a new branding folder: webapp2/manifest.json and webapp2/settings.json.",
        discussion: "The manifest has isSettingsBranded: true and a brandingID; settings.json lists no plugins "
            + "yet (add one with 'pexdev new plugin'). Existing files are never overwritten.\n\n"
            + "Examples:\n"
            + "$ pexdev init my-branding\n"
            + "$ pexdev init && pexdev new plugin raise-hand",
        arguments: [directory],
        options: [.help]
    )

    static func parse(_ arguments: [String]) -> Result<PexdevCommand, UsageError> {
        switch ArgumentParser.parse(arguments, command: spec) {
        case .failure(let error): return .failure(error)
        case .success(let parsed):
            if parsed.helpRequested { return .success(.help(.initialize)) }
            return .success(.initialize(InitOptions(directory: parsed.positionals.first ?? ".")))
        }
    }

    static func run(_ options: InitOptions, console: Console) -> Int32 {
        run(options, console: console, currentDirectory: FileManager.default.currentDirectoryPath)
    }

    static func run(_ options: InitOptions, console: Console, currentDirectory: String) -> Int32 {
        let target = PackageCommand.absolute(options.directory, in: currentDirectory)
        let result: BrandingScaffold.Result
        do {
            result = try BrandingScaffold.initialize(
                directory: target, nowMilliseconds: BrandingID.systemMilliseconds())
        } catch {
            let log = TerminalLog(
                verbosity: .normal, colored: console.colorsStandardError, output: console.standardError)
            log.log(.error, error.message)
            if let hint = error.hint { console.standardError.write("  hint: \(hint)\n") }
            return ExitStatus.failure
        }
        var text = ""
        for file in result.files { text += "created \(PackageCommand.relative(file, to: currentDirectory))\n" }
        let argument = options.directory == "." ? "" : " " + ShellQuoting.quote(options.directory)
        text += "next:\n"
        let steps = [
            ("pexdev new plugin hello-world\(argument)", "add a plugin with a toolbar button"),
            ("pexdev serve\(argument)", "try it in the browser"),
        ]
        let width = steps.map(\.0.count).max() ?? 0
        for (command, what) in steps {
            text += "  " + command + String(repeating: " ", count: width - command.count + 3) + what + "\n"
        }
        console.standardOutput.write(text)
        return ExitStatus.success
    }
}

/// `pexdev init`'s settings.
struct InitOptions: Sendable, Equatable {
    var directory = "."
}
