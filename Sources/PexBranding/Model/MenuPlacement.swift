/// Where a plugin's menu items appear (spec §4): exactly one per package.
public enum MenuPlacement: String, Sendable, Equatable, Codable, CaseIterable {
    /// A button in the floating conference toolbar; the label is its hover tip.
    case toolbar
    /// An item in the conference control menu.
    case conference
    /// An item in a participant's context menu in the roster.
    case participants
}
