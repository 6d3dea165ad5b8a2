/*
 * Participant tools: three items in each participant's menu in the roster, for Hosts:
 * spotlight on/off, mute/unmute, and sending DTMF tones (for example to a
 * gateway call that sits on an IVR asking for a PIN).
 *
 * The labels are fixed and name both directions ("Mute/unmute"). A plugin has one
 * state$, and a state value carries one icon and label (per participant at most),
 * not one per menu item: a per-participant "Unmute" label would also replace the
 * Spotlight and DTMF labels of that participant.
 */
(function () {
    'use strict';

    const DTMF_FORM_ID = 'participant-tools-dtmf-form';
    const DTMF_INPUT_ID = 'participant-tools-dtmf-digits';
    const NOTICE_OK_ID = 'participant-tools-ok';
    // The tones a DTMF keypad can send, including the rarely seen A–D column.
    const DTMF_DIGITS = /^[0-9*#A-D]{1,32}$/;

    let loaded = false;
    let participantsSubscription = null;
    // { ref, closed, uuid }: the dialog and the participant it is about.
    let openDialog = null;
    let dialogPending = false;

    function escapeHTML(text) {
        const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
        return String(text).replace(/[&<>"']/g, (character) => entities[character]);
    }

    function displayName(participant) {
        // Display names are chosen by callers, so they are escaped before going into dialog HTML.
        return escapeHTML(participant.name || participant.uri || 'this participant');
    }

    function closeDialog() {
        if (openDialog) {
            const { ref, closed } = openDialog;
            openDialog = null;
            closed.unsubscribe();
            ref.close();
        }
    }

    function showDialog(participant, title, body, wire) {
        if (dialogPending) {
            return;
        }
        closeDialog();
        dialogPending = true;
        PEX.pluginAPI
            .openTemplateDialog({ title: title, body: body })
            .then((dialogRef) => {
                dialogPending = false;
                if (!loaded) {
                    dialogRef.close();
                    return;
                }
                const closed = dialogRef.close$.subscribe(() => {
                    if (openDialog && openDialog.ref === dialogRef) {
                        openDialog = null;
                    }
                });
                openDialog = { ref: dialogRef, closed: closed, uuid: participant.uuid };
                // Wired here rather than with inline onclick handlers: the handlers need the
                // participant, which an inline handler could only reach through a global.
                wire();
            })
            .catch(() => {
                dialogPending = false;
            });
    }

    function showNotice(participant, title, text) {
        showDialog(
            participant,
            title,
            `<p style="margin: 0 0 24px; line-height: 1.4;">${text}</p>
             <div class="buttons">
               <button id="${NOTICE_OK_ID}" class="dialog-button blue-action-button">OK</button>
             </div>`,
            () => {
                const ok = document.getElementById(NOTICE_OK_ID);
                if (ok) {
                    ok.addEventListener('click', () => closeDialog());
                }
            }
        );
    }

    // Participant menu actions are called with the participant whose menu was opened.
    function toggleSpotlight(participant) {
        // spotlight is the time the spotlight went on; 0 means off.
        if (participant.spotlight > 0) {
            PEX.pluginAPI.spotlightOffParticipant(participant.uuid);
        } else {
            PEX.pluginAPI.spotlightOnParticipant(participant.uuid);
        }
    }

    function toggleMute(participant) {
        if (participant.muted) {
            PEX.pluginAPI.sendRequest('participants/' + participant.uuid + '/unmute');
            return;
        }
        // canMute false: the node will not mute this call. Telling the Host beats a click
        // that visibly does nothing.
        if (participant.canMute === false) {
            showNotice(participant, 'Mute', `${displayName(participant)} cannot be muted.`);
            return;
        }
        PEX.pluginAPI.sendRequest('participants/' + participant.uuid + '/mute');
    }

    function sendDtmf(participant) {
        const body = `<form id="${DTMF_FORM_ID}" style="display: flex; flex-direction: column;">
                        <p style="margin: 0 0 16px; line-height: 1.4;">
                          Tones to send to <strong>${displayName(participant)}</strong>, for example a PIN followed by #.
                        </p>
                        <input id="${DTMF_INPUT_ID}" class="pex-text-input" autocomplete="off" autofocus
                               placeholder="0–9, * and #" style="margin-bottom: 24px;">
                        <div class="buttons">
                          <button type="submit" class="dialog-button green-action-button">Send</button>
                        </div>
                      </form>`;
        showDialog(participant, 'Send DTMF', body, () => {
            const form = document.getElementById(DTMF_FORM_ID);
            const input = document.getElementById(DTMF_INPUT_ID);
            if (!form || !input) {
                return;
            }
            // A submit handler rather than a click handler, so Enter in the field sends too.
            form.addEventListener('submit', (event) => {
                event.preventDefault();
                const digits = String(input.value).replace(/\s+/g, '').toUpperCase();
                if (!DTMF_DIGITS.test(digits)) {
                    input.style.border = '2px solid red';
                    input.value = '';
                    input.placeholder = 'Only 0–9, *, # and A–D';
                    return;
                }
                PEX.pluginAPI.sendRequest('participants/' + participant.uuid + '/dtmf', { digits: digits });
                closeDialog();
            });
        });
    }

    function load(participants$, conferenceDetails$) {
        loaded = true;
        // A dialog about someone who has left can only fail; close it when they go.
        participantsSubscription = participants$.subscribe((participants) => {
            if (openDialog && Array.isArray(participants)) {
                const uuid = openDialog.uuid;
                if (!participants.some((participant) => participant.uuid === uuid)) {
                    closeDialog();
                }
            }
        });
    }

    function unload() {
        loaded = false;
        if (participantsSubscription) {
            participantsSubscription.unsubscribe();
            participantsSubscription = null;
        }
        closeDialog();
    }

    PEX.pluginAPI.registerPlugin({
        id: 'participant-tools-1.0',
        load: load,
        unload: unload,
        toggleSpotlight: toggleSpotlight,
        toggleMute: toggleMute,
        sendDtmf: sendDtmf,
    });
})();
