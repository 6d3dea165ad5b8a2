// A tiny element builder: the shell writes its own DOM with text nodes, never with HTML strings, so
// names and messages from plugins or the node cannot inject markup. (Plugin dialog bodies are HTML on
// purpose: that is the API.)

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * `h('button', {class: 'x', dataset: {pluginId: 'a'}, onclick: fn}, 'text', child)`.
 * Attributes: `class`, `dataset`, `style` (object), `on<event>` (listener), booleans, anything else as attribute.
 */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    applyAttributes(element, attributes);
    append(element, children);
    return element;
}

function applyAttributes(element, attributes) {
    for (const [key, value] of Object.entries(attributes || {})) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') element.className = value;
        else if (key === 'dataset') Object.assign(element.dataset, value);
        else if (key === 'style' && typeof value === 'object') Object.assign(element.style, value);
        else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
        else if (value === true) element.setAttribute(key, '');
        else element.setAttribute(key, String(value));
    }
}

export function append(element, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
}

/** Replaces an element's children. */
export function replace(element, ...children) {
    element.replaceChildren();
    return append(element, children);
}

/** Inline SVG from path data (the shell's own glyphs). */
export function glyph(pathData, className = 'glyph') {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('class', className);
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', pathData);
    svg.append(path);
    return svg;
}

/**
 * A plugin icon as Webapp2 draws it: `file.svg#id` through an SVG <use> (so `currentColor` follows the
 * button), anything else as an image. Null when there is no icon.
 */
export function pluginIcon(iconURL, className = 'plugin-icon') {
    if (!iconURL) return null;
    const url = new URL(iconURL);
    if (url.hash && url.pathname.toLowerCase().endsWith('.svg')) {
        const svg = document.createElementNS(SVG_NS, 'svg');
        svg.setAttribute('class', className);
        svg.setAttribute('aria-hidden', 'true');
        svg.setAttribute('width', '24');
        svg.setAttribute('height', '24');
        const use = document.createElementNS(SVG_NS, 'use');
        use.setAttribute('href', url.href);
        use.setAttribute('width', '24');
        use.setAttribute('height', '24');
        svg.append(use);
        return svg;
    }
    return h('img', { class: className, src: url.href, alt: '', width: 24, height: 24 });
}

/** Material-style glyph paths used by the shell. */
export const GLYPHS = {
    mic: 'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11h-2z',
    micOff: 'M19 11h-1.7c0 .74-.16 1.43-.43 2.05l1.23 1.23A6.9 6.9 0 0 0 19 11zm-4.02.17L9 5.18V5a3 3 0 0 1 6 0v6c0 .06-.01.11-.02.17zM4.27 3 3 4.27l6 6V11a3 3 0 0 0 4.5 2.6l1.66 1.66A5 5 0 0 1 7 11H5a7 7 0 0 0 6 6.9V21h2v-3.1a6.9 6.9 0 0 0 2.54-.9L19.73 21 21 19.73 4.27 3z',
    camera: 'M17 10.5V7a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3.5l4 4v-11l-4 4z',
    cameraOff: 'M21 6.5l-4 4V7a1 1 0 0 0-1-1H9.82L21 17.18V6.5zM3.27 2 2 3.27 4.73 6H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12c.21 0 .39-.08.54-.18L19.73 21 21 19.73 3.27 2z',
    share: 'M20 18a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2H0v2h24v-2h-4zM13 14.5V12c-3 0-5 1-6.5 3 .5-3 2.5-6 6.5-6.5V7l4 3.7-4 3.8z',
    hangup: 'M12 9c-1.6 0-3.15.25-4.6.72v3.1c0 .39-.23.74-.56.9-.98.49-1.87 1.12-2.66 1.85a1 1 0 0 1-1.41-.02L.29 13.08a1 1 0 0 1 0-1.41C3.34 8.78 7.46 7 12 7s8.66 1.78 11.71 4.67a1 1 0 0 1 0 1.41l-2.48 2.48a1 1 0 0 1-1.41.02 11.3 11.3 0 0 0-2.67-1.85 1 1 0 0 1-.56-.9v-3.1A15 15 0 0 0 12 9z',
    more: 'M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 2a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm0 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
    settings: 'M19.14 12.94a7.1 7.1 0 0 0 0-1.88l2.03-1.58a.5.5 0 0 0 .12-.64l-1.92-3.32a.5.5 0 0 0-.61-.22l-2.39.96a7 7 0 0 0-1.62-.94l-.36-2.54A.5.5 0 0 0 13.9 2.4h-3.84a.5.5 0 0 0-.49.42l-.36 2.54a7.3 7.3 0 0 0-1.62.94l-2.39-.96a.5.5 0 0 0-.61.22L2.67 8.88a.5.5 0 0 0 .12.64l2.03 1.58a7.3 7.3 0 0 0 0 1.88l-2.03 1.58a.5.5 0 0 0-.12.64l1.92 3.32c.12.22.38.3.61.22l2.39-.96c.5.38 1.04.7 1.62.94l.36 2.54c.05.24.26.42.49.42h3.84c.25 0 .45-.18.49-.42l.36-2.54a7.3 7.3 0 0 0 1.62-.94l2.39.96c.23.09.49 0 .61-.22l1.92-3.32a.5.5 0 0 0-.12-.64l-2.03-1.58zM12 15.6a3.6 3.6 0 1 1 0-7.2 3.6 3.6 0 0 1 0 7.2z',
    plugin: 'M20.5 11H19V7a2 2 0 0 0-2-2h-4V3.5a2.5 2.5 0 0 0-5 0V5H4a2 2 0 0 0-2 2v3.8h1.5a2.7 2.7 0 0 1 0 5.4H2V20a2 2 0 0 0 2 2h3.8v-1.5a2.7 2.7 0 0 1 5.4 0V22H17a2 2 0 0 0 2-2v-4h1.5a2.5 2.5 0 0 0 0-5z',
    lock: 'M18 8h-1V6A5 5 0 0 0 7 6v2H6a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V10a2 2 0 0 0-2-2zm-6 9a2 2 0 1 1 0-4 2 2 0 0 1 0 4zm3.1-9H8.9V6a3.1 3.1 0 0 1 6.2 0v2z',
    hand: 'M21 7a1.5 1.5 0 0 0-3 0v5h-1V4a1.5 1.5 0 0 0-3 0v8h-1V2.5a1.5 1.5 0 0 0-3 0V12H9V5.5a1.5 1.5 0 0 0-3 0v9.3l-2.3-2.2a1.5 1.5 0 0 0-2.1 2.1L7 20.3A6 6 0 0 0 11.3 22H15a6 6 0 0 0 6-6V7z',
    star: 'M12 17.27 18.18 21l-1.64-7.03L22 9.24l-7.19-.61L12 2 9.19 8.63 2 9.24l5.46 4.73L5.82 21z',
    present: 'M21 3H3a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h5v2h8v-2h5a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2zm0 14H3V5h18v12z',
    close: 'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z',
    record: 'M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10z',
};
