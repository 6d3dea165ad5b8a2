// window.PEX as Webapp2 exposes it to plugins (spec/webapp2-plugins.md §7): PEX.pluginAPI, PEX.actions$
// with the documented action constants, PEX.conferenceQueryParams, and the internals Pexip's own plugins
// are seen to use (PEX.dispatchAction, PEX.pexrtc, PEX.selfUUID) — the last three are emulations.
//
// Every pluginAPI call is logged (`__pexdev.calls`) with the plugin that made it; callbacks a plugin
// passes in run on its behalf, so their exceptions are reported against it.

import { BehaviorSubject, Subject } from './observable.js';
import { logCall, logAction, note } from './dev-state.js';

/** The documented constants. Their string values are pexdev's: Webapp2's are not published. */
export const ACTIONS = Object.freeze({
    SEND_CHAT_MESSAGE: '[Chat] Send Message',
    RECEIVE_CHAT_MESSAGE: '[Chat] Receive Message',
    SELECT_EVENT: '[Timeline] Select Event',
    PARTICIPANT_CONNECT_SUCCESS: '[Participant] Connect Success',
    PARTICIPANT_DISCONNECT_SUCCESS: '[Participant] Disconnect Success',
});

/** Type strings observed in Pexip's own plugins; the shell dispatches these itself. */
export const INTERNAL_ACTIONS = Object.freeze({
    CONNECT_SUCCESS: '[Conference] Connect Success',
    DISCONNECT_SUCCESS: '[Conference] Disconnect Success',
    SET_SELF_UUID: '[Conference] Set Self UUID',
    BUZZ_CHANGED: '[Conference] Buzz Changed',
    PARTICIPANT_MUTED_CHANGED: '[Participant] Muted Changed',
    MUTE_MICROPHONE: '[Conference] Mute Microphone',
    UNMUTE_MICROPHONE: '[Conference] Unmute Microphone',
    MUTE_CAMERA: '[Conference] Mute Camera',
    UNMUTE_CAMERA: '[Conference] Unmute Camera',
});

function queryParams() {
    const out = {};
    for (const [key, value] of new URLSearchParams(window.location.search)) out[key] = value;
    return out;
}

/** Builds window.PEX; returns `{PEX, dispatch}` for the shell's own use. */
export function installPEX({ service, conference, dialogs }) {
    const actions$ = new Subject();
    actions$.tracked = true;
    /** ngrx's `Actions.ofType(...types)`. */
    actions$.ofType = (...types) => actions$.filter((action) => action && types.includes(action.type));

    function dispatch(action) {
        if (!action || typeof action !== 'object' || typeof action.type !== 'string') {
            note('warning', `PEX.dispatchAction needs {type: '…'}; got ${JSON.stringify(action)}`, service.currentOwner());
            return;
        }
        logAction(action);
        actions$.next(action);
    }

    const owner = () => service.currentOwner();

    /** Runs a plugin's callback as that plugin (errors attributed, others unaffected). */
    function callback(who, fn, value) {
        if (typeof fn === 'function') service.runAs(who, 'callback', fn, [value]);
    }

    function post(call, body, who) {
        return conference.request('POST', call, body, { source: who ?? 'plugin' });
    }

    let layoutWarned = false;

    const api = {
        registerPlugin(plugin) {
            service.register(plugin);
        },

        createNewState(initial) {
            return new BehaviorSubject(initial);
        },

        /** POST to the client API; the optional callback (as PexRTC's) gets the response body. */
        sendRequest(path, payload, cb, method = 'POST') {
            const who = owner();
            return conference
                .request(String(method || 'POST').toUpperCase(), String(path), payload, { source: who ?? 'plugin' })
                .then((response) => {
                    callback(who, cb, response.body);
                    return response.body;
                });
        },

        openTemplateDialog(options) {
            return dialogs.open(owner(), options || {});
        },

        spotlightOnParticipant(uuid) {
            return post(`participants/${uuid}/spotlighton`, undefined, owner());
        },

        spotlightOffParticipant(uuid) {
            return post(`participants/${uuid}/spotlightoff`, undefined, owner());
        },

        /** `dial`; the callback gets the response, whose result lists the new participants' uuids. */
        dialOut(alias, protocol, role, cb, opts) {
            const who = owner();
            const body = {
                ...(opts && typeof opts === 'object' ? opts : {}),
                destination: String(alias),
                protocol: protocol || 'auto',
                role: String(role || 'guest').toUpperCase(),
            };
            return post('dial', body, who).then((response) => {
                callback(who, cb, response.body);
                return response.body;
            });
        },

        disconnectParticipant(uuid) {
            return post(`participants/${uuid}/disconnect`, undefined, owner());
        },

        /** Deprecated in Webapp2: still works, and says so once. */
        changeConferenceLayout(layout) {
            const who = owner();
            if (!layoutWarned) {
                layoutWarned = true;
                const text = 'PEX.pluginAPI.changeConferenceLayout is deprecated: use transformConferenceLayout({layout})';
                console.warn(`pexdev: ${text}`);
                note('warning', text, who);
            }
            const transforms = layout && typeof layout === 'object' ? layout : { layout: String(layout) };
            return post('transform_layout', { transforms }, who);
        },

        transformConferenceLayout(transforms) {
            return post('transform_layout', { transforms: transforms || {} }, owner());
        },

        sendChatMessage(text) {
            return conference.sendChat(text, owner() ?? 'plugin');
        },
    };

    // Log every call with its caller before running it.
    const pluginAPI = {};
    for (const [name, fn] of Object.entries(api)) {
        pluginAPI[name] = function (...args) {
            logCall(name, args, owner());
            return fn.apply(this, args);
        };
    }

    const PEX = {
        pluginAPI,
        actions$,
        actions: ACTIONS,
        conferenceQueryParams: queryParams(),
        /** Emulated internal: puts an action on actions$ (the shell reacts to camera/microphone ones). */
        dispatchAction: (action) => dispatch(action),
        /** Emulated internal: a PexRTC-like object (fields and callbacks plugins are seen to use). */
        pexrtc: conference.pexrtc,
        get selfUUID() {
            return conference.selfUUID;
        },
    };
    window.PEX = PEX;
    return { PEX, dispatch };
}
