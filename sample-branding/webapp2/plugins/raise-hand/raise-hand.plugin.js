/*
 * Raise hand: a toolbar button that raises or lowers your own hand.
 *
 * The sample plugin shipped with pexdev. It shows what most plugins need: a
 * label that changes at run time (state$), a subscription released on unload,
 * a client REST API call through sendRequest, and a dialog.
 *
 * Webapp2 injects plugins as classic <script> elements, not modules, so the
 * whole body sits in an IIFE: nothing here becomes a global of the app.
 */
(function () {
    'use strict';

    // Must match the id in settings.json and in raise-hand.plugin.json.
    const PLUGIN_ID = 'raise-hand-1.0';
    const ICON = 'assets/hand.svg#hand';

    // The package file's label is only the starting point: state$ overrides it, so
    // the toolbar tip always says what a click will do.
    const state$ = PEX.pluginAPI.createNewState({ icon: ICON, label: 'Raise hand' });

    let participantsSubscription = null;

    // PEX.selfUUID is not in the documented API, but Pexip's own plugins use it.
    // It stays unset until the app has joined the conference.
    function findSelf(participants) {
        const selfUUID = window.PEX.selfUUID;
        if (!selfUUID || !participants) {
            return null;
        }
        return participants.find((participant) => participant.uuid === selfUUID) || null;
    }

    function isRaised(participant) {
        // buzzTime is when the hand went up; 0 means it is down.
        return participant.buzzTime > 0;
    }

    function showHand(raised) {
        state$.next({ icon: ICON, label: raised ? 'Lower hand' : 'Raise hand' });
    }

    function load(participants$, conferenceDetails$) {
        // Follow the roster rather than our own clicks: a host can lower everyone's
        // hand, and the button must not keep offering "Lower hand" afterwards.
        participantsSubscription = participants$.subscribe((participants) => {
            const self = findSelf(participants);
            if (self) {
                showHand(isRaised(self));
            }
        });
    }

    function unload() {
        // The app keeps participants$ alive after a plugin is unloaded; a forgotten
        // subscription would keep running code the user has switched off.
        if (participantsSubscription) {
            participantsSubscription.unsubscribe();
            participantsSubscription = null;
        }
    }

    function explainNotJoined() {
        PEX.pluginAPI
            .openTemplateDialog({
                title: 'Raise hand',
                body: `<p>Your hand can be raised once you have joined the meeting.</p>
                       <div class="buttons">
                         <button id="raise-hand-plugin-ok" class="dialog-button blue-action-button">OK</button>
                       </div>`,
            })
            .then((dialogRef) => {
                // The body is plain HTML; wiring the button here rather than with an
                // inline onclick keeps dialogRef out of the global scope.
                document.getElementById('raise-hand-plugin-ok').addEventListener('click', () => dialogRef.close());
            });
    }

    // Toolbar actions are called with the current participants and conference details.
    function toggleHand(participants, conferenceDetails) {
        const self = findSelf(participants);
        if (!self) {
            explainNotJoined();
            return;
        }
        const raise = !isRaised(self);
        // buzz / clearbuzz are the client REST API calls behind the app's own hand button.
        PEX.pluginAPI.sendRequest(`participants/${self.uuid}/${raise ? 'buzz' : 'clearbuzz'}`);
        // Flip the label now for instant feedback; the next roster update confirms it,
        // or puts it back if the request failed.
        showHand(raise);
    }

    PEX.pluginAPI.registerPlugin({
        id: PLUGIN_ID,
        load: load,
        unload: unload,
        toggleHand: toggleHand,
        state$: state$,
    });
})();
