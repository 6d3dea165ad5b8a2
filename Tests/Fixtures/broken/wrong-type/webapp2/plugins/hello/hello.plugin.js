(function () {
    'use strict';

    function load(participants$, conferenceDetails$) {}

    function unload() {}

    function sayHello() {
        PEX.pluginAPI.sendChatMessage('Hello');
    }

    PEX.pluginAPI.registerPlugin({
        id: 'hello-1.0',
        load: load,
        unload: unload,
        sayHello: sayHello
    });
})();
