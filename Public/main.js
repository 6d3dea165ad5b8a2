// Boot: read the URL, join the conference and read the branding at the same time, then load the plugins
// this platform and role may have, in settings order, and say when everything is ready
// (`__pexdev.ready`, the `pexdev:ready` event and performance mark). No fixed waits on that path.
//
// URL: /webapp2/?conference=<alias>&name=<display name>[&pin=…][&platform=web|electron|ios|android]
// [&role=chair|guest (only when no conference answers)][&media=video|audioonly|none]; Webapp2's
// /webapp2/conference/<alias> deep links work too.

import { loadBranding, loadDiagnostics, diagnosticsForFile, diagnosticsForFolder, findingWhere, brandingPath, PLATFORMS, ROLES } from './config.js';
import { devState, devChanges$, note, setBanner, clearBanner, changed } from './dev-state.js';
import { subscribeAsShell } from './observable.js';
import { Conference, JoinError, toPluginParticipant } from './conference.js';
import { PluginService } from './plugin-service.js';
import { installPEX, ACTIONS, INTERNAL_ACTIONS } from './plugin-api.js';
import { Dialogs } from './dialogs.js';
import { Menus } from './menus.js';
import { ConferenceView } from './conference-view.js';
import { TopBar } from './top-bar.js';
import { SettingsPanel } from './settings-panel.js';
import { Oops } from './oops.js';
import { DevPanel } from './dev-panel.js';
import { h } from './dom.js';
import { ReloadClient } from './reload-client.js';
import { installCSPReporter } from './csp-reporter.js';

// First, so a plugin blocked while loading is reported too.
installCSPReporter();

