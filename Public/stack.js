// Reading JavaScript stack traces, to say which plugin file and line an error or a call came from.
// Chromium writes frames as "at fn (http://host/a.js:12:5)" and Firefox as "fn@http://host/a.js:12:5";
// a URL followed by :line:column is all either needs.

const FRAME = /((?:https?|blob):\/\/[^\s()@]+?):(\d+):(\d+)/g;

/** `[{url, line, column}]`, innermost first. */
export function stackFrames(stack) {
    if (typeof stack !== 'string') return [];
    const out = [];
    for (const match of stack.matchAll(FRAME)) {
        out.push({ url: match[1], line: Number(match[2]), column: Number(match[3]) });
    }
    return out;
}

/** The URL without its query and fragment, so a cache-busted script still matches its plugin. */
export function bareURL(url) {
    return String(url || '').split(/[?#]/)[0];
}

/** The stack of the code calling into the shell right now. */
export function callerStack() {
    return new Error().stack || '';
}

/** `{name, message, stack}` from anything thrown (`throw 'text'` included). */
export function describeThrown(value) {
    if (value instanceof Error || (value && typeof value === 'object' && 'message' in value)) {
        return {
            name: String(value.name || 'Error'),
            message: String(value.message),
            stack: typeof value.stack === 'string' ? value.stack : '',
        };
    }
    let text;
    try {
        text = typeof value === 'string' ? value : JSON.stringify(value);
    } catch {
        text = String(value);
    }
    return { name: 'thrown value', message: String(text), stack: '' };
}
