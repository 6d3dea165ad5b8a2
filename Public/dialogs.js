// PEX.pluginAPI.openTemplateDialog: a Webapp2-style dialog whose body is the plugin's HTML (inline styles
// and inline onclick handlers work, as in production). Returns a Promise of a dialogRef with close() and
// close$; the Promise also has subscribe(), because a published plugin uses the handle as an Observable.

import { Observable, BehaviorSubject, Subject } from './observable.js';
import { h, glyph, GLYPHS } from './dom.js';
import { note } from './dev-state.js';

// Events whose inline handlers may call the API: the dialog says which plugin they belong to.
const ATTRIBUTED_EVENTS = ['click', 'input', 'change', 'submit', 'keydown', 'keyup', 'focusin', 'mousedown'];

export class Dialogs {
    constructor({ service, host }) {
        this.service = service;
        this.host = host;
        this.open_ = [];
        this.counter = 0;
        // Capture on window: Escape closes the top dialog only, not the menu or panel beneath it too.
        window.addEventListener(
            'keydown',
            (event) => {
                if (event.key === 'Escape' && this.open_.length > 0) {
                    event.stopImmediatePropagation();
                    this.open_[this.open_.length - 1].close();
                }
            },
            true
        );
    }

    /** The dialogs on screen, oldest first. */
    get openDialogs() {
        return [...this.open_];
    }

    open(owner, { title = '', body = '' }) {
        const id = `pex-dialog-${++this.counter}`;
        const close$ = new Subject();
        close$.tracked = true;
        const viewInit$ = new BehaviorSubject(false);
        let closed = false;

        const bodyElement = h('div', { class: 'pex-dialog-body', 'data-testid': 'plugin-dialog-body' });
        // The plugin's template, as Webapp2 renders it: HTML with inline handlers (scripts do not run).
        bodyElement.innerHTML = String(body);
        const closeButton = h(
            'button',
            { type: 'button', class: 'pex-dialog-close', 'aria-label': 'Close', 'data-testid': 'plugin-dialog-close' },
            glyph(GLYPHS.close)
        );
        const titleElement = h('h2', { class: 'pex-dialog-title', id: `${id}-title`, 'data-testid': 'plugin-dialog-title' }, String(title));
        const panel = h('div', { class: 'pex-dialog' }, h('header', { class: 'pex-dialog-header' }, titleElement, closeButton), bodyElement);
        const backdrop = h(
            'div',
            {
                class: 'pex-dialog-backdrop',
                role: 'dialog',
                'aria-modal': 'true',
                'aria-labelledby': `${id}-title`,
                'data-testid': 'plugin-dialog',
                dataset: { pluginId: owner ?? '', dialogId: id },
            },
            panel
        );

        for (const type of ATTRIBUTED_EVENTS) {
            backdrop.addEventListener(type, () => this.service.setEventOwner(owner), true);
        }
        // A <form> without preventDefault would reload Webapp2; say so instead of losing the page.
        backdrop.addEventListener('submit', (event) => {
            if (!event.defaultPrevented) {
                event.preventDefault();
                note('warning', 'a form in its dialog was submitted without preventDefault(): Webapp2 would reload the page', owner);
            }
        });
        let pressedOnBackdrop = false;
        backdrop.addEventListener('mousedown', (event) => {
            pressedOnBackdrop = event.target === backdrop;
        });
        backdrop.addEventListener('click', (event) => {
            if (event.target === backdrop && pressedOnBackdrop) dialogRef.close();
        });
        closeButton.addEventListener('click', () => dialogRef.close());

        const dialogRef = {
            id,
            close: (result) => {
                if (closed) return;
                closed = true;
                backdrop.remove();
                this.open_ = this.open_.filter((ref) => ref !== dialogRef);
                close$.next(result);
                close$.complete();
            },
            close$,
            afterClosed: () => close$,
            viewInit$,
            componentInstance: {},
            get closed() {
                return closed;
            },
            element: bodyElement,
        };

        this.host.append(backdrop);
        this.open_.push(dialogRef);
        this.service.trackDialog(owner, dialogRef);
        const focusTarget = bodyElement.querySelector('[autofocus]');
        (focusTarget || closeButton).focus();

        // Resolved after the body is in the document, so `.then` can find the plugin's elements.
        const promise = Promise.resolve().then(() => {
            viewInit$.next(true);
            return dialogRef;
        });
        const asObservable = new Observable((observer) => {
            promise.then((ref) => {
                observer.next(ref);
                observer.complete();
            });
        });
        promise.subscribe = (...args) => asObservable.subscribe(...args);
        promise.viewInit$ = viewInit$;
        promise.close$ = close$;
        return promise;
    }
}
