// The conference screen around the plugins: the stage (participant tiles, layout and presentation
// notes), the floating toolbar (the shell's own buttons, then the plugins'), and the side panel with the
// roster and the chat. It only draws what the conference reports; plugins' items come from menus.js.

import { h, replace, glyph, GLYPHS } from './dom.js';
import { subscribeAsShell } from './observable.js';

function initials(name) {
    // Words that start with a letter or digit: "Dave (phone)" is "DA", not "D(".
    const words = String(name || '').split(/\s+/).filter((word) => /^[\p{L}\p{N}]/u.test(word));
    if (words.length === 0) return '?';
    const chars = (word) => Array.from(word);
    return (words.length > 1 ? chars(words[0])[0] + chars(words[words.length - 1])[0] : chars(words[0]).slice(0, 2).join('')).toUpperCase();
}

function sortRoster(list, selfUUID) {
    return [...list].sort((a, b) => {
        if (a.uuid === selfUUID) return -1;
        if (b.uuid === selfUUID) return 1;
        if (a.role !== b.role) return a.role === 'chair' ? -1 : 1;
        return a.name.localeCompare(b.name);
    });
}

export class ConferenceView {
    constructor({ root, conference, onAction }) {
        this.conference = conference;
        /** `onAction(action)`: puts the shell's own actions (chat, timeline, camera/microphone) on PEX.actions$. */
        this.onAction = onAction;
        this.tab = 'participants';
        this.timeline = [];
        this.media = { microphoneMuted: false, cameraMuted: false };
        this.build(root);
        subscribeAsShell(conference.participants$, () => this.renderParticipants());
        subscribeAsShell(conference.conferenceDetails$, () => this.renderHeader());
        subscribeAsShell(conference.changes$, () => {
            this.renderStageInfo();
            this.renderHeader();
        });
        subscribeAsShell(conference.chat$, (message) => this.addTimeline({ kind: 'chat', ...message }));
        subscribeAsShell(conference.events$, (event) => this.onEvent(event));
    }

