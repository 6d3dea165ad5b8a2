// One CSP violation event as the `application/csp-report` body pexdev's /__pexdev/csp-report takes. Shared by
// the shell (csp-reporter.js) and the script added to the node's real app (node-app.js).

export const REPORT_URL = '/__pexdev/csp-report';

/** True for a violation of the report endpoint itself: reporting it would loop (the browser's own delivery covers it). */
export function isAboutTheReportEndpoint(event) {
    return String(event.blockedURI || '').includes(REPORT_URL);
}

export function cspReportBody(event) {
    return {
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
}

/** POSTs the violation; resolves to the server's answer (`{violations: […]}`) or null. Never rejects. */
export function sendCSPReport(event) {
    return fetch(REPORT_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/csp-report' },
        body: JSON.stringify(cspReportBody(event)),
    })
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null);
}
