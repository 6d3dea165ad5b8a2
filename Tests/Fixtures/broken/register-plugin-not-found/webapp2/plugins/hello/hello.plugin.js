(function () {
    'use strict';

    function load() {}
    function unload() {}
    function sayHello() {}
    // PEX.pluginAPI.registerPlugin({id: 'hello-1.0'}) is only a comment here
    var text = 'registerPlugin({';
})();
