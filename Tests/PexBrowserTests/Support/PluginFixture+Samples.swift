import Foundation

/// The plugins the shell tests add to a copy of sample-branding: one for the platform filter and allowUnload,
/// and the broken ones (each mistake a plugin author makes, one per plugin).
extension PluginFixture {
    /// Web and desktop only, cannot be unloaded; a toolbar item whose action does nothing.
    static let desktopOnly = simple(
        id: "desktop-only-1.0", folder: "desktop-only", name: "Desktop only",
        platforms: ["web", "electron"], allowUnload: false, toolbarItem: (label: "Desktop only", action: "noop"),
        body: """
                    load: function () {
                        window.desktopOnlyLoaded = true;
                    },
                    unload: function () {
                        window.desktopOnlyLoaded = false;
                    },
                    noop: function () {},
            """)

    /// Throws from `load()`.
    static let throwsInLoad = simple(
        id: "throws-in-load-1.0", folder: "throws-in-load", name: "Throws in load",
        body: """
                    load: function () {
                        throw new Error('boom in load');
                    },
            """)

    /// Loads fine; its toolbar action throws.
    static let throwsInAction = simple(
        id: "throws-in-action-1.0", folder: "throws-in-action", name: "Throws in action",
        toolbarItem: (label: "Throw", action: "explode"),
        body: """
                    load: function () {},
                    unload: function () {
                        window.throwsInActionUnloaded = true;
                    },
                    explode: function () {
                        const settings = undefined;
                        return settings.volume;
                    },
            """)

    /// Its script runs to the end without calling registerPlugin.
    static let neverRegisters = PluginFixture(
        id: "never-registers-1.0", folder: "never-registers",
        packageFile: package(id: "never-registers-1.0", name: "Never registers", source: "never-registers.plugin.js"),
        sourceFile: "never-registers.plugin.js",
        source: """
            (function () {
                'use strict';
                // Forgot PEX.pluginAPI.registerPlugin({...}).
                window.neverRegistersRan = true;
            })();

            """)

    /// Registers under an id that is not its package's.
    static let wrongID = PluginFixture(
        id: "wrong-id-1.0", folder: "wrong-id",
        packageFile: package(id: "wrong-id-1.0", name: "Wrong id", source: "wrong-id.plugin.js"),
        sourceFile: "wrong-id.plugin.js",
        source: """
            (function () {
                'use strict';
                PEX.pluginAPI.registerPlugin({
                    id: 'wrong-id-typo',
                    load: function () {},
                });
            })();

            """)

    /// A plugin whose source is an IIFE registering `id` with the members in `body`.
    private static func simple(
        id: String, folder: String, name: String, platforms: [String] = ["web", "electron", "ios", "android"],
        allowUnload: Bool = true, toolbarItem: (label: String, action: String)? = nil, body: String
    ) -> PluginFixture {
        let source = "\(folder).plugin.js"
        return PluginFixture(
            id: id, folder: folder,
            packageFile: package(
                id: id, name: name, source: source, platforms: platforms, allowUnload: allowUnload,
                toolbarItem: toolbarItem),
            sourceFile: source,
            source: """
                (function () {
                    'use strict';
                    PEX.pluginAPI.registerPlugin({
                        id: '\(id)',
                \(body)
                    });
                })();

                """)
    }
}
