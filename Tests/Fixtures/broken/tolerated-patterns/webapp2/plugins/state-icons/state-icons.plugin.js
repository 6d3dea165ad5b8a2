(function () {
    'use strict';
    var state$ = window.PEX.pluginAPI.createNewState({});
    function load(participants$) {
        fetch('./custom_configuration/plugins/state-icons/assets/data.json');
        participants$.subscribe(function (participants) {
            var value = { icon: 'assets/star.svg#star', label: 'Spotlight' };
            participants.forEach(function (p) { value[p.uuid] = { icon: null, label: p.name }; });
            state$.next(value);
        });
    }
    window.PEX.pluginAPI.registerPlugin({
        id: 'state-icons-1.0',
        load,
        unload() {},
        spotlight: function (participant) { PEX.pluginAPI.spotlightOnParticipant(participant.uuid); },
        star: (participant) => participant,
        state$
    });
})();
