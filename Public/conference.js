// The conference as the shell sees it: session token, the client REST API (with every request logged),
// the event stream, and the mapping from the API's snake_case participant objects to the objects plugins
// see (spec/infinity-client-api.md, spec/webapp2-plugins.md §6). Talks to the mock node or, through the
// proxy, to a real Conferencing Node: the same calls either way.

import { BehaviorSubject, Subject } from './observable.js';
import { logRequest, jsonSafe, note } from './dev-state.js';

const API_BASE = '/api/client/v2/conferences/';
const EVENT_NAMES = [
    'participant_sync_begin',
    'participant_create',
    'participant_update',
    'participant_delete',
    'participant_sync_end',
    'conference_update',
    'message_received',
    'layout',
    'stage',
    'presentation_start',
    'presentation_stop',
    'disconnect',
    'refer',
];

// ---- REST → plugin-facing mapping (the one place to correct when real traffic disagrees) ----------------

/** Flags arrive as the strings "YES"/"NO"; a boolean is accepted too. */
function yes(value) {
    return value === true || value === 'YES' || value === 'yes';
}

function number(value) {
    const n = Number(value);
    return Number.isFinite(n) ? n : 0;
}

/** A participant as plugins see it, from the REST participant object and the latest stage event. */
export function toPluginParticipant(raw, stage) {
    const role = raw.role === 'chair' ? 'chair' : 'guest';
    const serviceType = raw.service_type || 'conference';
    let callType = 'api';
    if (yes(raw.is_video_call)) callType = 'video';
    else if (yes(raw.is_audio_only_call)) callType = 'audio';
    return {
        uuid: raw.uuid,
        name: raw.display_name ?? '',
        role,
        uri: raw.uri ?? '',
        startTime: number(raw.start_time),
        protocol: raw.protocol || 'api',
        isExternal: yes(raw.is_external),
        presenting: yes(raw.is_presenting),
        muted: yes(raw.is_muted),
        canControl: role === 'chair' && (serviceType === 'conference' || serviceType === 'lecture'),
        canDisconnect: yes(raw.disconnect_supported),
        canTransfer: yes(raw.transfer_supported),
        canMute: yes(raw.mute_supported),
        serviceType,
        callType,
        spotlight: number(raw.spotlight),
        isStreaming: yes(raw.is_streaming_conference),
        vad: stage ? number(stage.vad) : 0,
        // Not on stage: -1 (the stage event only lists the most recent speakers).
        stageIndex: stage ? number(stage.stage_index) : -1,
        rxPresentation: (raw.rx_presentation_policy || 'ALLOW') === 'ALLOW',
        feccSupported: yes(raw.fecc_supported),
        buzzTime: number(raw.buzz_time),
    };
}

/** Conference details as plugins see them. */
function toPluginDetails(status, session) {
    return {
        locked: yes(status.locked),
        guestsMuted: yes(status.guests_muted),
        chatEnabled: session.chatEnabled,
        mediaType: session.mediaType,
        started: status.started === undefined ? true : yes(status.started),
    };
}

// ---- the conference ----------------------------------------------------------------------------------------

/** Why joining failed: `code` is pin-required, not-found, rejected or unreachable. */
export class JoinError extends Error {
    constructor(code, message, detail = {}) {
        super(message);
        this.code = code;
        this.detail = detail;
    }
}

export class Conference {
    constructor({ alias, displayName, pin, mediaType }) {
        this.alias = alias;
        this.displayName = displayName;
        this.pin = pin;
        this.token = null;
        this.selfUUID = null;
        this.tokenResult = null;
        this.connected = false;
        this.disconnected = false;
        this.session = { chatEnabled: true, mediaType: mediaType || 'video' };
        this.status = { locked: false, guests_muted: false, started: true };
        this.roster = new Map();
        this.syncBuffer = null;
        this.stage = new Map();
        this.layout = null;
        this.presentation = null;
        this.eventSource = null;
        this.reconnectDelay = 250;
        this.refreshTimer = null;
        /** Called with exceptions thrown by code that replaced a pexrtc callback (plugins do). */
        this.onCallbackError = (error) => console.error(error);

        this.participants$ = new BehaviorSubject([]);
        this.participants$.tracked = true;
        this.conferenceDetails$ = new BehaviorSubject(toPluginDetails(this.status, this.session));
        this.conferenceDetails$.tracked = true;
        /** 'chair' | 'guest': the shell's own role, from its participant object once known. */
        this.role$ = new BehaviorSubject(null);
        /** `{origin, uuid, type, payload, self}` for every chat message sent or received. */
        this.chat$ = new Subject();
        /** `{name, data}` for every stream event, after the roster was updated. */
        this.events$ = new Subject();
        /** Roster, layout, presentation or connection changed: re-render. */
        this.changes$ = new Subject();
        this.synced = new Promise((resolve) => {
            this.resolveSynced = resolve;
        });
        /** A role set by the shell alone (no mock to ask); null when the node's word counts. */
        this.roleOverride = null;
        this.pexrtc = this.createPexRTC();
    }

