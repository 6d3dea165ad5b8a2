// Settings > Plugins as Webapp2 shows it (spec/webapp2-plugins.md §8): every plugin this user may have on
// this platform and in this role, with name, description and version; a toggle when allowUnload is true.
// Switching off calls unload() and removes the plugin's items; switching on calls load() again.

import { h, replace, glyph, GLYPHS } from './dom.js';

export class SettingsPanel {
    constructor({ host, service }) {
        this.service = service;
        this.list = h('ul', { class: 'settings-plugins', 'data-testid': 'settings-plugins' });
        this.hiddenNote = h('p', { class: 'settings-note', 'data-testid': 'settings-hidden-note' });
        this.closeButton = h(
            'button',
            { type: 'button', class: 'icon-button', 'aria-label': 'Close settings', 'data-testid': 'settings-close', onclick: () => this.close() },
            glyph(GLYPHS.close)
        );
        this.element = h(
            'div',
            { class: 'settings-backdrop', hidden: true, onclick: (event) => event.target === this.element && this.close() },
            h(
                'section',
                { class: 'settings-panel', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Settings', 'data-testid': 'settings-panel' },
                h('header', { class: 'settings-header' }, h('h2', {}, 'Settings'), this.closeButton),
                h(
                    'div',
                    { class: 'settings-body' },
                    h('nav', { class: 'settings-nav' }, h('button', { type: 'button', class: 'settings-nav-item selected', 'data-testid': 'settings-nav-plugins' }, glyph(GLYPHS.plugin), 'Plugins')),
                    h('div', { class: 'settings-content' }, h('h3', {}, 'Plugins'), this.list, this.hiddenNote)
                )
            )
        );
        host.append(this.element);
        this.panel = this.element.querySelector('[data-testid="settings-panel"]');
        this.panel.dataset.open = 'false';
        document.addEventListener('keydown', (event) => {
            if (event.key === 'Escape' && this.isOpen) this.close();
        });
    }

    get isOpen() {
        return !this.element.hidden;
    }

    open() {
        this.element.hidden = false;
        this.panel.dataset.open = 'true';
        this.render();
        this.closeButton.focus();
    }

    close() {
        this.element.hidden = true;
        this.panel.dataset.open = 'false';
    }

    toggle() {
        if (this.isOpen) this.close();
        else this.open();
    }

    render() {
        if (!this.isOpen) return;
        const records = this.service.records;
        const listed = records.filter((record) => record.visible);
        replace(
            this.list,
            listed.length > 0 ? listed.map((record) => this.row(record)) : h('li', { class: 'settings-empty' }, 'No plugins are available to you.')
        );
        const hidden = records.length - listed.length;
        this.hiddenNote.textContent =
            hidden > 0 ? `${hidden} more ${hidden === 1 ? 'plugin is' : 'plugins are'} hidden for this platform or role (see the pexdev bar).` : '';
    }

    row(record) {
        const pkg = record.entry.pkg || {};
        const on = record.state === 'loaded' || record.state === 'loading';
        const allowed = Boolean(pkg.allowUnload);
        const toggle = h('input', {
            type: 'checkbox',
            role: 'switch',
            class: 'switch-input',
            'aria-label': `${pkg.name || record.id} plugin`,
            'data-testid': 'plugin-toggle',
            dataset: { pluginId: record.id },
            checked: on,
            disabled: !allowed,
            onchange: (event) => {
                if (!this.service.setWanted(record.id, event.target.checked)) event.target.checked = on;
                this.render();
            },
        });
        return h(
            'li',
            { class: `settings-plugin ${record.state}`, 'data-testid': 'settings-plugin', dataset: { pluginId: record.id, state: record.state } },
            h(
                'div',
                { class: 'settings-plugin-text' },
                h(
                    'div',
                    { class: 'settings-plugin-title' },
                    h('span', { class: 'settings-plugin-name', 'data-testid': 'settings-plugin-name' }, pkg.name || record.id),
                    pkg.version ? h('span', { class: 'settings-plugin-version', 'data-testid': 'settings-plugin-version' }, `v${pkg.version}`) : null
                ),
                h('p', { class: 'settings-plugin-description', 'data-testid': 'settings-plugin-description' }, pkg.description || ''),
                record.state === 'failed' ? h('p', { class: 'settings-plugin-problem' }, record.reason) : null,
                allowed ? null : h('p', { class: 'settings-plugin-note' }, 'This plugin cannot be unloaded (allowUnload is not true).')
            ),
            h('label', { class: 'switch' }, toggle, h('span', { class: 'switch-track', 'aria-hidden': 'true' }))
        );
    }
}
