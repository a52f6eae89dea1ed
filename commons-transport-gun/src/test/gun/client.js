// A JavaScript GUN client, used by commons-transport-gun's interop tests to show that the Java transport's
// documents are ordinary GUN data.
// Usage:
//   node client.js read  <relayUrl> <soul> <timeoutMs>      prints the node's "doc" value once it exists
//   node client.js write <relayUrl> <soul> <value> <timeoutMs> puts {doc: value}, prints "ok" once acked
// Exit code 0 on success, 1 on timeout or error.
'use strict';
const Gun = require('gun');

const [mode, url, soul, arg, arg2] = process.argv.slice(2);
const timeoutMs = Number(mode === 'read' ? arg : arg2) || 10000;
const gun = Gun({ peers: [url], radisk: false, rfs: false, localStorage: false, file: false, multicast: false, axe: false, stats: false });
const fail = (why) => { console.error(why); process.exit(1); };
setTimeout(() => fail('timed out after ' + timeoutMs + ' ms'), timeoutMs);

if (mode === 'read') {
  gun.get(soul).on((node) => {
    if (node && typeof node.doc === 'string') {
      console.log(node.doc);
      process.exit(0);
    }
  });
} else if (mode === 'write') {
  gun.get(soul).put({ doc: arg }, (ack) => {
    if (ack.err) { fail('rejected: ' + ack.err); }
    console.log('ok');
    setTimeout(() => process.exit(0), 200);
  });
} else {
  fail('usage: node client.js read|write ...');
}
