;(function () {
    var state$ = PEX.pluginAPI.createNewState({});
    function load() {}
    function unload() {}
    PEX.pluginAPI.registerPlugin({
        id: 'change-layout-plugin-1.0',
        load: load,
        unload: unload,
        state$: state$
    });
})();