    /** Sets the shell's role without the node (offline, or a node pexdev cannot control). */
    overrideRole(role) {
        this.roleOverride = role;
        this.pexrtc.role = role === 'chair' ? 'HOST' : 'GUEST';
        if (this.role$.value !== role) this.role$.next(role);
    }

    /** The PexRTC-like object Webapp2 exposes as PEX.pexrtc (emulated: fields plugins read, callbacks they wrap). */
    createPexRTC() {
        const conference = this;
        return {
            conference: this.alias,
            conference_name: this.alias,
            display_name: this.displayName,
            uuid: null,
            role: null,
            token: null,
            chat_enabled: true,
            service_type: null,
            current_service_type: null,
            // Plugins replace these to filter or watch the roster (observed); the defaults feed the roster.
            onParticipantCreate(participant) {
                conference.storeParticipant(participant);
            },
            onParticipantUpdate(participant) {
                conference.storeParticipant(participant);
            },
            onParticipantDelete(participant) {
                conference.removeParticipant(participant.uuid);
            },
            onChatMessage() {},
            onConferenceUpdate() {},
            onLayoutUpdate() {},
            onStageUpdate() {},
            onPresentation() {},
            onDisconnect() {},
            sendChatMessage: (text) => conference.sendChat(text, 'pexrtc'),
            sendRequest: (call, params, callback, method = 'POST') =>
                conference.request(method, call, params, { source: 'pexrtc' }).then((response) => {
                    if (typeof callback === 'function') callback(response.body);
                    return response.body;
                }),
        };
    }

    get role() {
        return this.role$.value;
    }

    callbackSafely(name, ...args) {
        try {
            const fn = this.pexrtc[name];
            if (typeof fn === 'function') fn.apply(this.pexrtc, args);
        } catch (error) {
            this.onCallbackError(error);
        }
    }

    // ---- REST ----------------------------------------------------------------------------------------------

    callURL(call) {
        return `${API_BASE}${encodeURIComponent(this.alias)}/${String(call).replace(/^\/+/, '')}`;
    }

    /**
     * One client API call. Never throws: resolves to `{ok, status, body, result}`; every call is logged
     * with its status in `__pexdev.requests`.
     */
    async request(method, call, body, { source = 'shell', headers = {}, auth = true } = {}) {
        const url = call.startsWith('/__pexdev/') ? call : this.callURL(call);
        const init = { method, headers: { ...headers }, credentials: 'same-origin' };
        if (auth && this.token) init.headers.token = this.token;
        if (body !== undefined && method !== 'GET') {
            init.headers['Content-Type'] = 'application/json';
            init.body = JSON.stringify(body);
        }
        let status = 0;
        let parsed = null;
        try {
            const response = await fetch(url, init);
            status = response.status;
            const text = await response.text();
            try {
                parsed = text ? JSON.parse(text) : null;
            } catch {
                parsed = { status: 'failed', result: text };
            }
        } catch (error) {
            parsed = { status: 'failed', result: `network error: ${error.message}` };
        }
        const ok = status >= 200 && status < 300;
        const path = new URL(url, document.baseURI).pathname;
        logRequest({
            method,
            path,
            call: String(call).replace(/^\/+/, ''),
            status,
            ok,
            body: jsonSafe(body ?? null),
            result: jsonSafe(parsed && parsed.result !== undefined ? parsed.result : parsed),
            source,
        });
        if (!ok) {
            const text = parsed && typeof parsed.result === 'string' ? parsed.result : JSON.stringify(parsed);
            note('warning', `${method} ${path} → ${status || 'no response'}: ${text}`, source === 'shell' ? null : source);
        }
        return { ok, status, body: parsed, result: parsed ? parsed.result : undefined };
    }

    // ---- joining ----------------------------------------------------------------------------------------------

