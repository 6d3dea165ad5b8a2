(function () {
    'use strict';

    const API = 'https://api.example.com/v1/';

    function load() {}
    function unload() {}

    function sayHello() {
        fetch(API + 'hello').then(() => {
            PEX.pluginAPI.openTemplateDialog({
                title: 'Hello',
                body: `<img src="https://cdn.example.com/wave.png" alt=""> ${API}`
            });
        });
        // fetch('https://commented.example.com/') is not code
        new WebSocket('wss://events.example.com/socket');
    }

    PEX.pluginAPI.registerPlugin({id: 'hello-1.0', load, unload, sayHello});
})();
