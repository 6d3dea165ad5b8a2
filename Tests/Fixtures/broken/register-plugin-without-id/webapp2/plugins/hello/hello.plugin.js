(function () {
    'use strict';

    function load(participants$, conferenceDetails$) {}

    function unload() {}

    function sayHello() {
        PEX.pluginAPI.sendChatMessage('Hello');
    }

    PEX.pluginAPI.registerPlugin({load, unload, sayHello});
})();