    async join() {
        const headers = this.pin ? { pin: this.pin } : {};
        const response = await this.request(
            'POST',
            'request_token',
            { display_name: this.displayName },
            { headers, auth: false }
        );
        if (!response.ok) {
            const result = response.result;
            if (response.status === 403 && result && typeof result === 'object' && result.pin === 'required') {
                throw new JoinError('pin-required', 'This conference needs a PIN.', result);
            }
            if (response.status === 404) {
                throw new JoinError('not-found', `No conference answers to "${this.alias}".`);
            }
            if (response.status === 0) {
                throw new JoinError('unreachable', `Could not reach the client API: ${result}`);
            }
            throw new JoinError('rejected', `request_token failed (${response.status}): ${typeof result === 'string' ? result : JSON.stringify(result)}`);
        }
        const token = response.result;
        this.tokenResult = token;
        this.token = token.token;
        this.selfUUID = token.participant_uuid;
        this.displayName = token.display_name || this.displayName;
        this.session.chatEnabled = token.chat_enabled !== false;
        Object.assign(this.pexrtc, {
            uuid: this.selfUUID,
            role: token.role,
            token: this.token,
            display_name: this.displayName,
            chat_enabled: this.session.chatEnabled,
            service_type: token.service_type,
            current_service_type: token.current_service_type,
            conference_name: token.conference_name || this.alias,
        });
        this.connected = true;
        this.role$.next(token.role === 'HOST' ? 'chair' : 'guest');
        this.emitDetails();
        this.scheduleRefresh(token.expires);
        this.openEvents();
        this.request('GET', 'conference_status').then((status) => {
            if (status.ok && status.result && typeof status.result === 'object') this.updateStatus(status.result);
        });
        window.addEventListener('pagehide', () => this.release(), { once: true });
        this.changes$.next('connected');
        return token;
    }

    /** Payload of the '[Conference] Connect Success' action (fields read by Pexip's own plugins). */
    connectPayload() {
        const token = this.tokenResult || {};
        return {
            alias: this.alias,
            displayName: this.displayName,
            joinRole: token.role || null,
            serviceType: token.service_type || null,
            participantUUID: this.selfUUID,
            chatEnabled: this.session.chatEnabled,
        };
    }

    scheduleRefresh(expires) {
        clearTimeout(this.refreshTimer);
        const seconds = Number(expires) || 120;
        // A third of the lifetime: Chrome may delay timers in a hidden tab by up to a minute, and a
        // 120 s token must still be refreshed in time.
        this.refreshTimer = setTimeout(() => this.refresh(), (seconds * 1000) / 3);
    }

    async refresh() {
        if (this.disconnected) return;
        const response = await this.request('POST', 'refresh_token', undefined);
        if (response.ok && response.result && response.result.token) {
            this.token = response.result.token;
            this.pexrtc.token = this.token;
            this.scheduleRefresh(response.result.expires);
        } else {
            note('error', `refresh_token failed (${response.status}); the session will expire`);
        }
    }

    release() {
        if (!this.token || this.disconnected) return;
        this.disconnected = true;
        clearTimeout(this.refreshTimer);
        if (this.eventSource) this.eventSource.close();
        // keepalive lets the request outlive the page.
        fetch(this.callURL('release_token'), { method: 'POST', headers: { token: this.token }, keepalive: true }).catch(() => {});
    }

    /** The hang-up button: ends the session and behaves as if the node had disconnected us. */
    leave() {
        this.release();
        this.handleEvent('disconnect', { reason: 'you left the meeting' });
    }

    // ---- event stream -----------------------------------------------------------------------------------------------

    openEvents() {
        if (this.disconnected) return;
        const url = `${this.callURL('events')}?token=${encodeURIComponent(this.token)}`;
        const source = new EventSource(url);
        this.eventSource = source;
        for (const name of EVENT_NAMES) {
            source.addEventListener(name, (event) => {
                if (this.eventSource !== source) return;
                let data = null;
                try {
                    data = event.data ? JSON.parse(event.data) : null;
                } catch {
                    note('warning', `event ${name} carried data that is not JSON: ${String(event.data).slice(0, 80)}`);
                    return;
                }
                this.reconnectDelay = 250;
                this.handleEvent(name, data);
            });
        }
        // pexdev's proxy says why the node's stream ended (node down, silent too long) before it closes it.
        source.addEventListener('pexdev_proxy', (event) => {
            if (this.eventSource !== source) return;
            let reason = 'the node stream ended';
            try {
                reason = JSON.parse(event.data).message || reason;
            } catch {}
            note('warning', `event stream from the node ended: ${reason}`);
        });
        source.addEventListener('error', () => {
            if (this.eventSource !== source) return;
            source.close();
            this.eventSource = null;
            // The first sync may never come: let the shell get ready without the roster.
            this.resolveSynced(false);
            if (!this.disconnected) this.reconnect();
        });
    }

    /**
     * A fresh EventSource rather than its own retry, because the URL must carry the current token. If the
     * node no longer takes the token (we were disconnected while the stream was down), say so instead.
     */
    async reconnect() {
        const probe = await this.request('GET', 'conference_status');
        if (this.disconnected) return;
        if (probe.status === 403) {
            this.handleEvent('disconnect', { reason: `the node no longer accepts this session (${probe.result})` });
            return;
        }
        if (probe.ok && probe.result && typeof probe.result === 'object') this.updateStatus(probe.result);
        note('warning', `event stream dropped; reconnecting in ${this.reconnectDelay} ms`);
        setTimeout(() => this.openEvents(), this.reconnectDelay);
        this.reconnectDelay = Math.min(this.reconnectDelay * 2, 5000);
    }

