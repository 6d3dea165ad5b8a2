import Foundation

/// The plugins the shell tests add to a copy of sample-branding: one for the platform filter and allowUnload,
/// and the broken ones (each mistake a plugin author makes, one per plugin).
extension PluginFixture {
    /// Web and desktop only, cannot be unloaded; a toolbar item whose action does nothing.
    static let desktopOnly = simple(
        id: "desktop-only-1.0", folder: "desktop-only", name: "Desktop only",
        platforms: ["web", "electron"], allowUnload: false, toolbarItems: [(label: "Desktop only", action: "noop")],
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

    /// Loads fine; then throws from a toolbar action ("Throw"), from an inline onclick handler in the dialog
    /// "Open dialog" opens, and from its participants$ subscriber once "Trouble Maker" joins.
    static let throwsInHandlers = simple(
        id: "throws-in-handlers-1.0", folder: "throws-in-handlers", name: "Throws in handlers",
        toolbarItems: [(label: "Throw", action: "explode"), (label: "Open dialog", action: "openDialog")],
        body: """
                    load: function (participants$) {
                        window.throwsInHandlersSubscription = participants$.subscribe(function (participants) {
                            if (participants.some((participant) => participant.name === 'Trouble Maker')) {
                                throw new RangeError('boom in a subscriber');
                            }
                        });
                    },
                    unload: function () {
                        window.throwsInHandlersSubscription.unsubscribe();
                        window.throwsInHandlersUnloaded = true;
                    },
                    explode: function () {
                        const settings = undefined;
                        return settings.volume;
                    },
                    openDialog: function () {
                        PEX.pluginAPI.openTemplateDialog({
                            title: 'Throwing dialog',
                            body: '<button id="throws-in-handlers-boom" onclick="window.notDefinedAnywhere.go()">Boom</button>',
                        });
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
        allowUnload: Bool = true, toolbarItems: [(label: String, action: String)] = [], body: String
    ) -> PluginFixture {
        let source = "\(folder).plugin.js"
        return PluginFixture(
            id: id, folder: folder,
            packageFile: package(
                id: id, name: name, source: source, platforms: platforms, allowUnload: allowUnload,
                toolbarItems: toolbarItems),
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
