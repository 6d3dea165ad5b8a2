extension RuleDescription {
    /// The README's rule table, generated from `all` so the two never disagree.
    public static var markdownTable: String {
        var lines = ["| code | severity | finds | usual fix |", "|---|---|---|---|"]
        for rule in all {
            let cells = [rule.code, rule.severity.rawValue, rule.title, rule.hint].map {
                $0.replacingPipes()
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func replacingPipes() -> String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
