extension ContentSecurityPolicy {
    /// The policy `pexdev serve` sends unless told otherwise, modelled on a Conferencing Node serving Webapp2
    /// with CSP on. Assumptions (also printed by `pexdev csp show` and in the README):
    /// - everything the app needs comes from the node itself ('self'): scripts, styles, the client REST API
    ///   and its event stream (`connect-src 'self'`, which in CSP3 also covers wss: to the same host);
    /// - inline `onclick` handlers and inline styles in plugin dialog templates are allowed
    ///   ('unsafe-inline' in script-src and style-src), because the gallery plugins rely on them
    ///   (webapp2-plugins.md §11); no 'unsafe-eval';
    /// - images may be data: and blob: URLs (avatars, snapshots); media may be blob: (recordings);
    /// - nothing else: an external API, image host or CDN must be added by the node's administrator.
    public static let nodeDefault = ContentSecurityPolicy(
        directives: [
            .init(name: "default-src", values: ["'self'"]),
            .init(name: "script-src", values: ["'self'", "'unsafe-inline'"]),
            .init(name: "style-src", values: ["'self'", "'unsafe-inline'"]),
            .init(name: "img-src", values: ["'self'", "data:", "blob:"]),
            .init(name: "media-src", values: ["'self'", "blob:"]),
            .init(name: "font-src", values: ["'self'", "data:"]),
            .init(name: "connect-src", values: ["'self'"]),
            .init(name: "worker-src", values: ["'self'", "blob:"]),
            .init(name: "frame-src", values: ["'self'"]),
            .init(name: "object-src", values: ["'none'"]),
            .init(name: "base-uri", values: ["'self'"]),
            .init(name: "form-action", values: ["'self'"]),
            .init(name: "frame-ancestors", values: ["'self'"]),
        ])

    /// The assumptions behind `nodeDefault`, one per line, for `pexdev csp show` and the README.
    public static let nodeDefaultAssumptions = [
        "modelled on a Conferencing Node serving Webapp2 with CSP on; the reverse proxy may add its own (--proxy-csp)",
        "'self' covers the app, the branding files, the client REST API and its event stream",
        "inline onclick handlers and inline styles in plugin dialogs are allowed ('unsafe-inline'): "
            + "gallery plugins use them; no 'unsafe-eval'",
        "images may be data: or blob:, media blob:; any other origin must be added to the node's policy",
    ]

    /// The endpoint pexdev's reports go to (`report-uri`) and the `report-to` group name.
    public static let reportPath = "/__pexdev/csp-report"
    public static let reportGroup = "pexdev-csp"

    /// A copy that reports violations to pexdev (`report-uri` for every browser, `report-to` for those that
    /// deliver Reporting API reports), replacing any reporting the policy had.
    public var reportingToPexdev: ContentSecurityPolicy {
        withoutReporting.setting("report-uri", [Self.reportPath]).setting("report-to", [Self.reportGroup])
    }
}
