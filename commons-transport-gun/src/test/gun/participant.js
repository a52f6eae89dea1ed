// A JavaScript participant of a commons, written against the envelope format of commons-sync
// (Envelopes.java) with nothing but the `gun` library and Node's crypto, used by the node-level
// interop tests to show that a peer outside the JVM can read and write commitments.
//
// Usage:
//   node participant.js read  <relayUrl> <namespace> <authorPubKey> <timeoutMs>
//       reads the author's commitment envelope, checks its Ed25519 signature against the author's
//       key, prints {"verified": true|false, "payload": <commitment>} as one line
//   node participant.js write <relayUrl> <namespace> <pkcs8Base64> <claimedAuthor|-> <recognisedPubKey> <quantity> <timeoutMs>
//       builds a commitment of its own (one capacity slot "bread" of <quantity>, recognising
//       <recognisedPubKey> with weight 1), signs it with the private key, writes it under the claimed
//       author (its own public key when "-") and prints {"author": ..., "signer": ...} once acked
// Exit code 0 on success, 1 on timeout or error.
'use strict';
const crypto = require('crypto');
const Gun = require('gun');

const args = process.argv.slice(2);
const mode = args[0];
const timeoutMs = Number(args[args.length - 1]) || 10000;
const fail = (why) => { console.error(why); process.exit(1); };
setTimeout(() => fail('timed out after ' + timeoutMs + ' ms'), timeoutMs);

const DOC = 'commitment';
const pathOf = (pubKey) => '~' + pubKey + '/allocation/' + DOC;
const soulOf = (namespace, pubKey) => namespace + '/' + pubKey + '/' + DOC;
// The signed bytes: UTF-8(path) || 0x00 || the payload's exact bytes.
const signedBytes = (path, payloadText) =>
  Buffer.concat([Buffer.from(path, 'utf8'), Buffer.from([0]), Buffer.from(payloadText, 'utf8')]);

function openGun(url) {
  return Gun({ peers: [url], radisk: false, rfs: false, localStorage: false, file: false, multicast: false, axe: false, stats: false });
}

if (mode === 'read') {
  const [, url, namespace, author] = args;
  const publicKey = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: author }, format: 'jwk' });
  openGun(url).get(soulOf(namespace, author)).on((node) => {
    if (!node || typeof node.doc !== 'string') {
      return;
    }
    const envelopeText = Buffer.from(node.doc, 'base64').toString('utf8');
    const envelope = JSON.parse(envelopeText);
    // Re-serialising would change the bytes: cut the payload's exact text out of the envelope.
    const start = envelopeText.indexOf('"payload":') + '"payload":'.length;
    const end = envelopeText.lastIndexOf(',"sig":');
    const payloadText = envelopeText.substring(start, end);
    const verified = envelope.path === pathOf(author) && envelope.author === author
      && crypto.verify(null, signedBytes(envelope.path, payloadText), publicKey, Buffer.from(envelope.sig, 'base64url'));
    console.log(JSON.stringify({ verified, payload: envelope.payload }));
    process.exit(0);
  });
} else if (mode === 'write') {
  const [, url, namespace, pkcs8, claimed, recognised, quantity] = args;
  const privateKey = crypto.createPrivateKey({ key: Buffer.from(pkcs8, 'base64'), format: 'der', type: 'pkcs8' });
  const signer = crypto.createPublicKey(privateKey).export({ format: 'jwk' }).x; // raw key, base64url
  const author = claimed === '-' ? signer : claimed;
  const commitment = {
    pubKey: author,
    capacity_slots: [{ id: 'js-bread', name: 'bread', quantity: Number(quantity) }],
    need_slots: [],
    recognition_weights: { [recognised]: 1.0 },
    mr_values: {},
    itcStamp: { id: 0, event: 1 }, // a reader outside the commons owns no id: anonymous, one event
    timestamp: Date.now(),
    damping_factor: 1.0,
    damping_history: [],
  };
  const path = pathOf(author);
  const payloadText = JSON.stringify(commitment);
  const sig = crypto.sign(null, signedBytes(path, payloadText), privateKey).toString('base64url');
  const envelopeText = '{"path":' + JSON.stringify(path) + ',"author":' + JSON.stringify(author)
    + ',"payload":' + payloadText + ',"sig":' + JSON.stringify(sig) + '}';
  openGun(url).get(soulOf(namespace, author)).put({ doc: Buffer.from(envelopeText, 'utf8').toString('base64') }, (ack) => {
    if (ack.err) { fail('rejected: ' + ack.err); }
    console.log(JSON.stringify({ author, signer }));
    setTimeout(() => process.exit(0), 200);
  });
} else {
  fail('usage: node participant.js read|write ...');
}
