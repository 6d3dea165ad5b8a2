/*
 * Recorder: a toolbar button for Hosts that starts and stops recording the meeting.
 *
 * Pexip Infinity records by dialling out to a recording service as a streaming
 * participant; stopping the recording means disconnecting that participant.
 *
 * Webapp2 injects plugins as classic <script> elements, not modules, so the
 * whole body sits in an IIFE: nothing here becomes a global of the app.
 */
(function () {
    'use strict';

    // Chosen by whoever deploys the branding, never by users: an alias taken from
    // the page URL or a text field would let a crafted link stream a meeting anywhere.
    const RECORDER_ALIAS = 'recorder@example.com';

    const START = { icon: 'assets/record.svg#record', label: 'Start recording' };
    const STARTING = { icon: 'assets/record.svg#record', label: 'Starting recording…' };
    const STOP = { icon: 'assets/stop.svg#stop', label: 'Stop recording' };

    const state$ = PEX.pluginAPI.createNewState(START);

    let loaded = false;
    let participantsSubscription = null;
    let openDialog = null;
    // A second click while the dial-out is pending would start a second recorder.
    let dialling = false;
    let recorderUUID = null;
    // A fresh dial-out is missing from the roster until the node reports it; only a
    // recorder that was seen and then vanished has really gone.
    let recorderSeen = false;
    // Disconnecting takes a roster update to show; until then the recorder must not
    // be adopted again as if it were still running.
    let stoppedUUID = null;

    function escapeHTML(text) {
        const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
        return String(text).replace(/[&<>"']/g, (character) => entities[character]);
    }

    function isOurRecorder(participant) {
        // Dial-outs show up with a scheme prefix ("sip:", "rtmp:") in front of the alias.
        const address = String(participant.uri || '').replace(/^[a-z0-9]+:/i, '');
        return participant.isStreaming === true && address === RECORDER_ALIAS && participant.uuid !== stoppedUUID;
    }

    // The roster, not our own clicks, is the truth: a Host can disconnect the recorder
    // from the roster, the recorder can hang up, and after a page reload this plugin
    // starts with no memory of a recording that is still running.
    function followRoster(participants) {
        if (!Array.isArray(participants)) {
            return;
        }
        if (stoppedUUID && !participants.some((participant) => participant.uuid === stoppedUUID)) {
            stoppedUUID = null;
        }
        if (dialling) {
            return;
        }
        const recorder = recorderUUID
            ? participants.find((participant) => participant.uuid === recorderUUID)
            : participants.find(isOurRecorder);
        if (recorder) {
            recorderUUID = recorder.uuid;
            recorderSeen = true;
            state$.next(STOP);
        } else if (recorderUUID && recorderSeen) {
            recorderUUID = null;
            recorderSeen = false;
            state$.next(START);
        }
    }

    function closeDialog() {
        if (openDialog) {
            const { ref, closed } = openDialog;
            openDialog = null;
            // Unsubscribe first: our own close$ handler has nothing left to do.
            closed.unsubscribe();
            ref.close();
        }
    }

    function showError(message) {
        closeDialog();
        PEX.pluginAPI
            .openTemplateDialog({
                title: 'Recording',
                body: `<p style="margin: 0 0 24px; line-height: 1.4;">${escapeHTML(message)}</p>
                       <div class="buttons">
                         <button id="recorder-plugin-ok" class="dialog-button blue-action-button">OK</button>
                       </div>`,
            })
            .then((dialogRef) => {
                // The dialog may open after the user has unloaded the plugin.
                if (!loaded) {
                    dialogRef.close();
                    return;
                }
                const closed = dialogRef.close$.subscribe(() => {
                    if (openDialog && openDialog.ref === dialogRef) {
                        openDialog = null;
                    }
                });
                openDialog = { ref: dialogRef, closed: closed };
                // Wired here rather than with an inline onclick, so dialogRef stays out of globals.
                const ok = document.getElementById('recorder-plugin-ok');
                if (ok) {
                    ok.addEventListener('click', () => closeDialog());
                }
            });
    }

    function onDialOutResult(response) {
        dialling = false;
        if (!loaded) {
            // Reloading the plugin adopts the recorder from the roster, if it answered.
            return;
        }
        // result lists the uuids of the new participants; an empty list means nothing was dialled.
        const uuids = response && Array.isArray(response.result) ? response.result : [];
        if (uuids.length === 0) {
            state$.next(START);
            showError(
                `The recorder at ${RECORDER_ALIAS} could not be reached, so the meeting is not being recorded. ` +
                    'Try again, or ask your administrator to check the recording service.'
            );
            return;
        }
        recorderUUID = uuids[0];
        recorderSeen = false;
        state$.next(STOP);
    }

    function startRecording() {
        dialling = true;
        state$.next(STARTING);
        // 'guest': the recorder needs to see the meeting, not to control it.
        // streaming: true marks it as a recording device: it takes no tile in the layout,
        // and the roster flags it with isStreaming, which followRoster relies on.
        PEX.pluginAPI.dialOut(RECORDER_ALIAS, 'auto', 'guest', onDialOutResult, { streaming: true });
    }

    function stopRecording() {
        PEX.pluginAPI.disconnectParticipant(recorderUUID);
        stoppedUUID = recorderUUID;
        recorderUUID = null;
        recorderSeen = false;
        state$.next(START);
    }

    // Toolbar actions are called with the current participants and conference details;
    // followRoster already keeps the recorder's state up to date.
    function toggleRecording() {
        if (dialling) {
            return;
        }
        if (recorderUUID) {
            stopRecording();
        } else {
            startRecording();
        }
    }

    function load(participants$, conferenceDetails$) {
        loaded = true;
        participantsSubscription = participants$.subscribe(followRoster);
    }

    function unload() {
        loaded = false;
        if (participantsSubscription) {
            participantsSubscription.unsubscribe();
            participantsSubscription = null;
        }
        closeDialog();
        // The recording itself keeps going: switching the button off must not end it.
        recorderUUID = null;
        recorderSeen = false;
        stoppedUUID = null;
        state$.next(START);
    }

    PEX.pluginAPI.registerPlugin({
        id: 'recorder-1.0',
        load: load,
        unload: unload,
        toggleRecording: toggleRecording,
        state$: state$,
    });
})();
