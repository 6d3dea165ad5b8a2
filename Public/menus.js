// Where plugin menu items live (spec/webapp2-plugins.md §4): toolbar buttons in the floating conference
// toolbar (label = hover tip), items in the conference control menu, items in each participant's context
// menu. Each action gets the arguments for its placement: toolbar → (participants, conferenceDetails),
// conference menu → (conferenceDetails), participant menu → (participant). state$ values replace the icon
// and label; a participant menu's state may carry per-uuid entries.

import { h, replace, glyph, pluginIcon, GLYPHS } from './dom.js';

export class Menus {
    /**
     * @param toolbarSlot where plugin toolbar buttons go (inside the floating toolbar)
     * @param popupHost where popup menus are attached
     */
    constructor({ service, conference, toolbarSlot, popupHost }) {
        this.service = service;
        this.conference = conference;
        this.toolbarSlot = toolbarSlot;
        this.popupHost = popupHost;
        this.openMenu = null;
        document.addEventListener('mousedown', (event) => {
            if (this.openMenu && !this.openMenu.element.contains(event.target) && !this.openMenu.anchor.contains(event.target)) {
                this.close();
            }
        });
        document.addEventListener('keydown', (event) => {
            if (event.key === 'Escape') this.close();
        });
    }

    /** Re-draws the toolbar and any open menu (plugin loaded/unloaded, state$ changed, roster changed). */
    render() {
        this.renderToolbar();
        this.renderOpenMenu();
    }

    renderOpenMenu() {
        if (this.openMenu) this.openMenu.render();
    }

    renderToolbar() {
        const entries = this.service.menuEntries('toolbar').map((entry) => ({ ...entry, ...this.service.effectiveItem(entry.record, entry.item) }));
        // Unchanged buttons stay: re-creating an SVG <use> would fetch its file again.
        const key = JSON.stringify(entries.map(({ record, index, iconURL, label }) => [record.id, index, iconURL, label]));
        if (key === this.toolbarKey) return;
        this.toolbarKey = key;
        const buttons = entries.map(({ record, index, iconURL, label }) => {
            const text = label ?? '';
            return h(
                'button',
                {
                    type: 'button',
                    class: 'toolbar-button plugin-toolbar-button',
                    'aria-label': text || record.id,
                    'data-testid': 'toolbar-plugin-button',
                    dataset: { pluginId: record.id, itemIndex: String(index), label: text },
                    onclick: () => this.service.invoke(record, index, [this.conference.participants$.value, this.conference.conferenceDetails$.value]),
                },
                pluginIcon(iconURL) || glyph(GLYPHS.plugin),
                h('span', { class: 'toolbar-tip', role: 'tooltip' }, text)
            );
        });
        replace(this.toolbarSlot, buttons);
        this.toolbarSlot.hidden = buttons.length === 0;
    }

    close() {
        if (!this.openMenu) return;
        this.openMenu.element.remove();
        this.openMenu.anchor.setAttribute('aria-expanded', 'false');
        this.openMenu = null;
    }

    /** Opens (or closes, if open) a popup under `anchor` whose items come from `build()`. */
    toggle(anchor, key, build, attributes) {
        if (this.openMenu && this.openMenu.key === key) {
            this.close();
            return;
        }
        this.close();
        const element = h('div', { class: 'popup-menu', role: 'menu', ...attributes });
        const menu = {
            key,
            anchor,
            element,
            render: () => {
                const items = build();
                replace(element, items.length > 0 ? items : h('div', { class: 'popup-empty' }, 'No items'));
            },
        };
        menu.render();
        this.popupHost.append(element);
        this.position(element, anchor);
        anchor.setAttribute('aria-expanded', 'true');
        this.openMenu = menu;
    }

    position(element, anchor) {
        const box = anchor.getBoundingClientRect();
        const width = element.offsetWidth;
        const left = Math.max(8, Math.min(box.right - width, window.innerWidth - width - 8));
        let top = box.bottom + 4;
        if (top + element.offsetHeight > window.innerHeight - 8) top = Math.max(8, box.top - element.offsetHeight - 4);
        element.style.left = `${left}px`;
        element.style.top = `${top}px`;
    }

