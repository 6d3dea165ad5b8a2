// The plugin service: injects plugin scripts, takes their registerPlugin calls, loads and unloads them, and
// owns everything a plugin creates through the API (subscriptions, dialogs) so unloading cleans it up.
//
// Webapp2 behaviour emulated here (spec/webapp2-plugins.md §5, §8): plugins are classic <script> elements
// from their custom_configuration/ URLs, run in settings order; `load(participants$, conferenceDetails$)`
// runs once registered; unload calls `unload()` and removes the menu items; an exception in plugin code
// is an application crash ("Oops"), which here names the plugin and lets the others carry on.

import { hooks, subscribeAsShell, ownedView } from './observable.js';
import { visibility, brandingPath } from './config.js';
import { setPluginSnapshot, note, setBanner, clearBanner, changed, addError } from './dev-state.js';
import { stackFrames, bareURL, callerStack, describeThrown } from './stack.js';

/** How long a plugin whose script has run may take to call registerPlugin (e.g. after an await). */
export const REGISTER_GRACE_MS = 3000;

/** Error kinds, as shown in the Oops overlay. */
const KIND_TEXT = {
    load: 'in load()',
    unload: 'in unload()',
    action: 'in a menu action',
    subscriber: 'in a subscriber',
    dialog: 'in a dialog handler',
    callback: 'in a callback',
    script: 'in its code (uncaught error)',
    promise: 'in a promise (unhandled rejection)',
};

export class PluginService {
    /**
     * @param sources `{participants$, conferenceDetails$}`: the shell's live observables.
     * @param onError called with each plugin error entry (the Oops overlay).
     */
    constructor({ sources, onError, explain = () => null }) {
        this.sources = sources;
        this.onError = onError;
        /** `(record) => string|null`: the server checker's finding about this plugin, for banners. */
        this.explain = explain;
        this.records = [];
        this.context = [];
        this.eventOwner = null;
        this.environment = { platform: 'web', role: 'chair', settingsBranded: true };
        this.pendingInitial = new Set();
        this.reloadCount = 0;
        this.initialSettled = new Promise((resolve) => {
            this.resolveInitial = resolve;
        });

        hooks.currentOwner = () => this.currentOwner();
        hooks.run = (owner, kind, fn, args) => this.runAs(owner, kind, fn, args);
        hooks.track = (subscription, owner) => this.track(subscription, owner);
        setPluginSnapshot(() => this.snapshot());
    }

    // ---- start-up ----------------------------------------------------------------------------------

    /** Creates a record per settings entry and loads the ones this platform and role may have. */
    start(branding, { platform, role }) {
        this.environment = { platform, role, settingsBranded: branding.settingsBranded };
        this.records = branding.entries.map((entry) => this.createRecord(entry));
        this.flagDuplicateIDs();
        for (const record of this.records) {
            this.applyVisibility(record);
            if (record.entry.error) {
                setBanner({
                    key: `package-failed:${record.id}`,
                    level: 'error',
                    code: 'package-failed',
                    plugin: record.id,
                    message: `${record.id}: ${record.entry.error}`,
                    detail: this.explain(record),
                });
            }
            if (!record.visible) continue;
            if (this.shouldLoad(record)) this.pendingInitial.add(record);
            else this.markNotLoaded(record);
        }
        // Injected in settings order with async=false: fetched in parallel, executed in this order.
        for (const record of [...this.pendingInitial]) this.ensureLoaded(record);
        this.checkInitialSettled();
        changed('plugins');
        return this.initialSettled;
    }

    createRecord(entry) {
        return {
            id: entry.pkg?.id || entry.settingsId || `(plugin entry ${entry.index + 1})`,
            entry,
            visible: true,
            state: 'unloaded',
            reason: null,
            wanted: entry.enabled,
            wantedReason: entry.enabled ? null : 'enabled is false in settings.json: load it in Settings > Plugins',
            failure: entry.error,
            registration: null,
            stateValue: undefined,
            stateSubscription: null,
            script: null,
            scriptStatus: 'none',
            scriptThrew: null,
            registerTimer: null,
            session: null,
        };
    }

