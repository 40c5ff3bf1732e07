// Globals some sites patch (analytics wrappers, old polyfills): the widget must not depend on them.
window.postMessage = function () { throw new Error('postMessage is patched'); };
JSON.parse = function () { throw new Error('JSON.parse is patched'); };
JSON.stringify = function () { return '"patched"'; };
Object.assign = function () { throw new Error('Object.assign is patched'); };
