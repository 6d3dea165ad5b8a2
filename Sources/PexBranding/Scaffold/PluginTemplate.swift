/// The files of a new plugin (spec §4–§5): a package file, an IIFE source that registers load, unload and
/// the menu action under the package's id, and an SVG icon carrying the id its reference names. Everything
/// `pexdev check` looks for is there, so the result checks clean.
public struct PluginTemplate: Sendable, Equatable {
    public var name: String
    /// nil: no menu item (a plugin that only listens to events).
    public var placement: MenuPlacement?
    public var roles: [String]
    public var platforms: [String]

    public static let allRoles = ["chair", "guest"]
    public static let allPlatforms = BrandingResolver.platforms

    public init(
        name: String, placement: MenuPlacement? = .toolbar, roles: [String] = allRoles,
        platforms: [String] = allPlatforms
    ) {
        self.name = name
        self.placement = placement
        self.roles = roles
        self.platforms = platforms
    }

    public var title: String { PluginName.title(name) }
    public var action: String { PluginName.actionName(name) }
    public var packageFile: String { "\(name).plugin.json" }
    public var sourceFile: String { "\(name).plugin.js" }
    public var iconFile: String { "assets/\(name).svg" }
    public var iconID: String { "\(name)-icon" }

    /// Paths relative to the plugin's folder, with their contents, in the order they are written.
    public var files: [(path: String, contents: String)] {
        var files = [(packageFile, package), (sourceFile, source)]
        if placement != nil { files.append((iconFile, icon)) }
        return files
    }

    var package: String {
        let list = { (values: [String]) in "[" + values.map(JSONLiteral.string).joined(separator: ", ") + "]" }
        var lines = [
            "\"id\": \(JSONLiteral.string(name))",
            "\"name\": \(JSONLiteral.string(title))",
            "\"description\": \(JSONLiteral.string(description))",
            "\"version\": \"1.0.0\"",
            "\"srcURL\": \(JSONLiteral.string(sourceFile))",
            "\"allowUnload\": true",
            "\"platforms\": \(list(platforms))",
            "\"participantRoles\": \(list(roles))",
        ]
        if let placement {
            let item =
                "{\"icon\": \(JSONLiteral.string(iconFile + "#" + iconID)), \"label\": \(JSONLiteral.string(title)), "
                + "\"action\": \(JSONLiteral.string(action))}"
            lines.append("\"menuItems\": {\n    \"\(placement.rawValue)\": [\n      \(item)\n    ]\n  }")
        }
        return "{\n  " + lines.joined(separator: ",\n  ") + "\n}\n"
    }

    private var description: String {
        switch placement {
        case .toolbar?: return "Adds a toolbar button that shows who is in the conference."
        case .conference?: return "Adds a conference menu item that shows the conference's state."
        case .participants?: return "Adds a participant menu item that shows who the participant is."
        case nil: return "Follows the conference without a menu item."
        }
    }

    var source: String {
        var text = """
            /*
             * \(title): a Webapp2 plugin made by `pexdev new plugin \(name)`.
             * load() runs when the plugin loads and gets the participants and the conference details as
             * observables; unload() runs when the user unloads it and must undo what load() did.
             */
            (function () {
                'use strict';

                var subscriptions = [];
                var participants = [];
                var conference = {};

                function escapeHTML(text) {
                    return String(text).replace(/[&<>"']/g, function (character) {
                        return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[character];
                    });
                }

                function load(participants$, conferenceDetails$) {
                    subscriptions.push(participants$.subscribe(function (list) {
                        participants = list;
                    }));
                    subscriptions.push(conferenceDetails$.subscribe(function (details) {
                        conference = details;
                    }));
                }

                function unload() {
                    subscriptions.forEach(function (subscription) {
                        if (subscription && subscription.unsubscribe) {
                            subscription.unsubscribe();
                        }
                    });
                    subscriptions = [];
                }


            """
        if let placement {
            text += actionFunction(placement) + "\n"
        }
        text += """
                PEX.pluginAPI.registerPlugin({
                    id: \(javaScriptString(name)),
                    load: load,
                    unload: unload\(placement == nil ? "" : ",\n        \(action): \(action)")
                });
            })();

            """
        return text
    }

    /// The action's arguments depend on where its menu item sits (spec §5).
    private func actionFunction(_ placement: MenuPlacement) -> String {
        let parameters: String
        let body: String
        switch placement {
        case .toolbar:
            parameters = "currentParticipants, conferenceDetails"
            body = "'<p>' + (currentParticipants || participants).length + ' people in the conference.</p>'"
        case .conference:
            parameters = "conferenceDetails"
            body =
                "'<p>The conference is ' + ((conferenceDetails || conference).locked ? 'locked' : 'unlocked') + '.</p>'"
        case .participants:
            parameters = "participant"
            body = "'<p>' + escapeHTML(participant.name) + ' (' + escapeHTML(participant.role) + ')</p>'"
        }
        let closeID = javaScriptString("\(name)-close")
        return """
                function \(action)(\(parameters)) {
                    PEX.pluginAPI.openTemplateDialog({
                        title: \(javaScriptString(title)),
                        body: \(body) +
                            '<div class="buttons"><button class="dialog-button blue-action-button" id="\(name)-close">' +
                            'Close</button></div>'
                    }).then(function (dialogRef) {
                        var button = document.getElementById(\(closeID));
                        if (button) {
                            button.addEventListener('click', function () {
                                dialogRef.close();
                            });
                        }
                    });
                }

            """
    }

    private func javaScriptString(_ text: String) -> String {
        var out = "'"
        for character in text {
            if character == "\\" || character == "'" { out.append("\\") }
            out.append(character)
        }
        return out + "'"
    }

    var icon: String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" id="\(iconID)" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
          <title>\(title)</title>
          <path d="M12 2l3 7h7l-5.5 4.5 2 7.5-6.5-4.5-6.5 4.5 2-7.5-5.5-4.5h7z"/>
        </svg>

        """
    }
}