    flagDuplicateIDs() {
        const seen = new Map();
        for (const record of this.records) {
            if (seen.has(record.id)) {
                note('warning', `two settings entries resolve to plugin id "${record.id}"; registerPlugin can only reach the first`, record.id);
            } else seen.set(record.id, record);
        }
    }

    shouldLoad(record) {
        return record.visible && record.wanted && !record.failure;
    }

    checkInitialSettled() {
        if (this.pendingInitial.size === 0 && this.resolveInitial) {
            const resolve = this.resolveInitial;
            this.resolveInitial = null;
            resolve();
        }
    }

    settle(record) {
        if (this.pendingInitial.delete(record)) this.checkInitialSettled();
        changed('plugins');
    }

    // ---- platform / role / Settings > Plugins ---------------------------------------------------------

    /** Re-applies Webapp2's filters after a platform or role change: unloads the hidden, loads the shown. */
    setEnvironment({ platform, role }) {
        Object.assign(this.environment, { platform: platform ?? this.environment.platform, role: role ?? this.environment.role });
        for (const record of this.records) {
            const wasVisible = record.visible;
            const wasLoaded = record.state === 'loaded';
            this.applyVisibility(record);
            if (wasVisible && !record.visible && wasLoaded) {
                const hiddenReason = record.reason;
                record.state = 'loaded';
                this.unload(record, null);
                record.state = 'hidden';
                record.reason = hiddenReason;
            }
            if (!wasVisible && record.visible) {
                if (this.shouldLoad(record)) this.ensureLoaded(record);
                else this.markNotLoaded(record);
            }
        }
        changed('plugins');
    }

    applyVisibility(record) {
        const { visible, reason } = visibility(record.entry, this.environment);
        record.visible = visible;
        if (!visible) {
            record.state = 'hidden';
            record.reason = reason;
        } else if (record.state === 'hidden') {
            this.markNotLoaded(record);
        }
    }

    markNotLoaded(record) {
        if (record.failure) {
            record.state = 'failed';
            record.reason = record.failure;
        } else {
            record.state = 'unloaded';
            record.reason = record.wantedReason;
        }
    }

    /** The user's toggle in Settings > Plugins. Returns false when allowUnload forbids it. */
    setWanted(id, wanted) {
        const record = this.byId(id);
        if (!record || !record.visible) return false;
        if (!record.entry.pkg?.allowUnload) return false;
        record.wanted = wanted;
        if (wanted) {
            record.wantedReason = null;
            if (record.failure && record.scriptStatus !== 'none') {
                // A failed script gets a fresh try, as reloading the page would give it.
                this.reinject(record);
            } else {
                this.ensureLoaded(record);
            }
        } else {
            record.wantedReason = 'unloaded in Settings > Plugins';
            if (record.state === 'loaded') this.unload(record, record.wantedReason);
        }
        changed('plugins');
        return true;
    }

    /** "Unload and continue" in the Oops overlay: allowed whatever allowUnload says. */
    unloadAfterError(id) {
        const record = this.byId(id);
        if (!record) return;
        record.wanted = false;
        record.wantedReason = 'unloaded after an error';
        if (record.state === 'loaded') this.unload(record, record.wantedReason);
        else if (record.state !== 'hidden') {
            record.state = record.failure ? 'failed' : 'unloaded';
            record.reason = record.failure || record.wantedReason;
        }
        changed('plugins');
    }

    /** Hook for the reload client: runs a plugin's (changed) script again and reloads it. */
    /** Takes a re-read settings entry (live reload) for the plugin with the same id; unknown ids are ignored. */
    replaceEntry(entry) {
        const id = entry.pkg?.id || entry.settingsId;
        const record = this.byId(id);
        if (!record) return;
        record.entry = entry;
        record.failure = entry.error;
        record.wanted = entry.enabled || record.wanted;
        this.applyVisibility(record);
    }

