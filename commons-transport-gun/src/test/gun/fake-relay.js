// A fake relay for the tests of how the Java transport treats what a real relay would never send:
// every GET is answered with malformed frames, then one valid value, then that value again under the
// same message id, again under a new id, an older value, and one an hour in the future; every PUT is refused with an error.
// Only the first GET of a soul on a connection is answered; every GET is printed as "get <soul>".
// Usage: node fake-relay.js <port>; prints "fake listening <port>".
'use strict';
const http = require('http');
const WebSocket = require('ws');

const port = Number(process.argv[2]);
const server = http.createServer();
const wss = new WebSocket.Server({ server, path: '/gun' });
wss.on('connection', (socket) => {
  const answered = new Set();
  socket.on('message', (data) => {
    let msg;
    try { msg = JSON.parse(data.toString()); } catch (e) { return; }
    for (const m of Array.isArray(msg) ? msg : [msg]) {
      if (!m || !m.get) { continue; }
      const soul = m.get['#'];
      console.log('get ' + soul);
      if (answered.has(soul)) { continue; }
      answered.add(soul);
      const node = (doc, state) => ({ [soul]: { _: { '#': soul, '>': { doc: state } }, doc: doc } });
      socket.send('this is not json');                                        // 1 invalid JSON
      socket.send(JSON.stringify({ '#': 'f1', put: 5 }));                     // 2 put is not an object
      socket.send(JSON.stringify([7, { '#': 'f2', get: { '#': 3 } }]));       // 3, 4 two bad batch items
      socket.send(JSON.stringify({ '#': 'f3', put: { [soul]: { doc: 'x' } } }));            // 5 no metadata
      socket.send(JSON.stringify({ '#': 'f4', put: { [soul]: { _: { '#': soul, '>': { doc: 'late' } }, doc: 'eA==' } } })); // 6 state not a number
      socket.send(JSON.stringify({ '#': 'f5', put: node('***not base64***', 2000) })); // 7 doc not base64
      socket.send(Buffer.from([1, 2, 3]), { binary: true });                  // 8 binary frame
      const valid = Buffer.from('valid after all').toString('base64');
      socket.send(JSON.stringify({ '#': 'f6', put: node(valid, 1000) }));
      socket.send(JSON.stringify({ '#': 'f6', put: node(valid, 1000) }));    // duplicate message id
      socket.send(JSON.stringify({ '#': 'f7', put: node(valid, 1000) }));    // same state and value
      socket.send(JSON.stringify({ '#': 'f8', put: node(Buffer.from('older').toString('base64'), 999) })); // stale
      socket.send(JSON.stringify({ '#': 'f9', put: node(Buffer.from('AAA').toString('base64'), 1000) }));  // loses the tie
      socket.send(JSON.stringify({ '#': 'fa', put: node(Buffer.from('future').toString('base64'), Date.now() + 3600000) })); // 9 an hour ahead
    }
    for (const m of Array.isArray(msg) ? msg : [msg]) {
      if (m && m.put && m['#']) { socket.send(JSON.stringify({ '#': 'r' + m['#'], '@': m['#'], err: 'Unverified data.' })); }
    }
  });
});
server.listen(port, '127.0.0.1', () => console.log('fake listening ' + port));
process.on('SIGTERM', () => process.exit(0));
