/*
 * Chat commands: lets Hosts run the meeting from the chat, which helps Hosts whose
 * client has chat but no meeting controls. A Host types
 * /lock, /unlock, /muteguests or /unmuteguests; a Host's Connect app running this
 * plugin makes the request and confirms in the chat. Anyone may send !help.
 *
 * Event-only: the package file has no menuItems, so the plugin has no button and
 * no state$; it only listens to PEX.actions$ and the roster.
 */
(function () {
    'use strict';

    // Not among the documented PEX.actions constants, but Pexip's own plugins rely on them.
    const CONNECT_SUCCESS = '[Conference] Connect Success';
    const DISCONNECT_SUCCESS = '[Conference] Disconnect Success';

    const HELP = '!help';
    // A Map rather than an object literal, so a message such as "constructor" finds nothing.
    const COMMANDS = new Map([
        ['/lock', { request: 'lock', reply: 'Meeting locked: new participants wait until a Host lets them in.' }],
        ['/unlock', { request: 'unlock', reply: 'Meeting unlocked.' }],
        ['/muteguests', { request: 'muteguests', reply: 'All Guests muted.' }],
        ['/unmuteguests', { request: 'unmuteguests', reply: 'All Guests unmuted.' }],
    ]);

    let subscriptions = [];
    let roster = [];
    let displayName = '';
    let localIsHost = false;

    function findParticipant(uuid) {
        return uuid ? roster.find((participant) => participant.uuid === uuid) : undefined;
    }

    // Every Host's app may run this plugin; without a rule each would answer the same
    // command. The Connect app Host with the lowest uuid answers: every app reaches the
    // same verdict from the same roster without talking to the others.
    function isResponder() {
        const selfUUID = window.PEX.selfUUID;
        const hosts = roster
            .filter((participant) => participant.role === 'chair' && participant.protocol === 'api')
            .map((participant) => participant.uuid)
            .sort();
        // Until the app knows its own uuid and sees itself in the roster, answering
        // twice is better than nobody answering.
        if (!selfUUID || !hosts.includes(selfUUID)) {
            return true;
        }
        return hosts[0] === selfUUID;
    }

    function reply(text) {
        // Other Hosts' apps receive this reply as a chat message too. Replies never start
        // with "/" or "!", so they are never taken for a command.
        PEX.pluginAPI.sendChatMessage(text);
    }

    function helpText() {
        const names = Array.from(COMMANDS.keys()).join(', ');
        const answeredBy = displayName ? ` (answered by ${displayName}'s app)` : '';
        return `Chat commands for Hosts${answeredBy}: ${names}. Anyone can send ${HELP}.`;
    }

    function onChatMessage(action) {
        // A received chat action carries the client API's message: {origin, uuid, type, payload}.
        const message = (action && action.payload) || {};
        const text = typeof message.payload === 'string' ? message.payload.trim() : '';
        const word = text.split(/\s+/)[0].toLowerCase();
        if (word !== HELP && !COMMANDS.has(word)) {
            return;
        }
        // Only a Host may lock the meeting or mute Guests, so only a Host's app acts.
        if (!localIsHost || !isResponder()) {
            return;
        }
        if (word === HELP) {
            reply(helpText());
            return;
        }
        // The sender must be a Host too: otherwise a Guest could lock the meeting
        // through a Host's app. An unknown sender is refused.
        const sender = findParticipant(message.uuid);
        if (!sender || sender.role !== 'chair') {
            reply(`Only Hosts can use ${word}.`);
            return;
        }
        const command = COMMANDS.get(word);
        PEX.pluginAPI.sendRequest(command.request);
        reply(command.reply);
    }

    function onConnect(action) {
        const details = (action && action.payload) || {};
        displayName = typeof details.displayName === 'string' ? details.displayName : '';
        localIsHost = details.joinRole === 'HOST';
    }

    function onDisconnect() {
        roster = [];
        localIsHost = false;
    }

    function onRoster(participants) {
        if (!Array.isArray(participants)) {
            return;
        }
        roster = participants;
        // The join role is only where a participant starts: a Host can promote a Guest
        // or demote a Host, and the roster shows the role as it is now. It also covers
        // a plugin loaded mid-meeting, after the connect action has gone by.
        const self = findParticipant(window.PEX.selfUUID);
        if (self) {
            localIsHost = self.role === 'chair';
        }
    }

    function load(participants$, conferenceDetails$) {
        const actions$ = window.PEX.actions$;
        subscriptions = [
            actions$.ofType(window.PEX.actions.RECEIVE_CHAT_MESSAGE).subscribe(onChatMessage),
            actions$.ofType(CONNECT_SUCCESS).subscribe(onConnect),
            actions$.ofType(DISCONNECT_SUCCESS).subscribe(onDisconnect),
            participants$.subscribe(onRoster),
        ];
    }

    function unload() {
        // PEX.actions$ outlives the plugin: a forgotten subscription would keep acting on
        // chat commands after the user switched the plugin off.
        subscriptions.forEach((subscription) => subscription.unsubscribe());
        subscriptions = [];
        roster = [];
        displayName = '';
        localIsHost = false;
    }

    PEX.pluginAPI.registerPlugin({
        id: 'chat-commands-1.0',
        load: load,
        unload: unload,
    });
})();