    build(root) {
        this.toolbarPlugins = h('div', { class: 'toolbar-plugins', 'data-testid': 'toolbar-plugins' });
        this.micButton = h('button', { type: 'button', class: 'toolbar-button', 'data-testid': 'toolbar-microphone', onclick: () => this.toggleMedia('microphone') });
        this.cameraButton = h('button', { type: 'button', class: 'toolbar-button', 'data-testid': 'toolbar-camera', onclick: () => this.toggleMedia('camera') });
        const shareButton = h(
            'button',
            { type: 'button', class: 'toolbar-button', title: 'Share screen (not emulated)', 'aria-label': 'Share screen', disabled: true },
            glyph(GLYPHS.share)
        );
        this.hangupButton = h(
            'button',
            { type: 'button', class: 'toolbar-button hangup', title: 'Leave', 'aria-label': 'Leave', 'data-testid': 'toolbar-hangup', onclick: () => this.leave() },
            glyph(GLYPHS.hangup)
        );
        this.toolbar = h(
            'div',
            { class: 'floating-toolbar', role: 'toolbar', 'aria-label': 'Conference toolbar', 'data-testid': 'toolbar' },
            this.micButton,
            this.cameraButton,
            shareButton,
            this.toolbarPlugins,
            this.hangupButton
        );
        this.tiles = h('div', { class: 'tiles', 'data-testid': 'tiles' });
        this.stageInfo = h('div', { class: 'stage-info', 'data-testid': 'stage-info' });
        this.stage = h('section', { class: 'stage', 'aria-label': 'Conference', 'data-testid': 'stage' }, this.stageInfo, this.tiles, this.toolbar);

        this.title = h('h1', { class: 'sidebar-title', 'data-testid': 'conference-title' });
        this.lockBadge = h('span', { class: 'badge lock-badge', 'data-testid': 'lock-badge', hidden: true }, glyph(GLYPHS.lock), 'Locked');
        this.conferenceMenuButton = h(
            'button',
            { type: 'button', class: 'icon-button', title: 'Conference controls', 'aria-label': 'Conference controls', 'aria-haspopup': 'menu', 'data-testid': 'conference-menu-button' },
            glyph(GLYPHS.more)
        );
        this.settingsButton = h(
            'button',
            { type: 'button', class: 'icon-button', title: 'Settings', 'aria-label': 'Settings', 'data-testid': 'settings-button' },
            glyph(GLYPHS.settings)
        );
        this.participantsTab = h('button', { type: 'button', role: 'tab', class: 'tab', 'data-testid': 'tab-participants', onclick: () => this.showTab('participants') });
        this.chatTab = h('button', { type: 'button', role: 'tab', class: 'tab', 'data-testid': 'tab-chat', onclick: () => this.showTab('chat') }, 'Chat');
        this.roster = h('ul', { class: 'roster', 'data-testid': 'roster', 'aria-label': 'Participants' });
        this.chatLog = h('ol', { class: 'chat-log', 'data-testid': 'chat-log', 'aria-live': 'polite' });
        this.chatInput = h('input', { class: 'pex-text-input chat-input', type: 'text', placeholder: 'Type a message', 'aria-label': 'Chat message', 'data-testid': 'chat-input', autocomplete: 'off' });
        const chatForm = h(
            'form',
            { class: 'chat-form', 'data-testid': 'chat-form', onsubmit: (event) => this.sendChat(event) },
            this.chatInput,
            h('button', { type: 'submit', class: 'dialog-button blue-action-button chat-send', 'data-testid': 'chat-send' }, 'Send')
        );
        this.chatPanel = h('div', { class: 'chat-panel', 'data-testid': 'chat-panel', role: 'tabpanel' }, this.chatLog, chatForm);
        this.rosterPanel = h('div', { class: 'roster-panel', role: 'tabpanel' }, this.roster);
        const sidebar = h(
            'aside',
            { class: 'sidebar', 'data-testid': 'sidebar' },
            h('header', { class: 'sidebar-header' }, h('div', { class: 'sidebar-heading' }, this.title, this.lockBadge), this.conferenceMenuButton, this.settingsButton),
            h('nav', { class: 'tabs', role: 'tablist' }, this.participantsTab, this.chatTab),
            this.rosterPanel,
            this.chatPanel
        );
        root.append(h('div', { class: 'conference', 'data-testid': 'conference' }, this.stage, sidebar));
        this.renderMedia();
        this.showTab('participants');
        this.renderHeader();
        this.renderStageInfo();
        this.renderParticipants();
    }

    showTab(tab) {
        this.tab = tab;
        this.participantsTab.setAttribute('aria-selected', String(tab === 'participants'));
        this.chatTab.setAttribute('aria-selected', String(tab === 'chat'));
        this.rosterPanel.hidden = tab !== 'participants';
        this.chatPanel.hidden = tab !== 'chat';
        if (tab === 'chat') {
            this.chatTab.classList.remove('unread');
            this.chatInput.focus();
        }
    }

    renderHeader() {
        const details = this.conference.conferenceDetails$.value;
        this.title.textContent = this.conference.pexrtc.conference_name || this.conference.alias;
        this.lockBadge.hidden = !details.locked;
        this.chatInput.disabled = !details.chatEnabled;
    }

    renderStageInfo() {
        const notes = [];
        const conference = this.conference;
        if (conference.disconnected) {
            notes.push(
                h('span', { class: 'stage-note warning', 'data-testid': 'disconnected-note' }, `Disconnected: ${conference.disconnectReason || 'the call ended'}`),
                h('button', { type: 'button', class: 'dialog-button blue-action-button rejoin', 'data-testid': 'rejoin', onclick: () => window.location.reload() }, 'Rejoin')
            );
        }
        else if (!conference.connected) notes.push(h('span', { class: 'stage-note' }, 'Not connected'));
        if (conference.layout && conference.layout.view) notes.push(h('span', { class: 'stage-note', 'data-testid': 'layout-note' }, `Layout ${conference.layout.view}`));
        if (conference.presentation) {
            notes.push(h('span', { class: 'stage-note' }, glyph(GLYPHS.present), `${conference.presentation.presenter_name || 'Someone'} is presenting`));
        }
        const details = conference.conferenceDetails$.value;
        if (details.guestsMuted) notes.push(h('span', { class: 'stage-note' }, glyph(GLYPHS.micOff), 'Guests muted'));
        replace(this.stageInfo, notes);
    }

