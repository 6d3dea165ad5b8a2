/// Collects diagnostics as the resolver goes, once each (a package shared by two entries is reported once),
/// and hands them back in the report's order.
struct DiagnosticList {
    private var seen: Set<Diagnostic> = []
    private var items: [Diagnostic] = []

    /// `hint` defaults to the rule's own.
    mutating func add(
        _ rule: RuleDescription, _ file: String, _ range: SourceRange?, _ message: String, hint: String? = nil
    ) {
        let diagnostic = Diagnostic(
            file: file, range: range, severity: rule.severity, code: rule.code, message: message,
            hint: hint ?? rule.hint)
        if seen.insert(diagnostic).inserted { items.append(diagnostic) }
    }

    /// By file, then position (whole-file findings first), then code and message, so output is deterministic.
    func sorted() -> [Diagnostic] {
        items.sorted(by: Self.precedes)
    }

    static func precedes(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file < b.file }
        switch (a.range, b.range) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (let x?, let y?):
            if x.start.offset != y.start.offset { return x.start.offset < y.start.offset }
            if x.end.offset != y.end.offset { return x.end.offset < y.end.offset }
        case (nil, nil): break
        }
        if a.code != b.code { return a.code < b.code }
        return a.message < b.message
    }
}
