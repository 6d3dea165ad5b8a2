(() => {
    const PLUGIN_ID = 'events-only';
    const plugin = { id: PLUGIN_ID };

    function load() {
        window.PEX.actions$.ofType('[Conference] Connect Success').subscribe((action) => {
            console.log(action.payload.displayName);
        });
    }

    plugin.load = load;
    window.PEX.pluginAPI.registerPlugin(plugin);
})();