    menuItem({ icon, label, testid, dataset, onSelect, danger = false }) {
        return h(
            'button',
            {
                type: 'button',
                role: 'menuitem',
                class: `popup-item${danger ? ' danger' : ''}`,
                'data-testid': testid,
                dataset,
                onclick: () => {
                    this.close();
                    onSelect();
                },
            },
            h('span', { class: 'popup-item-icon' }, icon),
            h('span', { class: 'popup-item-label' }, label)
        );
    }

    pluginItems(placement, argsFor, uuid = null) {
        return this.service.menuEntries(placement).map(({ record, item, index }) => {
            const { iconURL, label } = this.service.effectiveItem(record, item, uuid);
            const dataset = { pluginId: record.id, itemIndex: String(index) };
            if (uuid) dataset.uuid = uuid;
            return this.menuItem({
                icon: pluginIcon(iconURL),
                label: label ?? `(${record.id}: no label)`,
                testid: placement === 'conference' ? 'conference-menu-item' : 'participant-menu-item',
                dataset,
                onSelect: () => this.service.invoke(record, index, argsFor()),
            });
        });
    }

    /** The conference control menu: the shell's own Host controls, then the plugins' items. */
    toggleConferenceMenu(anchor) {
        this.toggle(
            anchor,
            'conference',
            () => {
                const details = this.conference.conferenceDetails$.value;
                const builtins = [];
                if (this.conference.role === 'chair') {
                    builtins.push(
                        this.menuItem({
                            icon: glyph(GLYPHS.lock),
                            label: details.locked ? 'Unlock meeting' : 'Lock meeting',
                            testid: 'conference-menu-builtin',
                            dataset: { builtin: 'lock' },
                            onSelect: () => this.conference.request('POST', details.locked ? 'unlock' : 'lock'),
                        }),
                        this.menuItem({
                            icon: glyph(GLYPHS.micOff),
                            label: details.guestsMuted ? 'Unmute all Guests' : 'Mute all Guests',
                            testid: 'conference-menu-builtin',
                            dataset: { builtin: 'muteguests' },
                            onSelect: () => this.conference.request('POST', details.guestsMuted ? 'unmuteguests' : 'muteguests'),
                        })
                    );
                }
                const plugins = this.pluginItems('conference', () => [this.conference.conferenceDetails$.value]);
                if (builtins.length && plugins.length) builtins.push(h('div', { class: 'popup-separator', role: 'separator' }));
                return [...builtins, ...plugins];
            },
            { 'data-testid': 'conference-menu', 'aria-label': 'Conference controls' }
        );
    }

    /** A participant's context menu in the roster. */
    toggleParticipantMenu(anchor, uuid) {
        this.toggle(
            anchor,
            `participant:${uuid}`,
            () => {
                const participant = this.conference.participant(uuid);
                if (!participant) return [h('div', { class: 'popup-empty' }, 'This participant has left')];
                const builtins = [];
                if (this.conference.role === 'chair') {
                    builtins.push(
                        this.menuItem({
                            icon: glyph(participant.muted ? GLYPHS.mic : GLYPHS.micOff),
                            label: participant.muted ? 'Unmute' : 'Mute',
                            testid: 'participant-menu-builtin',
                            dataset: { builtin: 'mute', uuid },
                            onSelect: () => this.conference.request('POST', `participants/${uuid}/${participant.muted ? 'unmute' : 'mute'}`),
                        }),
                        this.menuItem({
                            icon: glyph(GLYPHS.hangup),
                            label: 'Disconnect',
                            testid: 'participant-menu-builtin',
                            dataset: { builtin: 'disconnect', uuid },
                            danger: true,
                            onSelect: () => this.conference.request('POST', `participants/${uuid}/disconnect`),
                        })
                    );
                }
                // The participant as it is when the item is chosen, not when the menu opened.
                const plugins = this.pluginItems('participants', () => [this.conference.participant(uuid) || participant], uuid);
                if (builtins.length && plugins.length) builtins.push(h('div', { class: 'popup-separator', role: 'separator' }));
                return [...builtins, ...plugins];
            },
            { 'data-testid': 'participant-menu', 'aria-label': 'Participant menu', dataset: { uuid } }
        );
    }
}