    reloadPlugin(id) {
        const record = this.byId(id);
        if (!record) return false;
        if (record.state === 'loaded') this.unload(record, 'reloading');
        this.reinject(record);
        return true;
    }

    // ---- scripts and registration -------------------------------------------------------------------

    ensureLoaded(record) {
        if (record.failure && !record.registration) {
            record.state = 'failed';
            record.reason = record.failure;
            this.settle(record);
            return;
        }
        if (record.registration) {
            this.load(record);
            return;
        }
        if (record.scriptStatus === 'none') this.inject(record);
        record.state = 'loading';
        record.reason = 'waiting for its script to call registerPlugin';
    }

    inject(record, bust = false) {
        const url = new URL(record.entry.sourceURL);
        if (bust) url.searchParams.set('pexdev-reload', String(++this.reloadCount));
        const script = document.createElement('script');
        // Classic script, as Webapp2 injects them; async=false keeps settings order while fetching in parallel.
        script.async = false;
        script.src = url.href;
        script.dataset.pluginId = record.id;
        record.script = script;
        record.scriptStatus = 'loading';
        record.scriptThrew = null;
        script.addEventListener('load', () => this.scriptLoaded(record, script));
        script.addEventListener('error', () => this.scriptFailed(record, script));
        document.head.appendChild(script);
    }

    reinject(record) {
        if (record.stateSubscription) record.stateSubscription.unsubscribe();
        if (record.script) record.script.remove();
        clearTimeout(record.registerTimer);
        Object.assign(record, {
            registration: null,
            stateSubscription: null,
            stateValue: undefined,
            failure: record.entry.error,
            scriptStatus: 'none',
        });
        clearBanner(`never-registered:${record.id}`);
        if (record.entry.error) {
            this.ensureLoaded(record);
            return;
        }
        this.inject(record, true);
        if (this.shouldLoad(record)) {
            record.state = 'loading';
            record.reason = 'waiting for its script to call registerPlugin';
        }
        changed('plugins');
    }

    scriptLoaded(record, script) {
        if (record.script !== script) return;
        record.scriptStatus = 'done';
        if (record.registration) return;
        if (record.failure) {
            // Already explained (registered under an unknown id): no need to wait.
            this.settle(record);
            return;
        }
        if (record.scriptThrew) {
            this.fail(record, `its script threw before calling registerPlugin: ${record.scriptThrew}`, 'script-threw');
            return;
        }
        // registerPlugin may come after an await in the script; give it a moment, then say so.
        record.registerTimer = setTimeout(() => {
            if (record.registration || record.script !== script) return;
            this.fail(
                record,
                `never called PEX.pluginAPI.registerPlugin (waited ${REGISTER_GRACE_MS / 1000} s after ${brandingPath(script.src)} ran)`,
                'never-registered'
            );
        }, REGISTER_GRACE_MS);
    }

    async scriptFailed(record, script) {
        if (record.script !== script) return;
        record.scriptStatus = 'error';
        let status = '';
        try {
            const response = await fetch(script.src, { method: 'HEAD', cache: 'no-store' });
            status = response.ok ? ' (the server answers, but the browser refused the script)' : ` (HTTP ${response.status})`;
        } catch {
            status = ' (network error)';
        }
        this.fail(record, `could not load its script ${brandingPath(script.src)}${status}`, 'script-failed');
    }

    /** Marks a plugin failed; `announce` false when a banner already says why. */
    fail(record, reason, code, announce = true) {
        record.failure = reason;
        if (record.state === 'loaded') this.unload(record, null);
        if (record.visible) {
            record.state = 'failed';
            record.reason = reason;
        }
        if (announce) {
            setBanner({ key: `${code}:${record.id}`, level: 'error', code, plugin: record.id, message: `${record.id}: ${reason}`, detail: this.explain(record) });
            note('error', reason, record.id);
        }
        this.settle(record);
    }

