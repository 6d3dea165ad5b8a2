/// Plugin source files (spec §5), scanned statically, and the checks that need both package and source.
extension BrandingResolver {
    struct SourceAnalysis {
        var source: PluginSource
        /// The first registerPlugin call, when it was understood.
        var object: PluginSourceScan.ObjectLiteral?
        var callRange: SourceRange?
        var idRange: SourceRange?
    }

    /// Scans the source at `path` once, however many packages name it.
    mutating func source(at path: String) -> SourceAnalysis? {
        if let known = sources[path] { return known }
        let analysis = analyzeSource(at: path)
        sources.updateValue(analysis, forKey: path)
        return analysis
    }

    private mutating func analyzeSource(at path: String) -> SourceAnalysis? {
        referencedFiles.insert(path)
        let bytes: [UInt8]
        switch read(path, limit: Self.sourceSizeLimit + 1) {
        case .failure(let failure):
            diagnostics.add(.referenceMissing, path, nil, "\(path) could not be read: \(failure.reason)")
            return nil
        case .success(let contents):
            bytes = contents
        }
        var analysis = SourceAnalysis(source: PluginSource(path: path))
        guard bytes.count <= Self.sourceSizeLimit else {
            diagnostics.add(.registerPluginNotFound, path, nil, "\(path) is larger than 4 MiB: not scanned")
            analysis.source.registeredKeysAreComplete = false
            return analysis
        }
        let scan = PluginSourceScanner.scan(bytes)
        let lines = LineIndex(bytes)
        var source = PluginSource(path: path)
        source.registerPluginCalls = scan.registrations.count
        source.wrappedInIIFE = scan.wrappedInIIFE
        source.leakedGlobals = scan.leakedGlobals.map(\.name)
        source.assetPaths = scan.assetPaths
        source.externalReferences = scan.externalURLs.map {
            ExternalReference(
                url: $0.url, origin: $0.origin, directive: $0.directive, file: path, range: lines.range($0.range))
        }

        if let first = scan.registrations.first {
            let callRange = lines.range(first.call)
            analysis.callRange = callRange
            if let object = first.object {
                analysis.object = object
                source.registeredKeys = object.keys
                source.registeredKeysAreComplete = object.isComplete
                switch object.id {
                case nil:
                    if object.isComplete {
                        diagnostics.add(
                            .registerPluginWithoutID, path, callRange, "the object passed to registerPlugin has no id")
                    }
                case .literal(let value, let range)?:
                    source.registeredID = value
                    analysis.idRange = lines.range(range)
                case .computed(let range)?:
                    diagnostics.add(
                        .registerPluginNotFound, path, lines.range(range),
                        "registerPlugin id is computed at run time: pexdev cannot check it against the package id",
                        hint: "write the id as a string literal, or a const holding one")
                }
            } else {
                source.registeredKeysAreComplete = false
                diagnostics.add(
                    .registerPluginNotFound, path, callRange,
                    "could not understand the registerPlugin call: \(first.problem ?? "unknown argument")")
            }
        } else {
            source.registeredKeysAreComplete = false
            diagnostics.add(.registerPluginNotFound, path, nil, "could not find a registerPlugin call in \(path)")
        }
        if scan.registrations.count > 1 {
            diagnostics.add(
                .registerPluginCalledTwice, path, lines.range(scan.registrations[1].call),
                "registerPlugin is called \(scan.registrations.count) times; Webapp2 expects one call per plugin")
        }
        if let first = scan.leakedGlobals.first {
            let names = scan.leakedGlobals.prefix(6).map(\.name).joined(separator: ", ")
            let more = scan.leakedGlobals.count > 6 ? ", …" : ""
            diagnostics.add(
                .leaksGlobals, path, lines.range(first.range),
                "top-level declarations become globals shared with the app and other plugins: \(names)\(more)",
                hint: "wrap the whole file in (function () { … })(); a second plugin declaring the same"
                    + " let or const name fails to load")
        }
        if let first = source.externalReferences.first {
            let listed = source.externalReferences.map { "\($0.origin) (\($0.directive))" }.joined(separator: ", ")
            diagnostics.add(.externalOrigins, path, first.range, "reaches external origins: \(listed)")
        }
        analysis.source = source
        return analysis
    }

    /// The checks between package files and sources, once every package is known: the registerPlugin id
    /// (PEX503), menu actions (PEX504) and lifecycle functions (PEX505).
    mutating func crossCheckSources() {
        var packageByID: [String: String] = [:]
        for (path, analysis) in packages.sorted(by: { $0.key < $1.key }) {
            if let id = analysis?.package.id, packageByID[id] == nil { packageByID[id] = path }
        }
        for (path, found) in packages.sorted(by: { $0.key < $1.key }) {
            guard let analysis = found, let sourcePath = analysis.sourcePath, let scanned = sources[sourcePath] ?? nil
            else { continue }
            if let registered = scanned.source.registeredID, let idRange = scanned.idRange,
                let expected = analysis.package.id, registered != expected
            {
                let message: String
                if let other = packageByID[registered] {
                    message =
                        "registerPlugin id '\(registered)' is the id of \(other), but this source belongs to \(path)"
                        + " (id \"\(expected)\")"
                } else {
                    message =
                        "registerPlugin id '\(registered)' matches no package file (\(path) has id \"\(expected)\")"
                }
                diagnostics.add(
                    .registerPluginIDMismatch, sourcePath, idRange, message,
                    hint: "Webapp2 registers plugins by the package file's id: use '\(expected)' here")
            }
            guard let object = scanned.object, object.isComplete else { continue }
            for (action, node) in analysis.actions where !object.keys.contains(action) {
                let functions = object.keys.filter { $0 != "id" && $0 != "state$" }
                diagnostics.add(
                    .actionNotRegistered, path, node.range,
                    "action \"\(action)\" is not passed to registerPlugin in \(sourcePath)",
                    hint: KeySuggestion.closest(to: action, among: functions).map { "did you mean \"\($0)\"?" }
                        ?? "add \(action) to the object passed to registerPlugin (it has "
                        + (functions.isEmpty ? "no functions" : functions.joined(separator: ", ")) + ")")
            }
            if let callRange = scanned.callRange {
                if !object.keys.contains("load") {
                    diagnostics.add(
                        .lifecycleFunctionMissing, sourcePath, callRange,
                        "the object passed to registerPlugin has no load function; Webapp2 calls it on loading")
                }
                if analysis.package.allowUnload, !object.keys.contains("unload") {
                    diagnostics.add(
                        .lifecycleFunctionMissing, sourcePath, callRange,
                        "the object passed to registerPlugin has no unload function, and \(path) sets allowUnload")
                }
            }
        }
    }

    /// Per-plugin and model-wide origin lists, from everything resolved.
    mutating func collectOrigins() {
        var all: Set<String> = []
        for index in model.plugins.indices {
            let plugin = model.plugins[index]
            var urls = [plugin.srcURL?.url, plugin.package?.srcURL?.url]
            urls += plugin.package?.menuItems.map { $0.icon?.url } ?? []
            var origins = Set(urls.compactMap { $0.flatMap(URLOrigin.origin(of:)) })
            origins.formUnion(plugin.source?.externalReferences.map(\.origin) ?? [])
            model.plugins[index].externalOrigins = origins.sorted()
            all.formUnion(origins)
        }
        model.externalOrigins = all.sorted()
    }
}
