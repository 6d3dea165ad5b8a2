// pexdev's client inside the node's own Webapp2 (`pexdev serve --node URL --real-app`), added to the app's
// pages by the proxy as a module from /__pexdev/. The real app cannot hot-swap plugins, so any change to the
// branding reloads the page (production would need a new brandingID; pexdev's terminal says so). CSP
// violations are forwarded at once so pexdev can name the plugin, file and line.
import { isAboutTheReportEndpoint, sendCSPReport } from './csp-report-body.js';

if (!window.__pexdevNodeApp) {
    window.__pexdevNodeApp = { reloads: 0, violations: 0 };
    let bootID = null;

    const source = new EventSource('/__pexdev/events');
    source.addEventListener('hello', (event) => {
        let data = {};
        try {
            data = JSON.parse(event.data);
        } catch {}
        // A new boot id means pexdev restarted: the branding may have changed while nobody watched.
        if (bootID && data.bootID && data.bootID !== bootID) location.reload();
        bootID = data.bootID || bootID;
    });
    source.addEventListener('reload', (event) => {
        window.__pexdevNodeApp.reloads += 1;
        let files = [];
        try {
            files = JSON.parse(event.data).files || [];
        } catch {}
        console.info(`[pexdev] ${files.join(', ') || 'branding'} changed: reloading the app`);
        location.reload();
    });

    document.addEventListener('securitypolicyviolation', (event) => {
        if (isAboutTheReportEndpoint(event)) return;
        window.__pexdevNodeApp.violations += 1;
        sendCSPReport(event);
    });
}