const params = new URLSearchParams(window.location.search);
const pathAlias = (window.location.pathname.match(/\/conference\/([^/?#]+)/) || [])[1];
const alias = params.get('conference') || (pathAlias ? decodeURIComponent(pathAlias) : 'meet');
const displayName = params.get('name') || 'Dev';
let platform = PLATFORMS.includes(params.get('platform')) ? params.get('platform') : 'web';
const offlineRole = ROLES.includes(params.get('role')) ? params.get('role') : 'chair';

// ---- the pieces ------------------------------------------------------------------------------------------

const app = document.getElementById('app') || document.body;
const layers = {
    popups: h('div', { class: 'layer popups' }),
    dialogs: h('div', { class: 'layer dialogs' }),
    panels: h('div', { class: 'layer panels' }),
    oops: h('div', { class: 'layer oops-layer' }),
};

const conference = new Conference({ alias, displayName, pin: params.get('pin'), mediaType: params.get('media') });
let brandingProblems = [];
let rolePending = false;

// The network first: building the screen below overlaps with these requests.
performance.mark('pexdev:boot');
const brandingRead = loadBranding().then((result) => {
    performance.mark('pexdev:branding-read');
    return result;
});
const joined = join().then((result) => {
    performance.mark('pexdev:joined');
    return result;
});
const oops = new Oops({ host: layers.oops, onUnload: (id) => service.unloadAfterError(id) });
const service = new PluginService({ sources: conference, onError: (entry) => oops.show(entry), explain: (record) => explainPlugin(record) });
const dialogs = new Dialogs({ service, host: layers.dialogs });
const { dispatch } = installPEX({ service, conference, dialogs });

const topBar = new TopBar({
    root: app,
    onPlatform: (value) => setPlatform(value),
    onRole: (value) => setRole(value),
    onToggleDevPanel: () => topBar.setDevPanelOpen(devPanel.toggle()),
});
const view = new ConferenceView({ root: app, conference, onAction: (action) => onViewAction(action) });
const menus = new Menus({ service, conference, toolbarSlot: view.toolbarPlugins, popupHost: layers.popups });
const settings = new SettingsPanel({ host: layers.panels, service });
const devPanel = new DevPanel({
    // In the page flow under the conference, so opening it shrinks the app instead of covering the toolbar.
    host: app,
    conference,
    onRefreshDiagnostics: () => refreshDiagnostics(),
    mock: (body) => conference.mockControl(body),
});
app.append(layers.popups, layers.dialogs, layers.panels, layers.oops);

view.conferenceMenuButton.addEventListener('click', () => menus.toggleConferenceMenu(view.conferenceMenuButton));
view.settingsButton.addEventListener('click', () => settings.toggle());
view.roster.addEventListener('click', (event) => {
    const button = event.target.closest('[data-testid="participant-menu-button"]');
    if (button) menus.toggleParticipantMenu(button, button.dataset.uuid);
});

// Plugin code that replaced a PEX.pexrtc callback and threw: blame it by its stack.
conference.onCallbackError = (error) => {
    if (!service.handleRejection({ reason: error })) console.error('pexdev: a pexrtc callback threw', error);
};

window.addEventListener('error', (event) => {
    if (!service.handleWindowError(event)) {
        note('error', `uncaught error outside any plugin: ${event.message} (${event.filename}:${event.lineno}:${event.colno})`);
    }
});
window.addEventListener('unhandledrejection', (event) => {
    if (!service.handleRejection(event)) {
        const reason = event.reason;
        note('warning', `unhandled promise rejection outside any plugin: ${reason && reason.message ? reason.message : String(reason)}`);
    }
});

// ---- keeping the screen in step -----------------------------------------------------------------------------

let frame = 0;
function renderSoon() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
        frame = 0;
        render();
    });
}

function render() {
    topBar.render({
        alias,
        displayName: conference.displayName,
        connected: conference.connected,
        platform,
        role: conference.role,
        rolePending,
    });
    menus.render();
    settings.render();
}

subscribeAsShell(devChanges$, renderSoon);
// Only an open menu shows the roster or the conference state; the toolbar does not.
subscribeAsShell(conference.participants$, () => menus.renderOpenMenu());
subscribeAsShell(conference.conferenceDetails$, () => menus.renderOpenMenu());
// Plugin items must appear (and disappear) in the same task as the change, so tests never see a stale menu.
subscribeAsShell(devChanges$, (what) => {
    if (what === 'plugins' || what === 'menus') menus.render();
});

// ---- actions on PEX.actions$ --------------------------------------------------------------------------------

subscribeAsShell(conference.chat$, (message) => {
    const payload = { origin: message.origin, uuid: message.uuid, type: message.type, payload: message.payload };
    dispatch({ type: message.self ? ACTIONS.SEND_CHAT_MESSAGE : ACTIONS.RECEIVE_CHAT_MESSAGE, payload });
});

subscribeAsShell(conference.events$, ({ name, data, inSync, previous }) => {
    if (inSync || !data) {
        if (name === 'disconnect') onDisconnect(data);
        return;
    }
    if (name === 'participant_create') {
        dispatch({ type: ACTIONS.PARTICIPANT_CONNECT_SUCCESS, payload: conference.participant(data.uuid) || toPluginParticipant(data) });
    } else if (name === 'participant_delete') {
        dispatch({ type: ACTIONS.PARTICIPANT_DISCONNECT_SUCCESS, payload: previous ? toPluginParticipant(previous) : { uuid: data.uuid } });
    } else if (name === 'participant_update' && previous) {
        if (String(previous.buzz_time) !== String(data.buzz_time)) {
            dispatch({ type: INTERNAL_ACTIONS.BUZZ_CHANGED, payload: { uuid: data.uuid, buzzTime: Number(data.buzz_time) || 0 } });
        }
        if (previous.is_muted !== data.is_muted) {
            dispatch({ type: INTERNAL_ACTIONS.PARTICIPANT_MUTED_CHANGED, payload: { uuid: data.uuid, muted: data.is_muted === 'YES' || data.is_muted === true } });
        }
    } else if (name === 'disconnect') {
        onDisconnect(data);
    }
});

subscribeAsShell(window.PEX.actions$, (action) => view.applyMediaAction(action.type));

function onDisconnect(data) {
    const reason = (data && data.reason) || 'the call ended';
    setBanner({ key: 'disconnected', level: 'warning', code: 'disconnected', message: `Disconnected from ${alias}: ${reason}` });
    dispatch({ type: INTERNAL_ACTIONS.DISCONNECT_SUCCESS, payload: { reason } });
    renderSoon();
}

function onViewAction(action) {
    if (action.type === 'select') dispatch({ type: ACTIONS.SELECT_EVENT, payload: action.payload });
    else if (action.type === 'media') dispatch({ type: action.payload });
}

// ---- platform and role ----------------------------------------------------------------------------------------

function setPlatform(value) {
    if (!PLATFORMS.includes(value)) return;
    platform = value;
    devState.platform = value;
    // Kept in the URL so a reload emulates the same platform.
    const url = new URL(window.location.href);
    url.searchParams.set('platform', value);
    history.replaceState(history.state, '', url);
    service.setEnvironment({ platform: value });
    renderSoon();
}

/**
 * Asks the mock node to change this participant's role; the participant_update that follows re-filters
 * the plugins. Without a mock (a real node, or offline) the role is only changed in the shell, and a
 * banner says so.
 */
async function setRole(value) {
    if (!ROLES.includes(value) || value === conference.role) return;
    if (conference.connected && conference.selfUUID) {
        rolePending = true;
        renderSoon();
        const response = await conference.mockControl({ role: { participant: conference.selfUUID, role: value } });
        rolePending = false;
        if (response.ok) {
            conference.roleOverride = null;
            clearBanner('role-local');
            renderSoon();
            return;
        }
        setBanner({
            key: 'role-local',
            level: 'warning',
            code: 'role-local',
            message: `The node did not take the role change (${response.status}); the shell emulates the ${value === 'chair' ? 'Host' : 'Guest'} role on its own: the node still sees you as before.`,
        });
    }
    conference.overrideRole(value);
    renderSoon();
}

subscribeAsShell(conference.role$, (role) => {
    if (!role) return;
    devState.role = role;
    if (service.records.length > 0) service.setEnvironment({ role });
    renderSoon();
});

// ---- diagnostics ----------------------------------------------------------------------------------------------

async function refreshDiagnostics() {
    devState.diagnostics = await loadDiagnostics();
    explainNodeMode(devState.diagnostics && devState.diagnostics.node);
    explainBrandingProblems();
    explainPluginBanners();
    changed('diagnostics');
}

/** Node mode (`--node`): say which node answers, and warn for as long as its certificate goes unchecked. */
function explainNodeMode(node) {
    if (!node) return;
    if (node.insecure) {
        setBanner({
            key: 'node-insecure',
            level: 'warning',
            code: 'insecure',
            message: `TLS certificate of ${node.origin} is not checked (--insecure)`,
            detail: 'anyone on the way can read and change the traffic, tokens and PINs included; use --ca-file for a private CA',
        });
    }
    note('info', `client API calls go to ${node.origin} (node mode)`);
}

/** Adds the checker's finding (file:line:column and hint) to a branding banner, when it has one. */
function explainBrandingProblems() {
    for (const problem of brandingProblems) {
        const finding = diagnosticsForFile(devState.diagnostics, problem.file).find((entry) => entry.severity === 'error') ||
            diagnosticsForFile(devState.diagnostics, problem.file)[0];
        const detail = finding
            ? `${findingWhere(finding)}: ${finding.message}${finding.hint ? ` (hint: ${finding.hint})` : ''}`
            : null;
        setBanner({ ...problem, detail });
    }
}

/** The checker's most severe finding in a plugin's folder, as banner detail. */
function explainPlugin(record) {
    const folder = record.entry.folderURL ? brandingPath(record.entry.folderURL) : null;
    const findings = folder ? diagnosticsForFolder(devState.diagnostics, folder) : [];
    const rank = { error: 0, warning: 1, notice: 2 };
    const finding = findings.sort((a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3))[0];
    return finding ? `${findingWhere(finding)}: ${finding.message}${finding.hint ? ` (hint: ${finding.hint})` : ''}` : null;
}

/** Diagnostics may arrive after a plugin failed: add the explanation to its banners then. */
function explainPluginBanners() {
    for (const banner of [...devState.banners]) {
        const record = banner.plugin ? service.byId(banner.plugin) : null;
        if (record && !banner.detail) {
            const detail = explainPlugin(record);
            if (detail) setBanner({ ...banner, detail });
        }
    }
}

// ---- joining ----------------------------------------------------------------------------------------------------

/** Joins, asking for a PIN when the conference needs one. Resolves true when joined, false to go on offline. */
async function join() {
    for (;;) {
        try {
            await conference.join();
            devState.conference.connected = true;
            devState.conference.selfUUID = conference.selfUUID;
            clearBanner('join-failed');
            return true;
        } catch (error) {
            if (!(error instanceof JoinError)) throw error;
            if (error.code === 'pin-required') {
                const pin = await askForPIN(error.detail);
                if (pin === null) break;
                conference.pin = pin;
                continue;
            }
            devState.conference.error = error.message;
            setBanner({
                key: 'join-failed',
                level: 'error',
                code: `join-${error.code}`,
                message: `Could not join "${alias}": ${error.message} Plugins still load (role ${offlineRole}, from ?role=), with an empty roster.`,
            });
            return false;
        }
    }
    return false;
}

function askForPIN(detail) {
    return new Promise((resolve) => {
        const input = h('input', { class: 'pex-text-input', type: 'password', inputmode: 'numeric', autocomplete: 'off', 'aria-label': 'PIN', 'data-testid': 'pin-input' });
        const form = h(
            'form',
            {
                class: 'pin-form',
                'data-testid': 'pin-form',
                onsubmit: (event) => {
                    event.preventDefault();
                    backdrop.remove();
                    resolve(input.value.trim() || 'none');
                },
            },
            h('h2', {}, `${alias} needs a PIN`),
            h('p', {}, detail && detail.guest_pin === 'none' ? 'Enter the Host PIN, or leave it empty to join as a Guest.' : 'Enter the PIN to join.'),
            input,
            h(
                'div',
                { class: 'buttons' },
                h('button', { type: 'submit', class: 'dialog-button green-action-button', 'data-testid': 'pin-submit' }, 'Join'),
                h('button', { type: 'button', class: 'dialog-button', onclick: () => { backdrop.remove(); resolve(null); } }, 'Stay offline')
            )
        );
        const backdrop = h('div', { class: 'pex-dialog-backdrop' }, h('div', { class: 'pex-dialog pin-dialog' }, form));
        layers.dialogs.append(backdrop);
        input.focus();
    });
}

// ---- boot --------------------------------------------------------------------------------------------------------

async function boot() {
    devState.platform = platform;
    devState.conference.alias = alias;
    render();
    const [branding, isJoined] = await Promise.all([brandingRead, joined]);
    brandingProblems = branding.problems;
    for (const problem of branding.problems) setBanner(problem);
    explainBrandingProblems();

    if (!isJoined) conference.overrideRole(offlineRole);
    const pluginsSettled = service.start(branding, { platform, role: conference.role });
    // Diagnostics only explain (banner details, the dev panel): fetched once the plugin scripts are on their way.
    refreshDiagnostics();
    await pluginsSettled;
    performance.mark('pexdev:plugins-loaded');

    // After the plugins' load(): they subscribe to these in load(), as with Webapp2 joining after start-up.
    if (isJoined) {
        dispatch({ type: INTERNAL_ACTIONS.SET_SELF_UUID, payload: conference.selfUUID });
        dispatch({ type: INTERNAL_ACTIONS.CONNECT_SUCCESS, payload: conference.connectPayload() });
        // Normally a few milliseconds; the cap only matters when a stream stays open but silent.
        const synced = await Promise.race([conference.synced, new Promise((resolve) => setTimeout(() => resolve(false), 5000))]);
        devState.conference.synced = synced;
        if (!synced) note('warning', 'the event stream failed before the first roster sync');
    }
    render();
    new ReloadClient({ service, loadBranding, refreshDiagnostics }).start();
    devState.ready = true;
    devState.readyTime = Math.round(performance.now());
    document.documentElement.dataset.pexdevReady = 'true';
    performance.mark('pexdev:ready');
    document.dispatchEvent(new Event('pexdev:ready'));
}

// Test and console helpers: non-enumerable, so reading window.__pexdev by value stays plain data.
const helpers = {
    setPlatform: (value) => setPlatform(value),
    /** Resolves once the shell's role is `value` (after the node's participant_update). */
    setRole: (value) =>
        new Promise((resolve) => {
            if (conference.role === value) {
                resolve(value);
                return;
            }
            const subscription = subscribeAsShell(conference.role$, (role) => {
                if (role === value) {
                    queueMicrotask(() => subscription.unsubscribe());
                    resolve(role);
                }
            });
            setRole(value);
        }),
    loadPlugin: (id) => service.setWanted(id, true),
    unloadPlugin: (id) => service.setWanted(id, false),
    /** The hook reload-client.js will call when a plugin's files change. */
    reloadPlugin: (id) => service.reloadPlugin(id),
    participants: () => conference.participants$.value,
    conferenceDetails: () => conference.conferenceDetails$.value,
    openDialogs: () => dialogs.openDialogs.map((ref) => ref.id),
    mock: (body) => conference.mockControl(body),
    internals: { service, conference, dialogs, menus, settings, devPanel, oops, view },
};
for (const [key, value] of Object.entries(helpers)) {
    Object.defineProperty(devState, key, { value, enumerable: false });
}

boot().catch((error) => {
    console.error('pexdev: the shell failed to start', error);
    refreshDiagnostics();
    devState.bootError = String(error && error.message ? error.message : error);
    setBanner({ key: 'boot-failed', level: 'error', code: 'boot-failed', message: `pexdev's shell failed to start: ${devState.bootError}` });
    // Tests waiting for pexdev:ready can stop waiting.
    document.dispatchEvent(new Event('pexdev:error'));
});
