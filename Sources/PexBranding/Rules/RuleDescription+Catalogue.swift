extension RuleDescription {
    /// Every rule, ordered by code; codes never change meaning once published.
    public static let all: [RuleDescription] = [
        jsonSyntax, jsonDuplicateKey, jsonByteOrderMark,
        requiredField, wrongType, unknownKey, expectedField,
        manifestMissing, manifestNotObject, settingsNotBranded, brandingIDNotNumeric,
        settingsMissing, pluginsMalformed, noPlugins, duplicatePluginID,
        packageIDMismatch, unknownPlatformOrRole, neverLoads, severalPlacements,
        iconWithoutFragment, iconNotSVG, iconIDMissing, svgActiveContent,
        referenceOutsideTree, referenceMissing, referenceIsDirectory, referenceCaseMismatch, referenceExternal,
        registerPluginNotFound, registerPluginWithoutID, registerPluginIDMismatch, actionNotRegistered,
        lifecycleFunctionMissing, registerPluginCalledTwice, leaksGlobals, externalOrigins,
        fileUnreferenced, pluginFolderUnlisted,
        cspBlocksOrigin, mixedContent,
    ]

    // MARK: JSON, in every file

    public static let jsonSyntax = RuleDescription(
        code: "PEX001", severity: .error, title: "JSON syntax error",
        hint: "fix the JSON at that position: browsers reject trailing commas, comments, single or smart quotes")
    public static let jsonDuplicateKey = RuleDescription(
        code: "PEX002", severity: .warning, title: "Duplicate key in a JSON object",
        hint: "keep one: JSON.parse silently uses the last")
    public static let jsonByteOrderMark = RuleDescription(
        code: "PEX003", severity: .warning, title: "Byte-order mark at the start of a JSON file",
        hint: "save the file as UTF-8 without BOM")
    public static let requiredField = RuleDescription(
        code: "PEX010", severity: .error, title: "Required field missing or empty",
        hint: "add it: settings entries need id and srcURL, packages id and srcURL, menu items an action")
    public static let wrongType = RuleDescription(
        code: "PEX011", severity: .error, title: "Field of the wrong type",
        hint: "write the value as the message says (true, not \"true\"; a list, not a string)")
    public static let unknownKey = RuleDescription(
        code: "PEX012", severity: .warning, title: "Unknown key that looks like a typo",
        hint: "rename it to the suggested key; Webapp2 ignores keys it does not know")
    public static let expectedField = RuleDescription(
        code: "PEX013", severity: .warning, title: "Expected field missing",
        hint: "add it: name, description, version, allowUnload, platforms, participantRoles, enabled")

    // MARK: manifest.json

    public static let manifestMissing = RuleDescription(
        code: "PEX101", severity: .warning, title: "manifest.json missing",
        hint: "fine locally; an upload needs manifest.json with isSettingsBranded: true and a new brandingID")
    public static let manifestNotObject = RuleDescription(
        code: "PEX102", severity: .error, title: "manifest.json unusable (not a JSON object, or unreadable)",
        hint: "make it an object such as {\"brandingID\": \"1521829718679\", \"isSettingsBranded\": true}")
    public static let settingsNotBranded = RuleDescription(
        code: "PEX103", severity: .error, title: "isSettingsBranded is not true",
        hint: "set \"isSettingsBranded\": true, or Webapp2 ignores settings.json and loads no plugin")
    public static let brandingIDNotNumeric = RuleDescription(
        code: "PEX104", severity: .warning, title: "brandingID missing or not numeric",
        hint: "use a new number on every upload, e.g. the time in milliseconds")

    // MARK: settings.json

    public static let settingsMissing = RuleDescription(
        code: "PEX201", severity: .error, title: "settings.json missing or unreadable",
        hint: "add settings.json next to manifest.json with a plugins list")
    public static let pluginsMalformed = RuleDescription(
        code: "PEX202", severity: .error, title: "plugins block is not a list of objects",
        hint: "write \"plugins\": [{\"id\": …, \"srcURL\": …, \"enabled\": true}]")
    public static let noPlugins = RuleDescription(
        code: "PEX203", severity: .warning, title: "settings.json lists no plugins",
        hint: "add an entry per plugin to the plugins list")
    public static let duplicatePluginID = RuleDescription(
        code: "PEX204", severity: .error, title: "Duplicate plugin id in settings.json",
        hint: "give every plugin its own id")

    // MARK: package files

    public static let packageIDMismatch = RuleDescription(
        code: "PEX301", severity: .warning, title: "Package id differs from the settings id",
        hint: "use one id in settings.json, the package file and registerPlugin")
    public static let unknownPlatformOrRole = RuleDescription(
        code: "PEX302", severity: .warning, title: "Unknown platform or participant role",
        hint: "platforms: web, electron, ios, android; participantRoles: chair (Host), guest")
    public static let neverLoads = RuleDescription(
        code: "PEX303", severity: .warning, title: "Plugin can never load (no platform or no role)",
        hint: "list at least one known platform and one role")
    public static let severalPlacements = RuleDescription(
        code: "PEX304", severity: .error, title: "menuItems uses more than one placement",
        hint: "keep one of toolbar, conference, participants; make a second plugin for another place")
    public static let iconWithoutFragment = RuleDescription(
        code: "PEX305", severity: .warning, title: "Icon without #id fragment",
        hint: "write the icon as file.svg#id, naming the id of an element in the SVG")
    public static let iconNotSVG = RuleDescription(
        code: "PEX306", severity: .error, title: "Icon is not an SVG file",
        hint: "Webapp2 only shows SVG icons: convert it to SVG")
    public static let iconIDMissing = RuleDescription(
        code: "PEX307", severity: .error, title: "SVG has no element with the icon's id",
        hint: "add id=\"…\" to the <svg> element, or fix the #fragment")
    public static let svgActiveContent = RuleDescription(
        code: "PEX308", severity: .warning, title: "SVG contains script or event handlers",
        hint: "remove <script>, on… attributes and javascript: links from icons")

    // MARK: references between files

    public static let referenceOutsideTree = RuleDescription(
        code: "PEX401", severity: .error, title: "Reference leaves the branding tree or uses a forbidden scheme",
        hint: "use a path relative to the referring file, inside webapp2/ (no .., /, file: or javascript:)")
    public static let referenceMissing = RuleDescription(
        code: "PEX402", severity: .error, title: "Referenced file missing or unreadable",
        hint: "fix the path, relative to the referring file, or add the file")
    public static let referenceIsDirectory = RuleDescription(
        code: "PEX403", severity: .error, title: "Reference names a folder, not a file",
        hint: "name the file inside the folder")
    public static let referenceCaseMismatch = RuleDescription(
        code: "PEX404", severity: .error, title: "File name differs in case only",
        hint: "works on macOS/Windows, 404 on the Conferencing Node (Linux): make the spelling match")
    public static let referenceExternal = RuleDescription(
        code: "PEX405", severity: .notice, title: "Absolute URL cannot be checked offline",
        hint: "make sure the URL is reachable from clients and allowed by the node's CSP")

    // MARK: plugin sources

    public static let registerPluginNotFound = RuleDescription(
        code: "PEX501", severity: .warning, title: "registerPlugin call not found or not understood",
        hint: "call PEX.pluginAPI.registerPlugin({id: '…', load, unload, …}) with an object literal")
    public static let registerPluginWithoutID = RuleDescription(
        code: "PEX502", severity: .error, title: "registerPlugin object has no id",
        hint: "add id: '<package id>' to the object passed to registerPlugin")
    public static let registerPluginIDMismatch = RuleDescription(
        code: "PEX503", severity: .error, title: "registerPlugin id matches no package file",
        hint: "use the package file's id: Webapp2 registers plugins by it")
    public static let actionNotRegistered = RuleDescription(
        code: "PEX504", severity: .error, title: "Menu action not passed to registerPlugin",
        hint: "pass the function to registerPlugin under the action's name, or fix the action")
    public static let lifecycleFunctionMissing = RuleDescription(
        code: "PEX505", severity: .warning, title: "registerPlugin object has no load (or unload) function",
        hint: "pass load, and unload when allowUnload is true")
    public static let registerPluginCalledTwice = RuleDescription(
        code: "PEX506", severity: .warning, title: "registerPlugin called more than once",
        hint: "register once, with one object holding every function")
    public static let leaksGlobals = RuleDescription(
        code: "PEX507", severity: .notice, title: "Top-level declarations leak into globals",
        hint: "wrap the whole file in (function () { … })();")
    public static let externalOrigins = RuleDescription(
        code: "PEX508", severity: .notice, title: "Plugin reaches external origins",
        hint: "the node's CSP (and the reverse proxy's) must allow these origins")

    // MARK: the tree as a whole

    public static let fileUnreferenced = RuleDescription(
        code: "PEX601", severity: .notice, title: "File not referenced by anything",
        hint: "delete it or reference it; it is uploaded with the package but nothing loads it")
    public static let pluginFolderUnlisted = RuleDescription(
        code: "PEX602", severity: .notice, title: "Plugin folder not listed in settings.json",
        hint: "add an entry for it to settings.json's plugins list, or delete the folder")

    // MARK: Content-Security-Policy (spec §9)

    public static let cspBlocksOrigin = RuleDescription(
        code: "PEX701", severity: .warning, title: "External origin not allowed by the active CSP",
        hint: "ask the node's administrator to add the origin to that directive (check with pexdev csp check)")
    public static let mixedContent = RuleDescription(
        code: "PEX702", severity: .warning, title: "Mixed content: http:// or ws:// from the https app",
        hint: "use https:// or wss://: browsers block plain requests from an https page")
}
