/*
 * Layouts: "Change layout…" in the conference menu opens a dialog of layout buttons;
 * the one chosen applies to everyone in the meeting.
 *
 * The buttons use inline onclick handlers, the pattern of Pexip's own layout
 * examples. Inline handlers run in the page's global scope, so they can only
 * reach globals: load() exposes one namespaced object, window.layoutsPlugin,
 * and unload() removes it. Everything else stays inside the IIFE.
 */
(function () {
    'use strict';

    // seats: how many video participants the layout shows at once, for the suggestion.
    const LAYOUTS = [
        { layout: '1:0', label: 'Speaker only', seats: 1 },
        { layout: '4:0', label: 'Equal 2×2', seats: 4 },
        { layout: '1:7', label: 'Speaker + 7', seats: 8 },
        { layout: '9:0', label: 'Equal 3×3', seats: 9 },
        { layout: '1:21', label: 'Speaker + 21', seats: 22 },
        { layout: '2:21', label: 'Two speakers + 21', seats: 23 },
    ];

    let loaded = false;
    let participantsSubscription = null;
    let videoParticipants = 0;
    let openDialog = null;
    // openTemplateDialog resolves later; a second click before then must not open a second dialog.
    let dialogPending = false;

    function countVideoParticipants(participants) {
        // Recorders (isStreaming) watch the layout rather than appear in it, and
        // control-only connections (callType 'api') have no video to show.
        return participants.filter((participant) => participant.callType === 'video' && !participant.isStreaming)
            .length;
    }

    function suggestedLayout(count) {
        return LAYOUTS.find((entry) => entry.seats >= count) || LAYOUTS[LAYOUTS.length - 1];
    }

    function closeDialog() {
        if (openDialog) {
            const { ref, closed } = openDialog;
            openDialog = null;
            closed.unsubscribe();
            ref.close();
        }
    }

    function choose(layout) {
        // window.layoutsPlugin is reachable by any script on the page: apply only what the dialog offers.
        if (!LAYOUTS.some((entry) => entry.layout === layout)) {
            return;
        }
        PEX.pluginAPI.transformConferenceLayout({ layout: layout });
        closeDialog();
    }

    function reset() {
        // An empty transform hands the layout back to the service's own configuration.
        PEX.pluginAPI.transformConferenceLayout({});
        closeDialog();
    }

    function layoutButton(entry) {
        return `<button type="button" class="dialog-button blue-action-button" style="margin: 4px; min-width: 150px;"
                        onclick="window.layoutsPlugin.choose('${entry.layout}')">${entry.label}</button>`;
    }

    function suggestionHTML() {
        // Before the roster arrives there is nothing to base a suggestion on.
        if (videoParticipants === 0) {
            return '';
        }
        const suggestion = suggestedLayout(videoParticipants);
        const people = videoParticipants === 1 ? '1 participant' : `${videoParticipants} participants`;
        return `<p style="margin: 0 0 16px; text-align: center;">
                  ${people} on video: <strong>${suggestion.label}</strong> shows everyone.
                </p>`;
    }

    function dialogBody() {
        return `${suggestionHTML()}
                <div style="display: flex; flex-wrap: wrap; justify-content: center;">
                  ${LAYOUTS.map(layoutButton).join('\n')}
                </div>
                <div class="buttons" style="display: flex; justify-content: center; margin-top: 16px;">
                  <button type="button" class="dialog-button blue-action-button" style="min-width: 150px;"
                          onclick="window.layoutsPlugin.reset()">Default</button>
                </div>`;
    }

    // Conference menu actions are called with the conference details.
    function openLayoutDialog(conferenceDetails) {
        if (openDialog || dialogPending) {
            return;
        }
        dialogPending = true;
        PEX.pluginAPI
            .openTemplateDialog({ title: 'Change layout', body: dialogBody() })
            .then((dialogRef) => {
                dialogPending = false;
                // The dialog may open after the user has unloaded the plugin; its buttons would then do nothing.
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
            })
            .catch(() => {
                // A dialog that failed to open must not block the next attempt.
                dialogPending = false;
            });
    }

    function load(participants$, conferenceDetails$) {
        loaded = true;
        window.layoutsPlugin = { choose: choose, reset: reset };
        participantsSubscription = participants$.subscribe((participants) => {
            if (Array.isArray(participants)) {
                videoParticipants = countVideoParticipants(participants);
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
        delete window.layoutsPlugin;
    }

    PEX.pluginAPI.registerPlugin({
        id: 'layouts-1.0',
        load: load,
        unload: unload,
        openLayoutDialog: openLayoutDialog,
    });
})();
