// What happened in this page, in one place: the plugin API calls, REST requests, plugin errors, banners
// and notes the shell shows, exposed as `window.__pexdev` for people (the console) and browser tests
// (read with CDP `Runtime.evaluate`). Entries are plain JSON-safe objects.

import { Subject } from './observable.js';

const LIMIT = 1000;

/** Emits whenever a log, banner or state below changes, so the panels can re-render. */
export const devChanges$ = new Subject();

let pluginSnapshot = () => [];

export const devState = {
    version: 1,
    /** True once every plugin enabled for this platform and role has loaded (or failed) and the roster synced. */
    ready: false,
    /** Milliseconds from navigation start to ready (performance.now()). */
    readyTime: null,
    /** Set (with a `pexdev:error` event) if the shell itself failed to start; ready then never comes. */
    bootError: null,
    platform: 'web',
    role: null,
    conference: { alias: null, selfUUID: null, connected: false, synced: false, error: null },
    /** `{method, args, plugin, time}` for every PEX.pluginAPI call. */
    calls: [],
    /** `{method, path, call, status, ok, body, source, time}` for every client REST API request. */
    requests: [],
    /** `{plugin, kind, message, file, line, column, url, stack, time}` for every plugin error shown. */
    errors: [],
    /** `{key, level, code, plugin, message}` for the banners on screen (registration problems, branding). */
    banners: [],
    /** `{type, payload, time}` for every action put on PEX.actions$. */
    actions: [],
    /** `{level, message, plugin, time}`: the dev panel's log. */
    notes: [],
    /** The last `/__pexdev/diagnostics` payload, or null. */
    diagnostics: null,
    get plugins() {
        return pluginSnapshot();
    },
};

window.__pexdev = devState;

export function setPluginSnapshot(fn) {
    pluginSnapshot = fn;
}

function push(list, entry) {
    list.push(entry);
    if (list.length > LIMIT) list.splice(0, list.length - LIMIT);
    devChanges$.next(list);
}

const now = () => Math.round(performance.now());

/** A copy that survives JSON and structured cloning: functions and DOM nodes become labels. */
export function jsonSafe(value, depth = 0) {
    if (value === null || value === undefined) return value ?? null;
    const type = typeof value;
    if (type === 'string' || type === 'number' || type === 'boolean') return value;
    if (type === 'function') return `[function ${value.name || 'anonymous'}]`;
    if (type !== 'object') return String(value);
    if (value instanceof Node) return `[${value.nodeName}]`;
    if (depth > 4) return '[…]';
    if (Array.isArray(value)) return value.slice(0, 50).map((item) => jsonSafe(item, depth + 1));
    const out = {};
    for (const key of Object.keys(value).slice(0, 50)) out[key] = jsonSafe(value[key], depth + 1);
    return out;
}

export function logCall(method, args, plugin) {
    push(devState.calls, { method, args: jsonSafe(Array.from(args)), plugin: plugin ?? null, time: now() });
}

export function logRequest(entry) {
    push(devState.requests, { ...entry, time: now() });
}

export function logAction(action) {
    push(devState.actions, { type: String(action && action.type), payload: jsonSafe(action && action.payload), time: now() });
}

export function addError(entry) {
    push(devState.errors, { ...entry, time: now() });
}

export function note(level, message, plugin = null) {
    push(devState.notes, { level, message, plugin, time: now() });
}

/** Shows (or replaces, by key) a banner. */
export function setBanner(banner) {
    const index = devState.banners.findIndex((existing) => existing.key === banner.key);
    const entry = { level: 'warning', code: null, plugin: null, ...banner };
    if (index >= 0) devState.banners[index] = entry;
    else devState.banners.push(entry);
    devChanges$.next(devState.banners);
}

export function clearBanner(key) {
    const index = devState.banners.findIndex((existing) => existing.key === key);
    if (index >= 0) {
        devState.banners.splice(index, 1);
        devChanges$.next(devState.banners);
    }
}

export function changed(what) {
    devChanges$.next(what);
}
