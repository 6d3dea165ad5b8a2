/// What the browser should do about one batch of changes, and what production would do (the brandingID
/// trap). Sent to the shell as the `reload` event; printed as one terminal line.
public struct ReloadPlan: Sendable, Equatable, Encodable {
    public enum Kind: String, Sendable, Encodable {
        /// Nothing the shell shows changed (an unreferenced file, or strict mode holding changes back).
        case none
        /// Stylesheets only: swap them in place.
        case css
        /// Hot-swap these plugins (unload, re-evaluate, load), keeping the conference.
        case plugins
        /// Reload the whole configuration, as a production client does when brandingID changes.
        case full
    }

    public var kind: Kind
    /// Changed files, relative to the branding root, sorted.
    public var files: [String]
    /// Plugin ids to hot-swap (for `plugins`), in settings order.
    public var plugins: [String]
    public var brandingIDChanged: Bool
    public var brandingID: String?
    /// Settings, a package, a plugin source or asset changed: production clients keep their cached copy of
    /// these until brandingID changes.
    public var configurationChanged: Bool
    /// Strict mode: changes held back until brandingID changes (all of them so far).
    public var pending: [String]

    /// The warning the shell keeps on screen and the terminal prints, or nil.
    public var productionNotice: String? {
        guard configurationChanged, !brandingIDChanged else { return nil }
        return "production clients would not see this until brandingID changes — `pexdev package` bumps it"
    }

    /// The terminal line, without timing.
    public var summary: String {
        let what = files.count == 1 ? files[0] : "\(files.count) files"
        switch kind {
        case .none:
            return pending.isEmpty
                ? "\(what) changed; nothing to reload" : "\(what) changed; held until brandingID changes (strict)"
        case .css: return "\(what) changed → stylesheet swapped"
        case .plugins: return "\(what) changed → hot-swapped \(plugins.joined(separator: ", "))"
        case .full:
            return "\(what) changed → full reload"
                + (brandingIDChanged ? " (brandingID is now \(brandingID ?? "?"))" : "")
        }
    }
}
