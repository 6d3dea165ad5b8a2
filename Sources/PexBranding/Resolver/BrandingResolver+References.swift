/// References between files (spec §3–§4, security 29): inside the tree, to a file, spelled with the right case.
extension BrandingResolver {
    struct ReferenceOutcome {
        var resolved: ResolvedReference
        /// The file to go on reading: the exact path, or its case variant (so one run reports everything,
        /// though the node would answer 404).
        var file: String?
        var isCaseVariant = false
    }

    /// Resolves `text` (the value of `key` in `file`, at `node`) against `folder`, reporting what would fail.
    mutating func resolveReference(
        _ text: String, from folder: String, node: JSONNode, file: String, key: String
    ) -> ReferenceOutcome {
        let parsed = ReferencePath.resolve(text, from: folder)
        var outcome = ReferenceOutcome(resolved: ResolvedReference(text: text, fragment: parsed.fragment))
        let quoted = "\(key) \"\(text)\""
        switch parsed.target {
        case .empty:
            diagnostics.add(.requiredField, file, node.range, "\(key) is empty")
        case .outside(let reason):
            diagnostics.add(.referenceOutsideTree, file, node.range, "\(quoted) cannot be used: \(reason)")
        case .external(let url, let origin):
            outcome.resolved.url = url
            diagnostics.add(
                .referenceExternal, file, node.range,
                "\(quoted) is an absolute URL (\(origin)): pexdev cannot check it offline")
        case .tree(let path, _):
            outcome.resolved.path = path
            let shown = path == text ? "" : " (\(path.isEmpty ? "the branding root" : path))"
            switch tree.lookup(path) {
            case .file:
                outcome.resolved.exists = true
                outcome.file = path
            case .directory:
                diagnostics.add(
                    .referenceIsDirectory, file, node.range, "\(quoted) names a folder\(shown), not a file")
            case .other:
                diagnostics.add(.referenceMissing, file, node.range, "\(quoted) is not a regular file\(shown)")
            case .missing(let variant?):
                diagnostics.add(
                    .referenceCaseMismatch, file, node.range,
                    "\(quoted) names \(path), but the file is \(variant)",
                    hint: "rename it to \(path), or spell the reference as the file is spelled: works on"
                        + " macOS/Windows, 404 on the Conferencing Node (Linux)")
                outcome.file = variant
                outcome.isCaseVariant = true
            case .missing(nil):
                diagnostics.add(
                    .referenceMissing, file, node.range, "\(quoted) names a file that does not exist\(shown)",
                    hint: missingFileHint(path, key: key))
            case .unreadable(let reason):
                diagnostics.add(.referenceMissing, file, node.range, "\(quoted) cannot be read\(shown): \(reason)")
            }
        }
        return outcome
    }

    /// "did you mean …" from the files of the folder the reference points into.
    private mutating func missingFileHint(_ path: String, key: String) -> String? {
        let folder = Self.folder(of: path)
        guard let names = tree.names(in: folder) else {
            return "the folder \(folder)/ does not exist; paths are relative to the file holding the \(key)"
        }
        let files = names.filter { !TreeListing.isSkipped($0) }
        if let suggestion = KeySuggestion.closest(to: LexicalPath.lastComponent(path), among: files) {
            return "did you mean \(folder.isEmpty ? suggestion : folder + "/" + suggestion)?"
        }
        return nil
    }
}
