!function () {
    // PEX.pluginAPI.registerPlugin({id: 'wrong'}) in a comment does not count
    var pattern = /registerPlugin\(\{id: 'wrong'/g;
    var text = "registerPlugin({id: 'wrong'})";
    var half = 10 / 2 / 1;
    PEX.pluginAPI.registerPlugin({
        'id': "empty-menu",
        load() { console.log(`registerPlugin(${text}) ${half}`, pattern); },
        async unload() {},
    });
}();
