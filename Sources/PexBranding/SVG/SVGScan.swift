/// What `SVGScanner` found in an icon file, as byte offsets.
struct SVGScan: Sendable, Equatable {
    /// The first element is `<svg>` (namespace prefix allowed).
    var isSVG = false
    /// The name of the first element, when there is one (`html` for a page saved as .svg).
    var firstElement: String?
    /// `id` attribute values, each with the offset of its value.
    var ids: [String: Range<Int>] = [:]
    /// `<script>` elements, `on…` attributes and `javascript:` links: what a browser could run.
    var activeContent: [ActiveContent] = []

    struct ActiveContent: Sendable, Equatable {
        /// `<script>`, `onload`, `href="javascript:…"`…
        var what: String
        var range: Range<Int>
    }
}
