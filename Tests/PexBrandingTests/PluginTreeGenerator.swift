import Foundation

/// Writes a branding tree of `count` realistic plugins (package file, ~3 KB source, SVG icon) into a fresh
/// temporary folder, for timing the checker on a large tree. Every plugin checks clean.
struct PluginTreeGenerator {
    let count: Int

    /// The `webapp2/` folder written; remove `tree` when done.
    func write() throws -> (tree: TemporaryTree, webapp2: String) {
        let tree = try TemporaryTree()
        try tree.write("webapp2/manifest.json", #"{"brandingID": "1700000000000", "isSettingsBranded": true}"#)
        var entries: [String] = []
        let placements = ["toolbar", "conference", "participants"]
        for index in 0..<count {
            let name = "plugin-\(index)"
            let id = "\(name)-1.0"
            entries.append(#"    {"id": "\#(id)", "srcURL": "plugins/\#(name)/\#(name).plugin.json", "enabled": true}"#)
            try tree.write(
                "webapp2/plugins/\(name)/\(name).plugin.json",
                """
                {
                  "id": "\(id)",
                  "name": "Plugin \(index)",
                  "description": "Generated plugin number \(index), for timing the checker.",
                  "version": "1.0.\(index)",
                  "srcURL": "\(name).plugin.js",
                  "allowUnload": true,
                  "platforms": ["web", "electron", "ios", "android"],
                  "participantRoles": ["chair", "guest"],
                  "menuItems": {
                    "\(placements[index % 3])": [
                      {"icon": "assets/icon.svg#icon-\(index)", "label": "Do \(index)", "action": "act\(index)"}
                    ]
                  }
                }

                """)
            try tree.write("webapp2/plugins/\(name)/\(name).plugin.js", source(id: id, index: index))
            try tree.write(
                "webapp2/plugins/\(name)/assets/icon.svg",
                """
                <svg xmlns="http://www.w3.org/2000/svg" id="icon-\(index)" viewBox="0 0 24 24" fill="none">
                  <title>Plugin \(index)</title>
                  <path d="M4 4h16v16H4z M8 8h8v8H8z" stroke="currentColor"/>
                </svg>

                """)
        }
        try tree.write(
            "webapp2/settings.json", "{\n  \"plugins\": [\n" + entries.joined(separator: ",\n") + "\n  ]\n}\n")
        return (tree, tree.path("webapp2"))
    }

    private func source(id: String, index: Int) -> String {
        """
        /*
         * Generated plugin \(index): a toolbar action with state, a dialog and a REST call, like real plugins.
         */
        (function () {
            'use strict';

            const PLUGIN_ID = '\(id)';
            const state$ = PEX.pluginAPI.createNewState({ icon: 'assets/icon.svg#icon-\(index)', label: 'Do \(index)' });
            let subscription = null;
            let count = 0;

            function describe(participants) {
                // Count hosts and guests; template literals and regexes must not confuse the scanner.
                const hosts = participants.filter((p) => p.role === 'chair').length;
                const pattern = /^[a-z]+\\/[0-9]{2,}$/i;
                return `${hosts} host${hosts === 1 ? '' : 's'} of ${participants.length} (${pattern.test('a/10')})`;
            }

            function load(participants$, conferenceDetails$) {
                subscription = participants$.subscribe((participants) => {
                    state$.next({ icon: 'assets/icon.svg#icon-\(index)', label: describe(participants) });
                });
                conferenceDetails$.subscribe((details) => {
                    if (details.locked && count / 2 > 1) {
                        console.log('locked', details);
                    }
                });
            }

            function unload() {
                if (subscription) {
                    subscription.unsubscribe();
                    subscription = null;
                }
            }

            function act\(index)(participants, conferenceDetails) {
                count += 1;
                PEX.pluginAPI.openTemplateDialog({
                    title: 'Plugin \(index)',
                    body: '<div class="buttons"><button class="dialog-button green-action-button" id="go-\(index)">Go</button></div>'
                }).then((dialogRef) => {
                    document.getElementById('go-\(index)').addEventListener('click', () => {
                        PEX.pluginAPI.sendRequest('participants/' + participants[0].uuid + '/mute');
                        dialogRef.close();
                    });
                });
            }

            PEX.pluginAPI.registerPlugin({
                id: PLUGIN_ID,
                load: load,
                unload: unload,
                act\(index): act\(index),
                state$: state$
            });
        })();

        """
    }
}
