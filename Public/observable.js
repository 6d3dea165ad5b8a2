// The small RxJS-like surface Webapp2 hands to plugins: Observable, Subject, BehaviorSubject and
// Subscription, with subscribe/next/unsubscribe and a few operators (Webapp2 ran RxJS 5, whose patched
// operators some plugins call as methods). Plugins cannot import RxJS, so nothing beyond this is needed.
//
// Every subscription records who made it. A plugin's callbacks run through `hooks.run`, so an exception
// in one subscriber is reported against that plugin and the others still get the value; shell
// subscriptions are made with `subscribeAsShell` and never attributed to a plugin.

/** Set by the plugin service; the defaults make this module usable on its own. */
export const hooks = {
    /** Who is subscribing right now: a plugin id, or null for the shell. */
    currentOwner: () => null,
    /** Runs a plugin's callback on its behalf (attributes and contains errors). */
    run: (owner, kind, fn, args) => fn(...args),
    /** Records a plugin's subscription to a shell-provided observable, so unload can close it. */
    track: (subscription, owner) => {},
};

const SHELL = null;

/** A handle on a subscription: `unsubscribe()` is idempotent, `add()` chains teardown. */
export class Subscription {
    constructor(teardown) {
        this.closed = false;
        this._teardowns = [];
        if (teardown) this.add(teardown);
    }

    add(teardown) {
        if (!teardown) return this;
        const fn = typeof teardown === 'function' ? teardown : () => teardown.unsubscribe();
        if (this.closed) fn();
        else this._teardowns.push(fn);
        return this;
    }

    unsubscribe() {
        if (this.closed) return;
        this.closed = true;
        const teardowns = this._teardowns;
        this._teardowns = [];
        for (const fn of teardowns) {
            try {
                fn();
            } catch (error) {
                console.error('pexdev: teardown failed', error);
            }
        }
    }
}

function toObserver(nextOrObserver, error, complete) {
    if (nextOrObserver && typeof nextOrObserver === 'object') {
        return {
            next: nextOrObserver.next ? (value) => nextOrObserver.next(value) : null,
            error: nextOrObserver.error ? (value) => nextOrObserver.error(value) : null,
            complete: nextOrObserver.complete ? () => nextOrObserver.complete() : null,
        };
    }
    return {
        next: typeof nextOrObserver === 'function' ? nextOrObserver : null,
        error: typeof error === 'function' ? error : null,
        complete: typeof complete === 'function' ? complete : null,
    };
}

/** Wraps an observer so its callbacks stop after unsubscribe and run as their owner. */
function guard(observer, owner, subscription) {
    const call = (kind, fn, args) => {
        if (!fn || subscription.closed) return;
        if (owner === SHELL) {
            try {
                fn(...args);
            } catch (err) {
                console.error('pexdev: shell subscriber failed', err);
            }
            return;
        }
        hooks.run(owner, kind, fn, args);
    };
    return {
        next: (value) => call('subscriber', observer.next, [value]),
        error: (err) => {
            call('subscriber', observer.error, [err]);
            subscription.unsubscribe();
        },
        complete: () => {
            call('subscriber', observer.complete, []);
            subscription.unsubscribe();
        },
    };
}

export class Observable {
    /** `producer(observer)` may return a teardown function or a Subscription. */
    constructor(producer) {
        this._producer = producer || (() => {});
        /** True for observables the shell hands out: plugin subscriptions to them are cleaned on unload. */
        this.tracked = false;
    }

    subscribe(nextOrObserver, error, complete) {
        return this._subscribeAs(hooks.currentOwner(), toObserver(nextOrObserver, error, complete));
    }

    _subscribeAs(owner, observer) {
        const subscription = new Subscription();
        const safe = guard(observer, owner, subscription);
        const teardown = this._producer(safe);
        subscription.add(teardown);
        if (owner !== SHELL && this.tracked && !subscription.closed) hooks.track(subscription, owner);
        return subscription;
    }

