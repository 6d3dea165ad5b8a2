(function () {
    'use strict';

    function load() {}
    function unload() {}

    function sayHello() {
        fetch('/api/client/v2/status');
        fetch('https://api.weather.example/v1/today').then(() => {
            PEX.pluginAPI.openTemplateDialog({
                title: 'Hello',
                body: '<img src="data:image/png;base64,AAAA" alt=""><button onclick="this.remove()">ok</button>'
            });
        });
        new EventSource('http://legacy.example.com/stream');
    }

    PEX.pluginAPI.registerPlugin({id: 'hello-1.0', load, unload, sayHello});
})();
