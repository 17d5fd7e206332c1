// Preloaded into the Agents Playground (node -r): it listens on every interface by default, and a
// local trial must not be reachable from the network. Every server it opens is bound to 127.0.0.1.
const http = require('http');
const originalListen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) {
    args.splice(1, 0, '127.0.0.1');
  } else if (args[0] && typeof args[0] === 'object' && !args[0].host) {
    args[0] = { ...args[0], host: '127.0.0.1' };
  }
  return originalListen.apply(this, args);
};
