// pexdev's own bar above the emulated app: which conference, the platform and role to emulate (Webapp2
// filters plugins by both), every plugin's state with the reason it is not loaded, and the banners
// (branding problems, plugins that never registered or registered wrongly).

import { h, replace } from './dom.js';
import { PLATFORMS } from './config.js';
import { devState, clearBanner } from './dev-state.js';

const STATE_TEXT = { loaded: 'loaded', unloaded: 'not loaded', hidden: 'hidden', failed: 'failed', loading: 'loading' };

export class TopBar {
    /**
     * @param onPlatform `(platform) => void`
     * @param onRole `(role) => void`
     * @param onToggleDevPanel `() => void`
     */
    constructor({ root, onPlatform, onRole, onToggleDevPanel }) {
        this.platformSelect = h(
            'select',
            { 'data-testid': 'platform-select', 'aria-label': 'Platform', onchange: () => onPlatform(this.platformSelect.value) },
            PLATFORMS.map((platform) => h('option', { value: platform }, platform))
        );
        this.roleSelect = h(
            'select',
            { 'data-testid': 'role-select', 'aria-label': 'Role', onchange: () => onRole(this.roleSelect.value) },
            h('option', { value: 'chair' }, 'Host (chair)'),
            h('option', { value: 'guest' }, 'Guest')
        );
        this.session = h('span', { class: 'devbar-session', 'data-testid': 'devbar-session' });
        this.chips = h('ul', { class: 'plugin-chips', 'data-testid': 'plugin-statuses', 'aria-label': 'Plugins' });
        this.devButton = h(
            'button',
            { type: 'button', class: 'devbar-button', 'data-testid': 'dev-panel-toggle', 'aria-expanded': 'false', onclick: onToggleDevPanel },
            'Dev panel'
        );
        this.diagnosticCount = h('span', { class: 'count', 'data-testid': 'diagnostic-count', hidden: true });
        this.devButton.append(this.diagnosticCount);
        this.banners = h('div', { class: 'banners', 'data-testid': 'banners', 'aria-live': 'polite' });
        root.append(
            h(
                'header',
                { class: 'devbar', 'data-testid': 'devbar' },
                h(
                    'div',
                    { class: 'devbar-row' },
                    h('span', { class: 'devbar-brand' }, 'pexdev'),
                    this.session,
                    h('label', { class: 'devbar-field' }, 'Platform', this.platformSelect),
                    h('label', { class: 'devbar-field' }, 'Role', this.roleSelect),
                    h('span', { class: 'devbar-spacer' }),
                    this.devButton
                ),
                this.chips
            ),
            this.banners
        );
    }

    render({ alias, displayName, connected, platform, role, rolePending }) {
        this.platformSelect.value = platform;
        if (role) this.roleSelect.value = role;
        this.roleSelect.disabled = Boolean(rolePending);
        replace(
            this.session,
            h('span', { class: 'devbar-alias' }, alias),
            ` as ${displayName}`,
            connected ? null : h('span', { class: 'devbar-offline', title: 'Not joined: the roster is empty and API calls fail' }, ' · offline')
        );
        replace(
            this.chips,
            devState.plugins.map((plugin) =>
                h(
                    'li',
                    {
                        class: `plugin-chip ${plugin.state}`,
                        title: plugin.reason || `${plugin.id}: ${STATE_TEXT[plugin.state] || plugin.state}`,
                        'data-testid': 'plugin-status',
                        dataset: { pluginId: plugin.id, state: plugin.state },
                    },
                    h('span', { class: 'chip-dot', 'aria-hidden': 'true' }),
                    h('span', { class: 'chip-id' }, plugin.id),
                    h('span', { class: 'chip-state' }, plugin.reason && plugin.state !== 'loaded' ? plugin.reason : STATE_TEXT[plugin.state] || plugin.state)
                )
            )
        );
        const diagnostics = devState.diagnostics;
        const count = diagnostics && diagnostics.summary ? diagnostics.summary.errors + diagnostics.summary.warnings : 0;
        this.diagnosticCount.hidden = count === 0;
        this.diagnosticCount.textContent = String(count);
        this.diagnosticCount.className = `count${diagnostics && diagnostics.summary && diagnostics.summary.errors ? ' error' : ''}`;
        replace(
            this.banners,
            devState.banners.map((banner) =>
                h(
                    'div',
                    {
                        class: `banner ${banner.level}`,
                        role: banner.level === 'error' ? 'alert' : 'status',
                        'data-testid': 'banner',
                        dataset: { code: banner.code || '', pluginId: banner.plugin || '', key: banner.key },
                    },
                    h('span', { class: 'banner-text' }, banner.message, banner.detail ? h('span', { class: 'banner-detail' }, banner.detail) : null),
                    h('button', { type: 'button', class: 'banner-dismiss', 'aria-label': 'Dismiss', 'data-testid': 'banner-dismiss', onclick: () => clearBanner(banner.key) }, '×')
                )
            )
        );
    }

    setDevPanelOpen(open) {
        this.devButton.setAttribute('aria-expanded', String(open));
    }
}