    /** `PEX.pluginAPI.registerPlugin(obj)`. */
    register(obj) {
        const caller = this.callerRecord();
        const from = caller ? ` (from ${brandingPath(caller.entry.sourceURL)})` : '';
        if (!obj || typeof obj !== 'object') {
            setBanner({
                key: `register-invalid:${caller?.id}`,
                level: 'error',
                code: 'register-invalid',
                plugin: caller?.id ?? null,
                message: `registerPlugin was called with ${obj === null ? 'null' : typeof obj}, not an object${from}.`,
            });
            return;
        }
        const id = obj.id;
        const record = this.records.find((candidate) => candidate.id === id);
        if (!record) {
            const expected = caller ? `its package id is "${caller.id}"` : `known ids: ${this.records.map((r) => `"${r.id}"`).join(', ') || 'none'}`;
            const message = `registerPlugin was called with id ${JSON.stringify(id)}${from}, which matches no package file; ${expected}.`;
            setBanner({ key: `unknown-id:${id}`, level: 'error', code: 'unknown-id', plugin: caller?.id ?? null, message, detail: caller ? this.explain(caller) : null });
            note('error', message, caller?.id ?? null);
            if (caller && !caller.registration) {
                clearTimeout(caller.registerTimer);
                this.fail(caller, `registered under the unknown id ${JSON.stringify(id)} instead of "${caller.id}"`, 'unknown-id', false);
            }
            return;
        }
        if (record.registration) {
            const message = `${id} called registerPlugin more than once${from}; pexdev keeps the first registration.`;
            setBanner({ key: `registered-twice:${id}`, level: 'warning', code: 'registered-twice', plugin: id, message, detail: this.explain(record) });
            note('warning', message, id);
            return;
        }
        if (caller && caller !== record) {
            note('warning', `${brandingPath(caller.entry.sourceURL)} registered the plugin "${id}", which belongs to another package`, id);
        }
        clearTimeout(record.registerTimer);
        record.registration = obj;
        if (record.failure && record.failure !== record.entry.error) {
            // A late registration clears a "never registered" verdict.
            record.failure = null;
            clearBanner(`never-registered:${id}`);
        }
        this.watchState(record, obj.state$);
        for (const item of record.entry.menu.items) {
            if (item.action && typeof obj[item.action] !== 'function') {
                note('warning', `menu item action "${item.action}" is not a function passed to registerPlugin`, id);
            }
        }
        // After the script finishes, like Webapp2's plugin service, so registerPlugin returns first.
        queueMicrotask(() => {
            if (this.shouldLoad(record) && record.state !== 'loaded') this.load(record);
            else this.settle(record);
        });
    }

    watchState(record, state$) {
        if (!state$) return;
        if (typeof state$.subscribe !== 'function') {
            note('warning', 'state$ passed to registerPlugin has no subscribe(): icons and labels stay as in the package file', record.id);
            return;
        }
        const onState = (value) => {
            record.stateValue = value;
            changed('menus');
        };
        record.stateSubscription =
            typeof state$._subscribeAs === 'function' ? subscribeAsShell(state$, onState) : state$.subscribe(onState);
    }

    // ---- load / unload --------------------------------------------------------------------------------

    load(record) {
        const registration = record.registration;
        record.session = { subscriptions: new Set(), dialogs: new Set() };
        record.state = 'loading';
        record.reason = null;
        if (typeof registration.load !== 'function') {
            note('warning', 'registerPlugin got no load function; nothing to run on load', record.id);
        } else {
            const participants$ = ownedView(this.sources.participants$, record.id);
            const conferenceDetails$ = ownedView(this.sources.conferenceDetails$, record.id);
            const outcome = this.runAs(record.id, 'load', registration.load, [participants$, conferenceDetails$], registration);
            if (!outcome.ok) {
                this.closeSession(record);
                record.state = 'failed';
                record.reason = `load() threw: ${describeThrown(outcome.error).message}`;
                record.failure = record.reason;
                this.settle(record);
                return;
            }
        }
        record.state = 'loaded';
        record.reason = null;
        record.failure = null;
        note('info', 'loaded', record.id);
        this.settle(record);
    }

