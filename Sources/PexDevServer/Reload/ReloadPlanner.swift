public import PexBranding

/// Decides a `ReloadPlan` from the model before and after a change and the files that changed. Pure.
public enum ReloadPlanner {
    public static func plan(
        before: BrandingModel, after: BrandingModel, changed: Set<String>, rescan: Bool, strict: Bool,
        pending: [String]
    ) -> ReloadPlan {
        let files = changed.sorted()
        let beforeID = before.manifest?.brandingID
        let afterID = after.manifest?.brandingID
        let brandingIDChanged = beforeID != afterID
        var plan = ReloadPlan(
            kind: .none, files: files, plugins: [], brandingIDChanged: brandingIDChanged, brandingID: afterID,
            configurationChanged: false, pending: [])
        let owners = ownership(before).merging(ownership(after)) { $0.union($1) }
        var plugins = Set<String>()
        var configuration = false
        var full = rescan || brandingIDChanged || before.manifest != after.manifest
        var css = false
        for file in files {
            if file == "manifest.json" {
                continue
            } else if file == "settings.json" {
                configuration = true
                plugins.formUnion(changedEntries(before, after))
                if before.plugins.map(\.effectiveID) != after.plugins.map(\.effectiveID) { full = true }
            } else if let ids = owners[file] ?? owners.first(where: { file.hasPrefix($0.key + "/") })?.value {
                configuration = true
                plugins.formUnion(ids)
            } else if file.hasSuffix(".css") {
                css = true
            }
        }
        plan.configurationChanged = configuration || rescan
        if strict && !brandingIDChanged {
            plan.pending = Array(Set(pending + files)).sorted()
            return plan
        }
        if full {
            plan.kind = .full
        } else if !plugins.isEmpty {
            plan.kind = .plugins
            plan.plugins = after.plugins.compactMap(\.effectiveID).filter { plugins.contains($0) }
            // A plugin that is gone from settings still needs unloading.
            plan.plugins += plugins.subtracting(plan.plugins).sorted()
        } else if css {
            plan.kind = .css
        }
        return plan
    }

    /// File → ids of the plugins that use it (package file, source, assets, icons), plus each plugin
    /// folder (as a key without a trailing slash) for files the resolver does not name.
    static func ownership(_ model: BrandingModel) -> [String: Set<String>] {
        var owners: [String: Set<String>] = [:]
        for entry in model.plugins {
            guard let id = entry.effectiveID else { continue }
            var files: [String] = []
            if let path = entry.srcURL?.path { files.append(path) }
            if let package = entry.package {
                files.append(package.path)
                if !package.folder.isEmpty { files.append(package.folder) }
                files += package.menuItems.compactMap { $0.icon?.path }
            }
            if let source = entry.source { files += [source.path] + source.assetPaths }
            for file in files { owners[file, default: []].insert(id) }
        }
        return owners
    }

    /// Ids whose settings entry was added, removed or changed.
    static func changedEntries(_ before: BrandingModel, _ after: BrandingModel) -> Set<String> {
        var old: [String: PluginEntry] = [:]
        for entry in before.plugins { if let id = entry.effectiveID { old[id] = entry } }
        var changed = Set<String>()
        for entry in after.plugins {
            guard let id = entry.effectiveID else { continue }
            if var previous = old.removeValue(forKey: id) {
                previous.index = entry.index
                if previous != entry { changed.insert(id) }
            } else {
                changed.insert(id)
            }
        }
        changed.formUnion(old.keys)
        return changed
    }
}
