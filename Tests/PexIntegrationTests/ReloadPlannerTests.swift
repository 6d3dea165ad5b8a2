import PexBranding
import PexDevServer
import XCTest

/// What a change reloads, and when production would not see it (the brandingID trap).
final class ReloadPlannerTests: XCTestCase {
    private func model(brandingID: String? = "1", plugins: [PluginEntry] = [demo("a"), demo("b")]) -> BrandingModel {
        BrandingModel(
            manifest: BrandingManifest(brandingID: brandingID, isSettingsBranded: true), hasSettings: true,
            plugins: plugins)
    }

    private static func demo(_ id: String, enabled: Bool = true) -> PluginEntry {
        var package = PluginPackage(path: "plugins/\(id)/\(id).plugin.json", folder: "plugins/\(id)")
        package.id = id
        package.menuItems = [
            PluginMenuItem(icon: ResolvedReference(text: "icon.svg#i", path: "plugins/\(id)/icon.svg"))
        ]
        return PluginEntry(
            index: 0, id: id, enabled: enabled,
            srcURL: ResolvedReference(text: "plugins/\(id)/\(id).plugin.json", path: "plugins/\(id)/\(id).plugin.json"),
            package: package, source: PluginSource(path: "plugins/\(id)/\(id).plugin.js"))
    }

    private func plan(
        _ files: Set<String>, before: BrandingModel? = nil, after: BrandingModel? = nil, strict: Bool = false,
        pending: [String] = []
    ) -> ReloadPlan {
        ReloadPlanner.plan(
            before: before ?? model(), after: after ?? model(), changed: files, rescan: false, strict: strict,
            pending: pending)
    }

    func testPluginSourceHotSwapsThatPluginAndWarnsAboutProduction() {
        let result = plan(["plugins/a/a.plugin.js"])
        XCTAssertEqual(result.kind, .plugins)
        XCTAssertEqual(result.plugins, ["a"])
        XCTAssertTrue(result.configurationChanged)
        XCTAssertEqual(
            result.productionNotice,
            "production clients would not see this until brandingID changes — `pexdev package` bumps it")
        XCTAssertEqual(result.summary, "plugins/a/a.plugin.js changed → hot-swapped a")
    }

    func testIconAndUnnamedFilesInAPluginFolderBelongToIt() {
        XCTAssertEqual(plan(["plugins/b/icon.svg"]).plugins, ["b"])
        XCTAssertEqual(plan(["plugins/b/lib/helper.js"]).plugins, ["b"])
    }

    func testSettingsChangeReloadsOnlyTheChangedEntries() {
        let after = model(plugins: [Self.demo("a"), Self.demo("b", enabled: false)])
        let result = plan(["settings.json"], after: after)
        XCTAssertEqual(result.kind, .plugins)
        XCTAssertEqual(result.plugins, ["b"])
    }

    func testAddingOrRemovingAPluginIsAFullReload() {
        XCTAssertEqual(plan(["settings.json"], after: model(plugins: [Self.demo("a")])).kind, .full)
    }

    func testBrandingIDChangeIsAFullReloadWithoutTheNotice() {
        let result = plan(["manifest.json", "plugins/a/a.plugin.js"], after: model(brandingID: "2"))
        XCTAssertEqual(result.kind, .full)
        XCTAssertTrue(result.brandingIDChanged)
        XCTAssertNil(result.productionNotice)
        XCTAssertEqual(result.summary, "2 files changed → full reload (brandingID is now 2)")
    }

    func testStylesheetsSwapAndUnreferencedFilesDoNothing() {
        XCTAssertEqual(plan(["styles/theme.css"]).kind, .css)
        XCTAssertNil(plan(["styles/theme.css"]).productionNotice)
        XCTAssertEqual(plan(["notes.txt"]).kind, .none)
    }

    func testStrictModeHoldsChangesUntilBrandingIDChanges() {
        let first = plan(["plugins/a/a.plugin.js"], strict: true)
        XCTAssertEqual(first.kind, .none)
        XCTAssertEqual(first.pending, ["plugins/a/a.plugin.js"])
        let second = plan(["settings.json"], strict: true, pending: first.pending)
        XCTAssertEqual(second.pending, ["plugins/a/a.plugin.js", "settings.json"])
        let released = plan(["manifest.json"], after: model(brandingID: "9"), strict: true, pending: second.pending)
        XCTAssertEqual(released.kind, .full)
        XCTAssertEqual(released.pending, [])
    }
}
