// pexdev's client inside the node's own Webapp2 (`pexdev serve --node URL --real-app`), added to the app's
// pages by the proxy. The real app cannot hot-swap plugins, so any change to the branding reloads the page
// (production would need a new brandingID; pexdev's terminal says so). CSP violations are forwarded at once so
// pexdev can name the plugin, file and line. Plain script, no modules: it must run in any app page.
(function () {
    'use strict';
    if (window.__pexdevNodeApp) return;
    window.__pexdevNodeApp = { reloads: 0, violations: 0 };
    var bootID = null;

    function connect() {
        var source = new EventSource('/__pexdev/events');
        source.addEventListener('hello', function (event) {
            var data = {};
            try {
                data = JSON.parse(event.data);
            } catch (error) {}
            // A new boot id means pexdev restarted: the branding may have changed while nobody watched.
            if (bootID && data.bootID && data.bootID !== bootID) location.reload();
            bootID = data.bootID || bootID;
        });
        source.addEventListener('reload', function (event) {
            window.__pexdevNodeApp.reloads += 1;
            var files = [];
            try {
                files = JSON.parse(event.data).files || [];
            } catch (error) {}
            console.info('[pexdev] ' + (files.join(', ') || 'branding') + ' changed: reloading the app');
            location.reload();
        });
    }

    document.addEventListener('securitypolicyviolation', function (event) {
        // A policy that blocks the report itself would loop; the browser's own delivery covers it.
        if (String(event.blockedURI || '').indexOf('/__pexdev/csp-report') >= 0) return;
        window.__pexdevNodeApp.violations += 1;
        var body = {
            'csp-report': {
                'document-uri': event.documentURI,
                referrer: event.referrer,
                'violated-directive': event.violatedDirective,
                'effective-directive': event.effectiveDirective,
                'original-policy': event.originalPolicy,
                disposition: event.disposition,
                'blocked-uri': event.blockedURI,
                'source-file': event.sourceFile,
                'line-number': event.lineNumber,
                'column-number': event.columnNumber,
                'status-code': event.statusCode,
                'script-sample': event.sample,
            },
        };
        fetch('/__pexdev/csp-report', {
            method: 'POST',
            headers: { 'Content-Type': 'application/csp-report' },
            body: JSON.stringify(body),
        }).catch(function () {});
    });

    connect();
})();
