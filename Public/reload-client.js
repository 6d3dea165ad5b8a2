// The reload client: listens to /__pexdev/events and applies each change the way the server planned it
// (hot-swap the affected plugins, swap stylesheets, or reload everything as a production client does when
// brandingID changes), keeping the conference session whenever it can. It also keeps the brandingID trap in
// view: a persistent banner when production would not see the change, and the held-back changes in strict mode.

import { devState, note, setBanner, clearBanner, changed } from './dev-state.js';
import { addCSPViolation } from './csp-reporter.js';

const EVENTS_URL = '/__pexdev/events';

export class ReloadClient {
    /**
     * @param service the PluginService (reloadPlugin, replaceEntry).
     * @param loadBranding re-reads manifest, settings and package files (config.js).
     * @param refreshDiagnostics re-reads /__pexdev/diagnostics for the dev panel and banners.
     */
    constructor({ service, loadBranding, refreshDiagnostics = () => {} }) {
        this.service = service;
        this.loadBranding = loadBranding;
        this.refreshDiagnostics = refreshDiagnostics;
        this.bootID = null;
        this.source = null;
        devState.reloads = [];
        devState.reloadMode = null;
    }

    start() {
        if (typeof EventSource === 'undefined') return;
        this.source = new EventSource(EVENTS_URL);
        this.source.addEventListener('hello', (event) => this.hello(JSON.parse(event.data)));
        this.source.addEventListener('csp', (event) => addCSPViolation(JSON.parse(event.data)));
        this.source.addEventListener('reload', (event) => {
            this.reload(JSON.parse(event.data)).catch((error) => note('error', `reload failed: ${error.message || error}`));
        });
    }

    hello(data) {
        // A different boot id means the server restarted: everything may have changed, start over.
        if (this.bootID && data.bootID !== this.bootID) {
            location.reload();
            return;
        }
        this.bootID = data.bootID;
        devState.reloadMode = data.mode;
        this.showPending(data.pending || []);
        changed('reload');
    }

    async reload(plan) {
        const started = performance.now();
        switch (plan.kind) {
            case 'full':
                // What a production client does on its next start once brandingID changed.
                sessionStorage.setItem('pexdev:reload-started', String(Date.now()));
                location.reload();
                return;
            case 'css':
                this.swapStylesheets(plan.files);
                break;
            case 'plugins':
                await this.swapPlugins(plan);
                break;
            default:
                break;
        }
        this.showNotice(plan);
        this.showPending(plan.pending || []);
        // The server re-ran check for this change: the dev panel shows the new findings, not the old ones.
        this.refreshDiagnostics();
        const entry = { kind: plan.kind, files: plan.files, plugins: plan.plugins, ms: Math.round(performance.now() - started), time: Date.now() };
        devState.reloads.push(entry);
        note('info', `reload: ${plan.files.join(', ')} → ${plan.kind === 'plugins' ? `hot-swapped ${plan.plugins.join(', ')}` : plan.kind}`);
        performance.mark('pexdev:reloaded');
        document.dispatchEvent(new CustomEvent('pexdev:reloaded', { detail: entry }));
        changed('reload');
    }

    async swapPlugins(plan) {
        // A settings or package change can alter menus, roles or the source URL: re-read the configuration
        // first, so the plugin comes back as the files now describe it.
        const configChanged = plan.files.some((file) => file === 'settings.json' || file.endsWith('.json'));
        if (configChanged) {
            const branding = await this.loadBranding();
            for (const entry of branding.entries) this.service.replaceEntry(entry);
        }
        const swapped = plan.plugins.filter((id) => this.service.reloadPlugin(id));
        // Done when each swapped plugin has run its new source and loaded again (or failed, or stayed
        // unloaded because it is disabled or hidden): that is when the change is live.
        await Promise.all(swapped.map((id) => this.settled(id)));
    }

    settled(id, timeoutMs = 5000) {
        const deadline = performance.now() + timeoutMs;
        return new Promise((resolve) => {
            const check = () => {
                const record = this.service.byId(id);
                if (!record || record.state !== 'loading' || performance.now() > deadline) resolve();
                else setTimeout(check, 2);
            };
            check();
        });
    }

    swapStylesheets(files) {
        const stamp = Date.now();
        for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
            const url = new URL(link.href);
            const path = url.pathname.replace(/^\/webapp2\/custom_configuration\//, '');
            if (files.length && !files.includes(path) && !url.pathname.startsWith('/webapp2/custom_configuration/')) continue;
            url.searchParams.set('pexdev-reload', String(stamp));
            link.href = url.toString();
        }
    }

    showNotice(plan) {
        if (plan.productionNotice) {
            setBanner({ key: 'production-notice', level: 'warning', code: 'production-notice', message: plan.productionNotice });
        } else if (plan.brandingIDChanged) {
            clearBanner('production-notice');
        }
    }

    showPending(pending) {
        if (pending.length) {
            setBanner({
                key: 'strict-pending',
                level: 'warning',
                code: 'strict-pending',
                message: `strict mode: ${pending.length} change(s) held until brandingID changes: ${pending.join(', ')}`,
            });
        } else {
            clearBanner('strict-pending');
        }
    }
}
