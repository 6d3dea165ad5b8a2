// Content-Security-Policy violations, made visible (spec §9). The page forwards every
// `securitypolicyviolation` event to pexdev at once (browsers batch their own report-to deliveries for up
// to a minute; pexdev drops the duplicate when it arrives), and the server answers (in the POST's reply, and
// on the event stream as a `csp` event for every open shell): the violation attributed to a plugin, file and line, with the directive that would
// allow it. Those land in `__pexdev.csp` for the dev panel's CSP tab. Everything shown is text.

import { devState, note, changed } from './dev-state.js';
import { isAboutTheReportEndpoint, sendCSPReport } from './csp-report-body.js';

const LIMIT = 200;

devState.csp = [];
// Ids already shown: a violation arrives both in the POST's answer and on the event stream.
const seen = new Set();

function forward(event) {
    if (isAboutTheReportEndpoint(event)) return;
    sendCSPReport(event).then((answer) => {
        for (const violation of (answer && answer.violations) || []) addCSPViolation(violation);
    });
}

export function installCSPReporter() {
    document.addEventListener('securitypolicyviolation', forward);
}

/** A `csp` event from the server: `{plugin, file, line, column, directive, blockedURL, disposition, policy, suggestion, message}`. */
export function addCSPViolation(data) {
    if (!data || typeof data !== 'object' || seen.has(data.id)) return;
    seen.add(data.id);
    const entry = {
        plugin: typeof data.plugin === 'string' ? data.plugin : null,
        file: typeof data.file === 'string' ? data.file : null,
        line: Number.isInteger(data.line) ? data.line : null,
        column: Number.isInteger(data.column) ? data.column : null,
        directive: String(data.directive ?? ''),
        blockedURL: String(data.blockedURL ?? ''),
        disposition: String(data.disposition ?? 'enforce'),
        policy: typeof data.policy === 'string' ? data.policy : null,
        suggestion: typeof data.suggestion === 'string' ? data.suggestion : null,
        message: String(data.message ?? ''),
        time: Math.round(performance.now()),
    };
    devState.csp.push(entry);
    if (devState.csp.length > LIMIT) devState.csp.splice(0, devState.csp.length - LIMIT);
    note(entry.disposition === 'report' ? 'info' : 'warning', entry.message, entry.plugin);
    changed(devState.csp);
}