    /** `pipe(op1, op2)` with operators written as `source => observable`. */
    pipe(...operators) {
        return operators.reduce((source, operator) => operator(source), this);
    }

    _derive(producer) {
        const derived = new Observable(producer);
        derived.tracked = this.tracked;
        return derived;
    }

    filter(predicate) {
        return this._derive((observer) =>
            this._subscribeAs(SHELL, {
                next: (value) => {
                    if (predicate(value)) observer.next(value);
                },
                error: (err) => observer.error(err),
                complete: () => observer.complete(),
            })
        );
    }

    map(project) {
        return this._derive((observer) =>
            this._subscribeAs(SHELL, {
                next: (value) => observer.next(project(value)),
                error: (err) => observer.error(err),
                complete: () => observer.complete(),
            })
        );
    }

    take(count) {
        return this._derive((observer) => {
            if (count <= 0) {
                observer.complete();
                return undefined;
            }
            let seen = 0;
            let inner = null;
            let done = false;
            inner = this._subscribeAs(SHELL, {
                next: (value) => {
                    if (done) return;
                    seen += 1;
                    observer.next(value);
                    if (seen >= count) {
                        done = true;
                        observer.complete();
                        if (inner) inner.unsubscribe();
                    }
                },
                error: (err) => observer.error(err),
                complete: () => observer.complete(),
            });
            // A BehaviorSubject replays during subscribe, before `inner` exists.
            if (done) inner.unsubscribe();
            return inner;
        });
    }

    first() {
        return this.take(1);
    }

    /** The observable itself, as RxJS's `asObservable()` hides a subject's `next`. */
    asObservable() {
        return this._derive((observer) =>
            this._subscribeAs(SHELL, {
                next: (value) => observer.next(value),
                error: (err) => observer.error(err),
                complete: () => observer.complete(),
            })
        );
    }
}

export class Subject extends Observable {
    constructor() {
        super((observer) => {
            if (this.isStopped) {
                if (this._error !== undefined) observer.error(this._error);
                else observer.complete();
                return undefined;
            }
            this.observers.add(observer);
            return () => this.observers.delete(observer);
        });
        this.observers = new Set();
        this.isStopped = false;
        this._error = undefined;
    }

    next(value) {
        if (this.isStopped) return;
        for (const observer of [...this.observers]) observer.next(value);
    }

    error(err) {
        if (this.isStopped) return;
        this.isStopped = true;
        this._error = err;
        for (const observer of [...this.observers]) observer.error(err);
        this.observers.clear();
    }

    complete() {
        if (this.isStopped) return;
        this.isStopped = true;
        for (const observer of [...this.observers]) observer.complete();
        this.observers.clear();
    }
}

/** A subject with a current value, replayed to every new subscriber (what `createNewState` returns). */
export class BehaviorSubject extends Subject {
    constructor(initial) {
        super();
        this._value = initial;
        const subjectProducer = this._producer;
        this._producer = (observer) => {
            const teardown = subjectProducer(observer);
            if (!this.isStopped) observer.next(this._value);
            return teardown;
        };
    }

    get value() {
        return this._value;
    }

    getValue() {
        return this._value;
    }

    next(value) {
        this._value = value;
        super.next(value);
    }
}

/** The shell's own subscriptions: never attributed to a plugin, never cleaned up with one. */
export function subscribeAsShell(observable, next) {
    return observable._subscribeAs(SHELL, toObserver(next));
}

/** A view of `source` whose subscriptions always belong to `owner` (what `load()` receives). */
export function ownedView(source, owner) {
    const view = new Observable((observer) => source._subscribeAs(SHELL, observer));
    view.tracked = true;
    view.subscribe = (nextOrObserver, error, complete) =>
        view._subscribeAs(owner, toObserver(nextOrObserver, error, complete));
    return view;
}