    renderParticipants() {
        const selfUUID = this.conference.selfUUID;
        const list = sortRoster(this.conference.participants$.value, selfUUID);
        this.participantsTab.textContent = `Participants (${list.length})`;
        replace(this.roster, list.map((participant) => this.rosterRow(participant, selfUUID)));
        const onStage = list.filter((participant) => participant.callType === 'video' && !participant.isStreaming);
        replace(
            this.tiles,
            onStage.length > 0
                ? onStage.map((participant) => this.tile(participant))
                : h('div', { class: 'tiles-empty' }, this.conference.connected ? 'Nobody on video yet' : 'Joining…')
        );
        this.tiles.dataset.count = String(onStage.length);
    }

    rosterRow(participant, selfUUID) {
        const isSelf = participant.uuid === selfUUID;
        const flags = [];
        if (participant.buzzTime > 0) flags.push(h('span', { class: 'flag hand', title: 'Hand raised', 'data-flag': 'hand' }, glyph(GLYPHS.hand)));
        if (participant.spotlight > 0) flags.push(h('span', { class: 'flag', title: 'Spotlight', 'data-flag': 'spotlight' }, glyph(GLYPHS.star)));
        if (participant.presenting) flags.push(h('span', { class: 'flag', title: 'Presenting', 'data-flag': 'presenting' }, glyph(GLYPHS.present)));
        if (participant.isStreaming) flags.push(h('span', { class: 'flag streaming', title: 'Streaming / recording', 'data-flag': 'streaming' }, glyph(GLYPHS.record)));
        if (participant.muted) flags.push(h('span', { class: 'flag muted', title: 'Muted', 'data-flag': 'muted' }, glyph(GLYPHS.micOff)));
        const menuButton = h(
            'button',
            {
                type: 'button',
                class: 'icon-button roster-menu-button',
                title: `Menu for ${participant.name}`,
                'aria-label': `Menu for ${participant.name}`,
                'aria-haspopup': 'menu',
                'data-testid': 'participant-menu-button',
                dataset: { uuid: participant.uuid },
            },
            glyph(GLYPHS.more)
        );
        return h(
            'li',
            {
                class: `roster-row${isSelf ? ' self' : ''}${participant.vad > 0 ? ' speaking' : ''}`,
                'data-testid': 'roster-row',
                dataset: { uuid: participant.uuid, role: participant.role },
            },
            h('span', { class: `avatar ${participant.role}` }, initials(participant.name)),
            h(
                'span',
                { class: 'roster-text' },
                h('span', { class: 'roster-name', 'data-testid': 'roster-name' }, participant.name || participant.uri || participant.uuid, isSelf ? h('span', { class: 'you' }, ' (you)') : null),
                h('span', { class: 'roster-meta' }, participant.role === 'chair' ? 'Host' : 'Guest', ` · ${participant.protocol}`)
            ),
            h('span', { class: 'roster-flags' }, flags),
            menuButton
        );
    }

    tile(participant) {
        return h(
            'div',
            {
                class: `tile${participant.vad > 0 ? ' speaking' : ''}${participant.spotlight > 0 ? ' spotlight' : ''}`,
                'data-testid': 'tile',
                dataset: { uuid: participant.uuid },
            },
            h('span', { class: 'tile-avatar' }, initials(participant.name)),
            h('span', { class: 'tile-name' }, participant.muted ? glyph(GLYPHS.micOff) : null, participant.name)
        );
    }

