/// manifest.json and settings.json sit at the root and fail the same ways: missing (maybe present under
/// another case), not a regular file, unreadable.
extension BrandingResolver {
    /// Records `file` as referenced and reports why it cannot be used; true when it is a readable file.
    mutating func lookUpRootFile(
        _ file: String, missing: RuleDescription, unusable: RuleDescription, missingMessage: String
    ) -> Bool {
        referencedFiles.insert(file)
        switch tree.lookup(file) {
        case .file:
            return true
        case .missing(let variant):
            if let variant { referencedFiles.insert(variant) }
            diagnostics.add(
                missing, file, nil, missingMessage,
                hint: variant.map {
                    "found '\($0)': names are case-sensitive on the Conferencing Node, rename it to \(file)"
                })
        case .directory, .other:
            diagnostics.add(unusable, file, nil, "\(file) is not a regular file")
        case .unreadable(let reason):
            diagnostics.add(unusable, file, nil, "\(file) could not be read: \(reason)")
        }
        return false
    }
}
