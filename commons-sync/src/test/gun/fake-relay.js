// A fake relay that answers every GET with malformed frames and then one valid reply, for the test
// that the Java transport ignores and counts what is not valid GUN.
// Usage: node fake-relay.js <port>; prints "fake listening <port>".
'use strict';
const http = require('http');
const WebSocket = require('ws');

const port = Number(process.argv[2]);
const server = http.createServer();
const wss = new WebSocket.Server({ server, path: '/gun' });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    let msg;
    try { msg = JSON.parse(data.toString()); } catch (e) { return; }
    for (const m of Array.isArray(msg) ? msg : [msg]) {
      if (!m || !m.get) { continue; }
      const soul = m.get['#'];
      const node = (doc, state) => ({ [soul]: { _: { '#': soul, '>': { doc: state } }, doc: doc } });
      socket.send('this is not json');                                        // 1 invalid JSON
      socket.send(JSON.stringify({ '#': 'f1', put: 5 }));                     // 2 put is not an object
      socket.send(JSON.stringify([7, { '#': 'f2', get: { '#': 3 } }]));       // 3, 4 two bad batch items
      socket.send(JSON.stringify({ '#': 'f3', put: { [soul]: { doc: 'x' } } }));            // 5 no metadata
      socket.send(JSON.stringify({ '#': 'f4', put: { [soul]: { _: { '#': soul, '>': { doc: 'late' } }, doc: 'eA==' } } })); // 6 state not a number
      socket.send(JSON.stringify({ '#': 'f5', put: node('***not base64***', 2000) })); // 7 doc not base64
      socket.send(Buffer.from([1, 2, 3]), { binary: true });                  // 8 binary frame
      socket.send(JSON.stringify({ '#': 'f6', put: node(Buffer.from('valid after all').toString('base64'), 1000) }));
    }
  });
});
server.listen(port, '127.0.0.1', () => console.log('fake listening ' + port));
process.on('SIGTERM', () => process.exit(0));