    // ---- chat and timeline ------------------------------------------------------------------------------------

    onEvent({ name, data, inSync, previous }) {
        if (inSync) return;
        if (name === 'participant_create' && data) {
            this.addTimeline({ kind: 'event', event: 'join', text: `${data.display_name || 'Someone'} joined`, uuid: data.uuid });
        } else if (name === 'participant_delete' && data) {
            const who = previous ? previous.display_name : 'Someone';
            this.addTimeline({ kind: 'event', event: 'leave', text: `${who} left`, uuid: data.uuid });
        } else if (name === 'disconnect') {
            this.addTimeline({ kind: 'event', event: 'disconnect', text: `Disconnected: ${(data && data.reason) || 'call ended'}` });
        }
    }

    addTimeline(entry) {
        this.timeline.push(entry);
        let item;
        if (entry.kind === 'chat') {
            item = h(
                'li',
                { class: `chat-message${entry.self ? ' self' : ''}${entry.ok === false ? ' failed' : ''}`, 'data-testid': 'chat-message', dataset: { self: String(Boolean(entry.self)) } },
                h('span', { class: 'chat-origin' }, entry.self ? 'You' : entry.origin || 'Unknown'),
                h('span', { class: 'chat-text' }, String(entry.payload ?? ''))
            );
        } else {
            // Webapp2's timeline events can be selected; SELECT_EVENT tells plugins which.
            item = h(
                'li',
                { class: 'chat-event', 'data-testid': 'timeline-event', dataset: { event: entry.event } },
                h(
                    'button',
                    {
                        type: 'button',
                        class: 'chat-event-button',
                        onclick: () => this.onAction({ type: 'select', payload: { type: entry.event, text: entry.text, uuid: entry.uuid ?? null } }),
                    },
                    entry.text
                )
            );
        }
        this.chatLog.append(item);
        this.chatLog.scrollTop = this.chatLog.scrollHeight;
        if (this.tab !== 'chat' && entry.kind === 'chat' && !entry.self) this.chatTab.classList.add('unread');
    }

    sendChat(event) {
        event.preventDefault();
        const text = this.chatInput.value.trim();
        if (!text) return;
        this.chatInput.value = '';
        this.conference.sendChat(text, 'shell');
    }

    // ---- the shell's own toolbar buttons -------------------------------------------------------------------------

    /** Applies '[Conference] Mute/Unmute Microphone/Camera' actions (plugins dispatch them). */
    applyMediaAction(type) {
        const map = {
            '[Conference] Mute Microphone': ['microphoneMuted', true],
            '[Conference] Unmute Microphone': ['microphoneMuted', false],
            '[Conference] Mute Camera': ['cameraMuted', true],
            '[Conference] Unmute Camera': ['cameraMuted', false],
        };
        if (!map[type]) return;
        const [key, value] = map[type];
        this.media[key] = value;
        this.renderMedia();
    }

    toggleMedia(kind) {
        const muted = kind === 'microphone' ? this.media.microphoneMuted : this.media.cameraMuted;
        const noun = kind === 'microphone' ? 'Microphone' : 'Camera';
        this.onAction({ type: 'media', payload: `[Conference] ${muted ? 'Unmute' : 'Mute'} ${noun}` });
    }

    renderMedia() {
        const { microphoneMuted, cameraMuted } = this.media;
        replace(this.micButton, glyph(microphoneMuted ? GLYPHS.micOff : GLYPHS.mic));
        this.micButton.title = microphoneMuted ? 'Unmute microphone' : 'Mute microphone';
        this.micButton.setAttribute('aria-pressed', String(microphoneMuted));
        replace(this.cameraButton, glyph(cameraMuted ? GLYPHS.cameraOff : GLYPHS.camera));
        this.cameraButton.title = cameraMuted ? 'Turn camera on' : 'Turn camera off';
        this.cameraButton.setAttribute('aria-pressed', String(cameraMuted));
    }

    leave() {
        this.conference.leave();
    }
}