    unload(record, reason) {
        if (record.registration && typeof record.registration.unload === 'function') {
            this.runAs(record.id, 'unload', record.registration.unload, [], record.registration);
        }
        const left = this.closeSession(record);
        if (left.subscriptions || left.dialogs) {
            note(
                'warning',
                `unload() left ${left.subscriptions} subscription(s) and ${left.dialogs} dialog(s) open; pexdev closed them (Webapp2 would not)`,
                record.id
            );
        }
        record.state = 'unloaded';
        record.reason = reason;
        note('info', `unloaded${reason ? ` (${reason})` : ''}`, record.id);
        changed('plugins');
    }

    /** Closes what the plugin opened through the API during this load; returns what was still open. */
    closeSession(record) {
        const session = record.session;
        record.session = null;
        if (!session) return { subscriptions: 0, dialogs: 0 };
        const counts = { subscriptions: session.subscriptions.size, dialogs: session.dialogs.size };
        for (const subscription of [...session.subscriptions]) subscription.unsubscribe();
        for (const dialog of [...session.dialogs]) dialog.close();
        return counts;
    }

    track(subscription, owner) {
        const session = this.byId(owner)?.session;
        if (!session) return;
        session.subscriptions.add(subscription);
        subscription.add(() => session.subscriptions.delete(subscription));
    }

    trackDialog(owner, dialogRef) {
        const session = this.byId(owner)?.session;
        if (!session) return;
        session.dialogs.add(dialogRef);
        dialogRef.close$._subscribeAs(null, { next: () => session.dialogs.delete(dialogRef) });
    }

    // ---- running plugin code ------------------------------------------------------------------------------

    /** Calls plugin code as `owner`; an exception becomes a plugin error, never the shell's. */
    runAs(owner, kind, fn, args = [], thisArg = undefined) {
        this.context.push(owner);
        try {
            const value = fn.apply(thisArg, args);
            if (value && typeof value.then === 'function') {
                value.then(undefined, (error) => this.report(owner, kind === 'load' ? 'load' : 'promise', error));
            }
            return { ok: true, value };
        } catch (error) {
            this.report(owner, kind, error);
            return { ok: false, error };
        } finally {
            this.context.pop();
        }
    }

    /** The plugin calling into the shell now: explicit context, running script, stack, or dialog event. */
    currentOwner() {
        if (this.context.length > 0) return this.context[this.context.length - 1];
        const record = this.callerRecord();
        if (record) return record.id;
        return this.eventOwner;
    }

    callerRecord() {
        const script = document.currentScript;
        if (script) {
            const record = this.records.find((candidate) => candidate.script === script);
            if (record) return record;
        }
        for (const frame of stackFrames(callerStack())) {
            const record = this.recordForURL(frame.url);
            if (record) return record;
        }
        if (this.context.length > 0) return this.byId(this.context[this.context.length - 1]) || null;
        return null;
    }

    /** The plugin whose folder holds this URL (the longest folder wins). */
    recordForURL(url) {
        const bare = bareURL(url);
        if (!bare) return null;
        let best = null;
        for (const record of this.records) {
            const folder = record.entry.folderURL?.href;
            if (!folder || !bare.startsWith(folder)) continue;
            if (!best || folder.length > best.entry.folderURL.href.length) best = record;
        }
        return best;
    }

    /** Dialog clicks: inline onclick handlers run with the page as their file, so the dialog says who. */
    setEventOwner(owner) {
        this.eventOwner = owner;
        setTimeout(() => {
            if (this.eventOwner === owner) this.eventOwner = null;
        }, 0);
    }

    /** An uncaught error (window "error" event): attributed by file URL, stack, or the dialog clicked. */
    handleWindowError(event) {
        const thrown = event.error ?? event.message;
        let record = this.recordForURL(event.filename);
        let kind = 'script';
        if (!record && event.error) {
            for (const frame of stackFrames(event.error.stack)) {
                record = this.recordForURL(frame.url);
                if (record) break;
            }
        }
        if (!record && this.eventOwner) {
            record = this.byId(this.eventOwner);
            kind = 'dialog';
        }
        if (!record) return false;
        if (record.scriptStatus === 'loading' && !record.registration) {
            record.scriptThrew = describeThrown(thrown).message;
        }
        const at = event.filename ? { url: event.filename, line: event.lineno, column: event.colno } : null;
        this.report(record.id, kind, thrown, at);
        return true;
    }

