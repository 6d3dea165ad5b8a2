(function () {
    'use strict';

    function makePlugin() {
        return {id: 'hello-1.0', load() {}, unload() {}, sayHello() {}};
    }

    PEX.pluginAPI.registerPlugin(makePlugin());
})();
