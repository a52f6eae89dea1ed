// A plain GUN relay for commons-transport-gun's interop tests and local runs.
// Usage: node relay.js <port> <storageDir|-> [peerUrl...]
//   port        TCP port to listen on, always bound to 127.0.0.1
//   storageDir  directory for GUN's radisk storage, or '-' for memory only
//   peerUrl     other relays to mesh with, e.g. ws://127.0.0.1:8766/gun
// Prints "relay listening <port>" once the WebSocket endpoint at /gun accepts connections, and
// "mesh connected <peerUrl>" whenever its link to one of the given peers comes up.
'use strict';
const http = require('http');
const Gun = require('gun');

const port = Number(process.argv[2]);
const storage = process.argv[3] || '-';
const peers = process.argv.slice(4);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error('usage: node relay.js <port> <storageDir|-> [peerUrl...]');
  process.exit(2);
}

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('allocation-commons gun relay\n');
});
// multicast off: relays must find each other only through the peers given (tests stay isolated);
// stats off: GUN would otherwise write a stats file into its own package directory.
// WebSocket: gun's client side (src/websocket.js) looks for a WebSocket class before lib/wire.js
// provides one, so without it a relay never dials the peers it is given and a mesh never forms.
const options = { web: server, peers: peers, multicast: false, stats: false, WebSocket: require('ws') };
if (storage === '-') {
  options.radisk = false;
  options.localStorage = false;
  options.file = false;
  options.rfs = false; // otherwise gun still creates an empty ./radata directory
} else {
  options.file = storage;
}
const gun = Gun(options);
// Say when a link to one of the given relays is up, so tests can wait for the mesh to form: a
// subscription a client makes before that is not forwarded to the other relay.
gun.on('hi', function (peer) {
  if (peer && peer.url && peers.includes(peer.url)) {
    console.log('mesh connected ' + peer.url);
  }
  this.to.next(peer);
});
// A relay runs as a "super" peer, which only dials its peers lazily, when it happens to forward a
// message to all of them; AXE routes puts only to subscribers, so that may never happen. Dial now.
const mesh = gun._.opt.mesh;
for (const url of peers) {
  const peer = gun._.opt.peers[url];
  if (mesh && peer && !peer.wire) { mesh.hi(peer); }
}
server.listen(port, '127.0.0.1', () => {
  console.log('relay listening ' + port);
});
// Acknowledged puts are already on disk (GUN acks after its storage write), so stopping is immediate.
const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