    /** An unhandled promise rejection, attributed by the stack of its reason. */
    handleRejection(event) {
        const reason = event.reason;
        for (const frame of stackFrames(reason && reason.stack)) {
            const record = this.recordForURL(frame.url);
            if (record) {
                this.report(record.id, 'promise', reason);
                return true;
            }
        }
        return false;
    }

    report(owner, kind, thrown, at = null) {
        const record = this.byId(owner);
        const described = describeThrown(thrown);
        const frames = stackFrames(described.stack);
        const own = frames.find((frame) => record && this.recordForURL(frame.url) === record);
        const location = own || at || frames.find((frame) => this.recordForURL(frame.url)) || frames[0] || null;
        // An inline handler's "file" is the page itself: say what it is instead.
        const inline = location && bareURL(location.url) === bareURL(document.URL);
        const entry = {
            plugin: owner,
            pluginName: record?.entry.pkg?.name || owner,
            kind,
            kindText: KIND_TEXT[kind] || kind,
            name: described.name,
            message: described.message,
            url: location ? location.url : null,
            file: location ? (inline ? 'inline handler in its dialog HTML' : brandingPath(location.url)) : null,
            inline: Boolean(inline),
            line: location ? location.line : null,
            column: location ? location.column : null,
            stack: described.stack,
        };
        addError(entry);
        console.error(`pexdev: plugin ${owner} threw ${entry.kindText}:`, thrown);
        this.onError(entry);
    }

    // ---- menus and snapshots -------------------------------------------------------------------------------

    byId(id) {
        return this.records.find((record) => record.id === id) || null;
    }

    /** The loaded plugins' items for one placement, in settings order then package order. */
    menuEntries(placement) {
        const out = [];
        for (const record of this.records) {
            if (record.state !== 'loaded' || record.entry.menu.placement !== placement) continue;
            record.entry.menu.items.forEach((item, index) => out.push({ record, item, index }));
        }
        return out;
    }

    /** Icon and label after state$ (top-level keys, then a participant's own entry, override the package). */
    effectiveItem(record, item, uuid = null) {
        const state = record.stateValue && typeof record.stateValue === 'object' ? record.stateValue : {};
        const own = uuid && state[uuid] && typeof state[uuid] === 'object' ? state[uuid] : {};
        const pick = (key) => own[key] ?? state[key] ?? item[key] ?? null;
        const icon = pick('icon');
        let iconURL = null;
        if (icon) {
            try {
                iconURL = new URL(String(icon), record.entry.folderURL).href;
            } catch {
                iconURL = null;
            }
        }
        return { icon, iconURL, label: pick('label') };
    }

    /** Runs a menu item's action with the arguments for its placement. */
    invoke(record, index, args) {
        const item = record.entry.menu.items[index];
        const fn = record.registration && record.registration[item.action];
        if (typeof fn !== 'function') {
            this.report(record.id, 'action', new TypeError(`menu action "${item.action}" is not a function passed to registerPlugin`));
            return;
        }
        this.runAs(record.id, 'action', fn, args, record.registration);
    }

    snapshot() {
        return this.records.map((record) => ({
            id: record.id,
            settingsId: record.entry.settingsId,
            name: record.entry.pkg?.name ?? null,
            version: record.entry.pkg?.version ?? null,
            state: record.state,
            reason: record.reason,
            placement: record.entry.menu.placement,
            enabled: record.entry.enabled,
            allowUnload: record.entry.pkg?.allowUnload ?? false,
            registered: Boolean(record.registration),
            source: record.entry.sourceURL ? brandingPath(record.entry.sourceURL) : null,
        }));
    }
}

