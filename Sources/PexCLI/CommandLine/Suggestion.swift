/// "Did you mean" for mistyped options and subcommands.
enum Suggestion {
    /// The candidate nearest to `typed`, if it is close enough to be a typo of it.
    ///
    /// Allows up to two edits, but no more than half the typed name (dashes aside), so `-x` does not become
    /// `--host`; ties go to the earlier candidate.
    static func closest(to typed: String, among candidates: [String]) -> String? {
        let core = typed.drop { $0 == "-" }
        let allowed = min(2, max(1, core.count / 2))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed.lowercased(), candidate.lowercased())
            if distance <= allowed, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Optimal-string-alignment distance: Levenshtein plus swapping two neighbours, so `--prot` is one edit
    /// from `--port`, the commonest typo.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // d[i][j]: distance between the first i characters of a and the first j of b.
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
