// The "Oops" page Webapp2 shows when plugin code throws (it treats it as an application crash), made
// useful: which plugin, doing what, at which file:line:column, the stack, and a way to unload that plugin
// and carry on. Errors queue up; each is shown until dealt with.

import { h, replace } from './dom.js';

export class Oops {
    /** @param onUnload `(pluginId) => void`: unload the plugin after an error. */
    constructor({ host, onUnload }) {
        this.onUnload = onUnload;
        this.queue = [];
        this.element = h('div', { class: 'oops-backdrop', hidden: true });
        host.append(this.element);
    }

    show(entry) {
        this.queue.push(entry);
        this.render();
    }

    render() {
        const entry = this.queue[0];
        if (!entry) {
            this.element.hidden = true;
            replace(this.element);
            return;
        }
        const location = entry.file ? `${entry.file}${entry.line ? `:${entry.line}` : ''}${entry.column ? `:${entry.column}` : ''}` : 'unknown location';
        const name = entry.pluginName && entry.pluginName !== entry.plugin ? `${entry.pluginName} (${entry.plugin})` : entry.plugin;
        const unload = h(
            'button',
            { type: 'button', class: 'dialog-button red-action-button', 'data-testid': 'oops-unload', onclick: () => this.unload(entry.plugin) },
            `Unload ${entry.pluginName || entry.plugin} and continue`
        );
        replace(
            this.element,
            h(
                'section',
                { class: 'oops', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'oops-title', 'data-testid': 'oops', dataset: { pluginId: entry.plugin, kind: entry.kind } },
                h('h2', { id: 'oops-title', class: 'oops-title' }, 'Oops! A plugin crashed'),
                h(
                    'p',
                    { class: 'oops-summary' },
                    'Plugin ',
                    h('strong', { 'data-testid': 'oops-plugin' }, name),
                    ` threw ${entry.kindText}. Webapp2 would show its Oops page and stop here; the other plugins keep working.`
                ),
                h('p', { class: 'oops-message', 'data-testid': 'oops-message' }, `${entry.name}: ${entry.message}`),
                h(
                    'p',
                    { class: 'oops-location' },
                    'at ',
                    entry.url && !entry.inline
                        ? h('a', { href: entry.url, target: '_blank', rel: 'noopener', 'data-testid': 'oops-location' }, location)
                        : h('span', { 'data-testid': 'oops-location' }, location)
                ),
                entry.stack ? h('pre', { class: 'oops-stack', 'data-testid': 'oops-stack' }, entry.stack) : null,
                this.queue.length > 1 ? h('p', { class: 'oops-count', 'data-testid': 'oops-count' }, `1 of ${this.queue.length} errors`) : null,
                h(
                    'div',
                    { class: 'buttons oops-buttons' },
                    unload,
                    h('button', { type: 'button', class: 'dialog-button blue-action-button', 'data-testid': 'oops-dismiss', onclick: () => this.dismiss() }, 'Keep it loaded'),
                    h('button', { type: 'button', class: 'dialog-button', 'data-testid': 'oops-reload', onclick: () => window.location.reload() }, 'Reload the app')
                )
            )
        );
        this.element.hidden = false;
        unload.focus();
    }

    dismiss() {
        this.queue.shift();
        this.render();
    }

    unload(pluginId) {
        this.queue = this.queue.filter((entry) => entry.plugin !== pluginId);
        this.onUnload(pluginId);
        this.render();
    }
}
