// Reads the branding the way Webapp2 does, from the files the node serves under custom_configuration/:
// manifest.json → settings.json → every plugin package file (in parallel). Nothing here judges the files:
// the server's checker owns the rules, and its findings (`/__pexdev/diagnostics`) only explain failures.
//
// The runtime filters Webapp2 applies (isSettingsBranded, enabled, platforms, participantRoles) are in
// `visibility()`, because the shell has to apply them to decide what to load.

export const BRANDING_BASE = new URL('custom_configuration/', document.baseURI);
export const PLACEMENTS = ['toolbar', 'conference', 'participants'];
export const PLATFORMS = ['web', 'electron', 'ios', 'android'];
export const ROLES = ['chair', 'guest'];

/** `{ok, status, value, error}`: never throws, so one bad file cannot stop the others. */
async function fetchJSON(url) {
    let response;
    try {
        // Default mode and credentials, so index.html's <link rel=preload as=fetch crossorigin> is reused.
        response = await fetch(url);
    } catch (error) {
        return { ok: false, status: 0, error: `could not fetch ${url}: ${error.message}` };
    }
    if (!response.ok) {
        return { ok: false, status: response.status, error: `HTTP ${response.status}` };
    }
    const text = await response.text();
    try {
        // JSON.parse rejects a BOM like Webapp2's HttpClient; strip it so the checker's warning is what shows.
        return { ok: true, status: response.status, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
    } catch (error) {
        return { ok: false, status: response.status, error: `not valid JSON: ${error.message}`, parseError: true };
    }
}

function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The package's menu: the first placement present (Webapp2 allows exactly one; the checker reports more). */
function readMenu(menuItems) {
    if (!isObject(menuItems)) return { placement: null, items: [], extraPlacements: [] };
    const present = PLACEMENTS.filter((placement) => Array.isArray(menuItems[placement]));
    const placement = present[0] || null;
    const items = placement
        ? menuItems[placement]
              .filter(isObject)
              .map((item) => ({ icon: item.icon ?? null, label: item.label ?? null, action: item.action ?? null }))
        : [];
    return { placement, items, extraPlacements: present.slice(1) };
}

/** Path of a URL inside the branding tree ("plugins/x/x.plugin.json"), or the URL itself if outside. */
export function brandingPath(url) {
    const text = String(url);
    return text.startsWith(BRANDING_BASE.href) ? text.slice(BRANDING_BASE.href.length).split(/[?#]/)[0] : text;
}

/**
 * Everything Webapp2 reads before loading plugins.
 * Resolves to `{manifest, settingsBranded, problems, entries}`; `problems` are banner-ready.
 */
export async function loadBranding() {
    const manifestURL = new URL('manifest.json', BRANDING_BASE);
    const settingsURL = new URL('settings.json', BRANDING_BASE);
    // Both requests start at once; Webapp2 reads settings only when the manifest says so, which
    // `settingsBranded` applies below, so fetching early changes nothing but the wait.
    const [manifestResult, settingsResult] = await Promise.all([fetchJSON(manifestURL), fetchJSON(settingsURL)]);
    const problems = [];

    let manifest = null;
    let settingsBranded = true;
    if (manifestResult.ok && isObject(manifestResult.value)) {
        manifest = manifestResult.value;
        if (manifest.isSettingsBranded !== true) {
            settingsBranded = false;
            problems.push({
                key: 'manifest-not-settings-branded',
                level: 'error',
                code: 'not-settings-branded',
                file: 'manifest.json',
                message:
                    'manifest.json: isSettingsBranded is not true, so Webapp2 ignores settings.json and loads no plugin.',
            });
        }
    } else if (manifestResult.status === 404) {
        problems.push({
            key: 'manifest-missing',
            level: 'warning',
            code: 'manifest-missing',
            file: 'manifest.json',
            message:
                'No manifest.json: pexdev reads settings.json anyway; an upload needs a manifest with ' +
                'isSettingsBranded: true and a new brandingID.',
        });
    } else {
        settingsBranded = false;
        problems.push({
            key: 'manifest-unusable',
            level: 'error',
            code: 'manifest-unusable',
            file: 'manifest.json',
            message: `manifest.json is unusable (${manifestResult.error || 'not a JSON object'}): no plugin loads.`,
        });
    }

    let pluginList = [];
    if (!settingsResult.ok) {
        problems.push({
            key: 'settings-unusable',
            level: 'error',
            code: settingsResult.parseError ? 'settings-invalid-json' : 'settings-missing',
            file: 'settings.json',
            message:
                settingsResult.status === 404
                    ? 'No settings.json next to manifest.json: there is no plugin to load.'
                    : `settings.json is ${settingsResult.error}: no plugin loads.`,
        });
    } else if (!isObject(settingsResult.value) || !Array.isArray(settingsResult.value.plugins)) {
        const hasKey = isObject(settingsResult.value) && 'plugins' in settingsResult.value;
        problems.push({
            key: 'settings-no-plugins',
            level: hasKey ? 'error' : 'warning',
            code: hasKey ? 'plugins-malformed' : 'no-plugins',
            file: 'settings.json',
            message: hasKey
                ? 'settings.json: "plugins" is not a list of plugin entries, so no plugin loads.'
                : 'settings.json has no "plugins" list: there is no plugin to load.',
        });
    } else {
        pluginList = settingsResult.value.plugins;
    }

    const entries = await Promise.all(pluginList.map((raw, index) => readEntry(raw, index, settingsURL)));
    return { manifest, settingsBranded, problems, entries };
}

async function readEntry(raw, index, settingsURL) {
    const entry = {
        index,
        settingsId: isObject(raw) && typeof raw.id === 'string' ? raw.id : null,
        enabled: isObject(raw) && raw.enabled === true,
        packageURL: null,
        pkg: null,
        error: null,
        sourceURL: null,
        folderURL: null,
        menu: { placement: null, items: [], extraPlacements: [] },
    };
    if (!isObject(raw) || typeof raw.srcURL !== 'string' || raw.srcURL === '') {
        entry.error = `settings.json plugin entry ${index + 1} has no srcURL`;
        return entry;
    }
    try {
        entry.packageURL = new URL(raw.srcURL, settingsURL);
    } catch {
        entry.error = `settings.json srcURL "${raw.srcURL}" is not a URL`;
        return entry;
    }
    entry.folderURL = new URL('.', entry.packageURL);
    const result = await fetchJSON(entry.packageURL);
    if (!result.ok) {
        entry.error = `package file ${brandingPath(entry.packageURL)}: ${result.error}`;
        return entry;
    }
    if (!isObject(result.value)) {
        entry.error = `package file ${brandingPath(entry.packageURL)} is not a JSON object`;
        return entry;
    }
    const pkg = result.value;
    entry.pkg = {
        id: typeof pkg.id === 'string' ? pkg.id : null,
        name: pkg.name == null ? '' : String(pkg.name),
        description: pkg.description == null ? '' : String(pkg.description),
        version: pkg.version == null ? '' : String(pkg.version),
        srcURL: typeof pkg.srcURL === 'string' ? pkg.srcURL : null,
        allowUnload: pkg.allowUnload === true,
        platforms: Array.isArray(pkg.platforms) ? pkg.platforms : null,
        participantRoles: Array.isArray(pkg.participantRoles) ? pkg.participantRoles : null,
    };
    entry.menu = readMenu(pkg.menuItems);
    if (!entry.pkg.srcURL) {
        entry.error = `package file ${brandingPath(entry.packageURL)} has no srcURL`;
        return entry;
    }
    try {
        entry.sourceURL = new URL(entry.pkg.srcURL, entry.packageURL);
    } catch {
        entry.error = `package srcURL "${entry.pkg.srcURL}" is not a URL`;
    }
    return entry;
}

function listText(list) {
    return `[${list.join(', ')}]`;
}

/**
 * Whether Webapp2 would offer this plugin here, and why not: `{visible, reason}`.
 * `enabled` is not a filter: a disabled plugin is listed and the user may load it.
 */
export function visibility(entry, { platform, role, settingsBranded }) {
    if (!settingsBranded) {
        return { visible: false, reason: 'hidden: manifest.json isSettingsBranded is not true' };
    }
    const pkg = entry.pkg;
    if (!pkg) return { visible: true, reason: null };
    if (!pkg.platforms) return { visible: false, reason: 'hidden: platforms is missing' };
    if (!pkg.platforms.includes(platform)) {
        return { visible: false, reason: `hidden: platforms is ${listText(pkg.platforms)} (platform: ${platform})` };
    }
    if (!pkg.participantRoles) return { visible: false, reason: 'hidden: participantRoles is missing' };
    if (!pkg.participantRoles.includes(role)) {
        return { visible: false, reason: `hidden: participantRoles is ${listText(pkg.participantRoles)} (role: ${role})` };
    }
    return { visible: true, reason: null };
}

/** The server's check report and resolved model; null when the server has none (node mode, old server). */
export async function loadDiagnostics() {
    const result = await fetchJSON(new URL('/__pexdev/diagnostics', document.baseURI));
    return result.ok && isObject(result.value) ? result.value : null;
}

/** The server's findings about one branding file (path relative to webapp2/, e.g. "settings.json"). */
export function diagnosticsForFile(diagnostics, path) {
    if (!diagnostics || !Array.isArray(diagnostics.diagnostics) || !path) return [];
    return diagnostics.diagnostics.filter((finding) => {
        const file = String(finding.file || '');
        return file === path || file.endsWith('/' + path);
    });
}

/** The server's findings about any file in a plugin's folder (path like "plugins/recorder/"). */
export function diagnosticsForFolder(diagnostics, folder) {
    if (!diagnostics || !Array.isArray(diagnostics.diagnostics) || !folder) return [];
    return diagnostics.diagnostics.filter((finding) => {
        const file = String(finding.file || '');
        return file.startsWith(folder) || file.includes('/' + folder);
    });
}

/** "file:line:column" of a finding (the endpoint nests positions in `range.start`; `check --format json` flattens them). */
export function findingWhere(finding) {
    const line = finding.line ?? finding.range?.start?.line ?? null;
    const column = finding.column ?? finding.range?.start?.column ?? null;
    return `${finding.file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}`;
}