    handleEvent(name, data) {
        // Joins and leaves are the ones outside a sync block; `previous` is the participant before the event.
        const inSync = this.syncBuffer !== null;
        const previous = data && data.uuid ? this.roster.get(data.uuid) || null : null;
        switch (name) {
            case 'participant_sync_begin':
                this.syncBuffer = new Map();
                break;
            case 'participant_create':
                if (data && data.uuid) this.callbackSafely('onParticipantCreate', data);
                break;
            case 'participant_update':
                if (data && data.uuid) this.callbackSafely('onParticipantUpdate', data);
                break;
            case 'participant_delete':
                if (data && data.uuid) this.callbackSafely('onParticipantDelete', data);
                break;
            case 'participant_sync_end':
                if (this.syncBuffer) {
                    this.roster = this.syncBuffer;
                    this.syncBuffer = null;
                }
                this.emitParticipants();
                this.resolveSynced(true);
                break;
            case 'conference_update':
                if (data && typeof data === 'object') this.updateStatus(data);
                this.callbackSafely('onConferenceUpdate', data);
                break;
            case 'message_received':
                if (data) {
                    this.chat$.next({ ...data, self: false });
                    this.callbackSafely('onChatMessage', data);
                }
                break;
            case 'layout':
                this.layout = data;
                this.callbackSafely('onLayoutUpdate', data);
                break;
            case 'stage':
                this.stage = new Map((Array.isArray(data) ? data : []).map((entry) => [entry.participant_uuid, entry]));
                this.emitParticipants();
                this.callbackSafely('onStageUpdate', data);
                break;
            case 'presentation_start':
                this.presentation = data || {};
                this.callbackSafely('onPresentation', true, data && data.presenter_name);
                break;
            case 'presentation_stop':
                this.presentation = null;
                this.callbackSafely('onPresentation', false, null);
                break;
            case 'disconnect':
                this.disconnected = true;
                this.connected = false;
                clearTimeout(this.refreshTimer);
                if (this.eventSource) this.eventSource.close();
                this.eventSource = null;
                this.disconnectReason = (data && data.reason) || 'disconnected';
                // Out of the call, Webapp2 shows no roster: plugins see it empty.
                this.roster = new Map();
                this.stage = new Map();
                this.emitParticipants();
                this.callbackSafely('onDisconnect', this.disconnectReason);
                break;
            default:
                break;
        }
        this.events$.next({ name, data, inSync, previous });
        this.changes$.next(name);
    }

    storeParticipant(raw) {
        if (!raw || !raw.uuid) return;
        if (this.syncBuffer) {
            this.syncBuffer.set(raw.uuid, raw);
            return;
        }
        this.roster.set(raw.uuid, raw);
        this.emitParticipants();
    }

    removeParticipant(uuid) {
        if (this.syncBuffer) {
            this.syncBuffer.delete(uuid);
            return;
        }
        if (this.roster.delete(uuid)) this.emitParticipants();
    }

    emitParticipants() {
        const list = [...this.roster.values()].map((raw) => toPluginParticipant(raw, this.stage.get(raw.uuid)));
        const self = this.selfUUID ? this.roster.get(this.selfUUID) : null;
        if (this.roleOverride === null && self && (self.role === 'chair' || self.role === 'guest') && self.role !== this.role$.value) {
            this.pexrtc.role = self.role === 'chair' ? 'HOST' : 'GUEST';
            this.role$.next(self.role);
        }
        this.participants$.next(list);
    }

    updateStatus(status) {
        this.status = { ...this.status, ...status };
        this.emitDetails();
    }

    emitDetails() {
        const next = toPluginDetails(this.status, this.session);
        if (JSON.stringify(next) !== JSON.stringify(this.conferenceDetails$.value)) this.conferenceDetails$.next(next);
    }

    // ---- actions used by the shell and the plugin API ---------------------------------------------------------------

    participant(uuid) {
        const raw = this.roster.get(uuid);
        return raw ? toPluginParticipant(raw, this.stage.get(uuid)) : null;
    }

    async sendChat(text, source = 'shell') {
        const payload = String(text);
        const response = await this.request('POST', 'message', { type: 'text/plain', payload }, { source });
        // The node does not echo a message to its sender: the app shows its own copy.
        this.chat$.next({ origin: this.displayName, uuid: this.selfUUID, type: 'text/plain', payload, self: true, ok: response.ok });
        return response;
    }

    /** pexdev's mock control (POST /__pexdev/mock/conferences/<alias>/events); fails on a real node. */
    mockControl(body) {
        return this.request('POST', `/__pexdev/mock/conferences/${encodeURIComponent(this.alias)}/events`, body, {
            source: 'shell',
            auth: false,
        });
    }
}
