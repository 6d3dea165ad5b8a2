// pexdev's dev panel: the server's check findings (/__pexdev/diagnostics), the plugins with the reason
// each is or is not loaded, the client API requests and plugin API calls made, the actions on PEX.actions$,
// a log, and controls for the mock node (add people, chat as them, raise hands) to drive plugins.

import { h, replace } from './dom.js';
import { devState, devChanges$ } from './dev-state.js';
import { subscribeAsShell } from './observable.js';
import { findingWhere } from './config.js';

const TABS = [
    ['diagnostics', 'Diagnostics'],
    ['plugins', 'Plugins'],
    ['requests', 'Requests'],
    ['calls', 'API calls'],
    ['actions', 'Actions'],
    ['csp', 'CSP'],
    ['log', 'Log'],
    ['mock', 'Mock'],
];

function time(ms) {
    return `${(ms / 1000).toFixed(3)} s`;
}

function json(value) {
    if (value === null || value === undefined) return '';
    const text = JSON.stringify(value);
    return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export class DevPanel {
    /**
     * @param onRefreshDiagnostics `() => Promise` re-reads /__pexdev/diagnostics
     * @param mock `(body) => Promise<{ok, status, result}>` posts a mock control body
     */
    constructor({ host, conference, onRefreshDiagnostics, mock }) {
        this.conference = conference;
        this.onRefreshDiagnostics = onRefreshDiagnostics;
        this.mock = mock;
        this.tab = 'diagnostics';
        this.scheduled = false;
        this.tabButtons = new Map();
        const tabs = h(
            'nav',
            { class: 'dev-tabs', role: 'tablist' },
            TABS.map(([key, label]) => {
                const button = h('button', { type: 'button', role: 'tab', class: 'dev-tab', 'data-testid': `dev-tab-${key}`, onclick: () => this.show(key) }, label);
                this.tabButtons.set(key, button);
                return button;
            })
        );
        this.content = h('div', { class: 'dev-content', role: 'tabpanel', 'data-testid': 'dev-content' });
        this.element = h('section', { class: 'dev-panel', hidden: true, 'aria-label': 'pexdev dev panel', 'data-testid': 'dev-panel', dataset: { open: 'false' } }, tabs, this.content);
        host.append(this.element);
        subscribeAsShell(devChanges$, () => this.schedule());
        subscribeAsShell(conference.participants$, () => this.tab === 'mock' && this.schedule());
    }

    get isOpen() {
        return !this.element.hidden;
    }

    toggle(open = !this.isOpen) {
        this.element.hidden = !open;
        this.element.dataset.open = String(open);
        if (open) this.render();
        return open;
    }

    show(tab) {
        this.tab = tab;
        this.toggle(true);
    }

    schedule() {
        if (!this.isOpen || this.scheduled) return;
        this.scheduled = true;
        requestAnimationFrame(() => {
            this.scheduled = false;
            // Re-rendering the mock form would wipe what is being typed.
            if (this.tab === 'mock' && this.content.contains(document.activeElement)) return;
            this.render();
        });
    }

    render() {
        for (const [key, button] of this.tabButtons) button.setAttribute('aria-selected', String(key === this.tab));
        const summary = devState.diagnostics && devState.diagnostics.summary;
        const diagnosticsButton = this.tabButtons.get('diagnostics');
        const cspCount = (devState.csp || []).length;
        this.tabButtons.get('csp').textContent = cspCount ? `CSP (${cspCount})` : 'CSP';
        diagnosticsButton.textContent = summary ? `Diagnostics (${summary.errors + summary.warnings + summary.notices})` : 'Diagnostics';
        const renderers = {
            diagnostics: () => this.diagnostics(),
            plugins: () => this.plugins(),
            requests: () => this.table(['time', 'source', 'method', 'path', 'status', 'body', 'result'], devState.requests.slice().reverse(), (entry) => [
                time(entry.time),
                entry.source,
                entry.method,
                entry.path,
                String(entry.status),
                json(entry.body),
                json(entry.result),
            ], (entry) => (entry.ok ? '' : 'bad')),
            calls: () => this.table(['time', 'plugin', 'method', 'arguments'], devState.calls.slice().reverse(), (entry) => [time(entry.time), entry.plugin ?? '?', entry.method, json(entry.args)]),
            actions: () => this.table(['time', 'type', 'payload'], devState.actions.slice().reverse(), (entry) => [time(entry.time), entry.type, json(entry.payload)]),
            csp: () => this.table(['time', 'plugin', 'where', 'blocked', 'allow it with'], (devState.csp || []).slice().reverse(), (entry) => [
                time(entry.time),
                entry.plugin ?? '',
                entry.file ? `${entry.file}${entry.line ? `:${entry.line}${entry.column ? `:${entry.column}` : ''}` : ''}` : '',
                `${entry.disposition === 'report' ? 'would block (report-only) ' : ''}${entry.directive} ${entry.blockedURL}${entry.policy && entry.policy !== 'node' ? ` (${entry.policy} policy)` : ''}`,
                entry.suggestion ?? '',
            ], () => 'csp-violation'),
            log: () => this.table(['time', 'level', 'plugin', 'message'], devState.notes.slice().reverse(), (entry) => [time(entry.time), entry.level, entry.plugin ?? '', entry.message], (entry) => entry.level),
            mock: () => this.mockControls(),
        };
        replace(this.content, renderers[this.tab]());
    }

    table(headers, rows, cells, rowClass = () => '') {
        if (rows.length === 0) return h('p', { class: 'dev-empty' }, 'Nothing yet.');
        return h(
            'table',
            { class: 'dev-table' },
            h('thead', {}, h('tr', {}, headers.map((header) => h('th', {}, header)))),
            h('tbody', {}, rows.slice(0, 300).map((row) => h('tr', { class: rowClass(row) }, cells(row).map((cell) => h('td', {}, cell)))))
        );
    }

    diagnostics() {
        const payload = devState.diagnostics;
        const refresh = h('button', { type: 'button', class: 'devbar-button', 'data-testid': 'diagnostics-refresh', onclick: () => this.onRefreshDiagnostics() }, 'Check again');
        if (!payload) {
            return [h('p', { class: 'dev-empty' }, 'No diagnostics: /__pexdev/diagnostics did not answer.'), refresh];
        }
        const { summary } = payload;
        const head = h(
            'p',
            { class: 'dev-summary', 'data-testid': 'diagnostics-summary' },
            `${summary.errors} errors, ${summary.warnings} warnings, ${summary.notices} notices in ${summary.plugins} plugins (${summary.files} files) — ${payload.root} `,
            refresh
        );
        const rows = payload.diagnostics.map((finding) =>
            h(
                'li',
                { class: `diagnostic ${finding.severity}`, 'data-testid': 'diagnostic', dataset: { code: finding.code, severity: finding.severity } },
                h('span', { class: 'diagnostic-severity' }, finding.severity),
                h('span', { class: 'diagnostic-code' }, finding.code),
                h('span', { class: 'diagnostic-where' }, findingWhere(finding)),
                h('span', { class: 'diagnostic-message' }, finding.message),
                finding.hint ? h('span', { class: 'diagnostic-hint' }, `hint: ${finding.hint}`) : null
            )
        );
        return [head, rows.length ? h('ul', { class: 'diagnostics' }, rows) : h('p', { class: 'dev-empty' }, 'No problems found.')];
    }

    plugins() {
        return this.table(['plugin', 'state', 'reason', 'placement', 'source'], devState.plugins, (plugin) => [
            plugin.id,
            plugin.state,
            plugin.reason ?? '',
            plugin.placement ?? '(no menu items)',
            plugin.source ?? '',
        ], (plugin) => plugin.state);
    }

    mockControls() {
        const people = this.conference.participants$.value;
        const who = () =>
            h('select', { class: 'dev-select' }, people.map((participant) => h('option', { value: participant.uuid }, participant.name || participant.uuid)));
        const result = h('p', { class: 'dev-result', 'data-testid': 'mock-result' });
        const send = async (body) => {
            const response = await this.mock(body);
            // The mock answers {"done": …} or {"error": …}.
            const answer = response.body && (response.body.done || response.body.error);
            result.textContent = `${response.ok ? 'done' : `failed (${response.status})`}: ${answer || json(response.body)}`;
        };
        const joinName = h('input', { class: 'pex-text-input dev-input', value: 'Guest', 'aria-label': 'Name' });
        const joinRole = h('select', { class: 'dev-select' }, h('option', { value: 'guest' }, 'Guest'), h('option', { value: 'chair' }, 'Host'));
        const chatFrom = who();
        const chatText = h('input', { class: 'pex-text-input dev-input', value: '!help', 'aria-label': 'Message' });
        const target = who();
        return [
            h('p', { class: 'dev-note' }, 'Changes the mock conference (POST /__pexdev/mock/…); a real node does not answer these.'),
            h('div', { class: 'dev-row' }, 'Join ', joinName, ' as ', joinRole, ' ', h('button', { type: 'button', class: 'devbar-button', 'data-testid': 'mock-join', onclick: () => send({ join: { display_name: joinName.value, role: joinRole.value } }) }, 'Join')),
            h('div', { class: 'dev-row' }, 'Chat from ', chatFrom, ' ', chatText, ' ', h('button', { type: 'button', class: 'devbar-button', 'data-testid': 'mock-chat', onclick: () => send({ chat: { from: chatFrom.value, text: chatText.value } }) }, 'Send')),
            h(
                'div',
                { class: 'dev-row' },
                target,
                ' ',
                ['raise_hand', 'mute', 'start_presenting', 'leave'].map((action) =>
                    h('button', { type: 'button', class: 'devbar-button', dataset: { mock: action }, onclick: () => send({ [action]: { participant: target.value } }) }, action.replace('_', ' '))
                )
            ),
            h('div', { class: 'dev-row' }, h('button', { type: 'button', class: 'devbar-button', onclick: () => send({ lock: {} }) }, 'lock meeting')),
            result,
        ];
    }
}
