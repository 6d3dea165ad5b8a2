import PexBranding

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `pexdev new plugin <name> [<path>]`: a plugin that loads and checks clean, listed in settings.json.
enum NewPluginCommand {
    static let name = ArgumentSpec(
        name: "name", help: "The plugin's name: lower-case letters, digits and hyphens (e.g. raise-hand).")
    static let path = ArgumentSpec(
        name: "path", help: "The branding folder to add it to (as for 'pexdev serve').", defaultValue: ".")
    static let menu = OptionSpec(
        long: "menu", kind: .value(placeholder: "placement"),
        help: "Where its menu item goes: toolbar (a toolbar button), conference (the conference menu), "
            + "participants (a participant's menu), or none (a plugin that only follows events).",
        defaultValue: "toolbar", choices: MenuPlacement.allCases.map(\.rawValue) + ["none"])
    static let roles = OptionSpec(
        long: "roles", kind: .value(placeholder: "roles"),
        help: "Who gets the plugin, comma-separated: chair (hosts), guest.", defaultValue: "chair,guest",
        choices: PluginTemplate.allRoles)
    static let platforms = OptionSpec(
        long: "platforms", kind: .value(placeholder: "platforms"),
        help: "Where it loads, comma-separated: web, electron, ios, android.",
        defaultValue: "web,electron,ios,android", choices: PluginTemplate.allPlatforms)

    static let spec = CommandSpec(
        invocation: "pexdev new plugin",
        helpInvocation: "pexdev help new plugin",
        overview: "Add a plugin to a branding folder.",
        discussion: "Writes plugins/<name>/ with a package file, a script (an IIFE that registers load, unload "
            + "and the menu action under the package's id) and an SVG icon, and adds the plugin to "
            + "settings.json without reformatting the rest of the file. The result passes 'pexdev check'.\n\n"
            + "Examples:\n"
            + "$ pexdev new plugin raise-hand\n"
            + "$ pexdev new plugin mute-guest ./webapp2 --menu participants --roles chair",
        arguments: [name, path],
        options: [menu, roles, platforms, .help]
    )

    static func parse(_ arguments: [String]) -> Result<PexdevCommand, UsageError> {
        CommandParsing.parse(arguments, spec: spec, help: .newPlugin) { parsed throws(UsageError) in
            .newPlugin(try options(from: parsed))
        }
    }

    private static func options(from parsed: ParsedArguments) throws(UsageError) -> NewPluginOptions {
        guard let pluginName = parsed.positionals.first else {
            throw UsageError("Missing expected argument '\(name.placeholder)'", command: spec)
        }
        var options = NewPluginOptions()
        options.name = pluginName
        options.brandingPath = parsed.positionals.dropFirst().first ?? "."
        if let text = parsed.value(menu.long) {
            if text == "none" {
                options.placement = nil
            } else if let placement = MenuPlacement(rawValue: text) {
                options.placement = placement
            } else {
                throw invalid(text, for: menu)
            }
        }
        if let text = parsed.value(roles.long) { options.roles = try list(text, for: roles) }
        if let text = parsed.value(platforms.long) { options.platforms = try list(text, for: platforms) }
        return options
    }

    /// `chair,guest` → ["chair", "guest"]: known values, each once, at least one.
    private static func list(_ text: String, for option: OptionSpec) throws(UsageError) -> [String] {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingBlanks()
        }
        var seen: [String] = []
        for value in values {
            guard option.choices.contains(value) else { throw invalid(value.isEmpty ? text : value, for: option) }
            if !seen.contains(value) { seen.append(value) }
        }
        // The order Webapp2's documentation uses, whatever the order typed.
        return option.choices.filter(seen.contains)
    }

    private static func invalid(_ value: String, for option: OptionSpec) -> UsageError {
        var expected =
            (option.choices.count > 2 ? "one or more of " : "one of ") + option.choices.joined(separator: ", ")
        if option.long == menu.long { expected = "one of " + option.choices.joined(separator: ", ") }
        if let suggestion = Suggestion.closest(to: value, among: option.choices) {
            expected += ". Did you mean '\(suggestion)'?"
        }
        return .invalidValue(value, for: option, expected: expected, command: spec)
    }

    static func run(_ options: NewPluginOptions, console: Console) -> Int32 {
        run(options, console: console, currentDirectory: FileManager.default.currentDirectoryPath)
    }

    static func run(_ options: NewPluginOptions, console: Console, currentDirectory: String) -> Int32 {
        let log = TerminalLog(verbosity: .normal, colored: console.colorsStandardError, output: console.standardError)
        func fail(_ message: String, _ hint: String?) -> Int32 {
            log.log(.error, message)
            if let hint { console.standardError.write("  hint: \(hint)\n") }
            return ExitStatus.failure
        }
        do {
            try PluginName.validate(options.name)
        } catch {
            return fail(error.message, error.hint)
        }
        let root: BrandingRoot
        do {
            root = try BrandingLocator.locate(options.brandingPath, currentDirectory: currentDirectory)
        } catch {
            return fail(
                error.description,
                error.reason == .noBrandingTree || error.reason == .notFound
                    ? "create a branding folder first: pexdev init" : error.hint)
        }
        let template = PluginTemplate(
            name: options.name, placement: options.placement, roles: options.roles, platforms: options.platforms)
        let result: PluginScaffold.Result
        do {
            result = try PluginScaffold.create(template, in: root)
        } catch {
            return fail(error.message, error.hint)
        }
        let paths = DisplayPaths(rootDirectory: root.directory, currentDirectory: currentDirectory)
        var text = ""
        for file in result.files { text += "created \(paths.displayPath(file: file))\n" }
        text +=
            "updated \(paths.displayPath(file: "settings.json")):\(result.settingsLine): added \"\(options.name)\" "
            + "to the plugins list\n"
        let report = BrandingChecker.check(root)
        text += "check: " + DiagnosticSummary(report: report).line + "\n"
        console.standardOutput.write(text)
        return ExitStatus.success
    }
}
