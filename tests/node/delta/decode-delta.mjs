// Delta compression checked with decoders this project did not write: npm fossil-delta and
// @ably/vcdiff-decoder (the ones the sockudo JS client uses). Every frame reconstructed from a
// delta stream must equal, byte for byte, what a subscriber without delta compression received;
// a stock pusher-js client on the same channel must keep receiving plain events.
//
// Run by DeltaNodeDecodersTest with a server whose conflation key path is "sym".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { applyDelta } from 'fossil-delta';
import WebSocket from 'ws';
import PusherServer from 'pusher';

const require = createRequire(import.meta.url);
const { decode: vcdiffDecode } = require('@ably/vcdiff-decoder');
const PusherClient = require('pusher-js');

const port = Number(process.env.SOCKUDO_PORT);
const appId = process.env.SOCKUDO_APP_ID;
const key = process.env.SOCKUDO_APP_KEY;
const secret = process.env.SOCKUDO_APP_SECRET;
const url = `ws://127.0.0.1:${port}/app/${key}?protocol=7&client=node-test&version=1.0`;

/** A raw client that records text frames and can wait for the n-th one matching a predicate. */
function rawClient() {
  const ws = new WebSocket(url);
  const frames = [];
  const waiters = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    frames.push(data.toString('utf8'));
    for (const w of [...waiters]) w();
  });
  const until = (pred, timeout = 5000) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out; frames so far: ' + frames.length)), timeout);
    const check = () => {
      const r = pred(frames);
      if (r !== undefined) {
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(check), 1);
        resolve(r);
      }
    };
    waiters.push(check);
    check();
  });
  const opened = new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  return { ws, frames, until, opened, send: (o) => ws.send(JSON.stringify(o)) };
}

const isAppEvent = (f) => !f.startsWith('{"event":"pusher');

/** Reconstructs plain frames from a delta stream the way @sockudo/client does. */
function decodeStream(frames, algorithmDefault) {
  const bases = new Map(); // key -> [{seq, text}]
  const out = [];
  let deltas = 0;
  for (const f of frames) {
    if (f.startsWith('{"event":"pusher:delta"')) {
      const msg = JSON.parse(f);
      const d = msg.data;
      const k = d.conflation_key ?? '';
      const base = (bases.get(k) || []).find((b) => b.seq === d.base_index);
      assert.ok(base, `no base ${d.base_index} for key "${k}"`);
      const algorithm = d.algorithm || algorithmDefault;
      const delta = Buffer.from(d.delta, 'base64');
      const src = Buffer.from(base.text, 'utf8');
      const result = algorithm === 'xdelta3'
        ? Buffer.from(vcdiffDecode(new Uint8Array(delta), new Uint8Array(src)))
        : Buffer.from(applyDelta(new Uint8Array(src), new Uint8Array(delta)));
      const text = result.toString('utf8');
      (bases.get(k) || bases.set(k, []).get(k)).push({ seq: d.seq, text });
      out.push(text);
      deltas++;
    } else if (isAppEvent(f)) {
      const seq = /,"__delta_seq":(\d+)/.exec(f);
      if (!seq) { out.push(f); continue; }
      let text = f.replace(/,"__delta_seq":\d+/, '');
      const keyMatch = /,"__conflation_key":"((?:[^"\\]|\\.)*)"/.exec(text);
      const k = keyMatch ? JSON.parse('"' + keyMatch[1] + '"') : '';
      text = text.replace(/,"__conflation_key":"(?:[^"\\]|\\.)*"/, '');
      (bases.get(k) || bases.set(k, []).get(k)).push({ seq: Number(seq[1]), text });
      out.push(text);
    }
  }
  return { out, deltas };
}

const symbols = ['BTC', 'ETH', 'SOL', 'ADA'];
const tick = (sym, i) => JSON.stringify({
  sym, name: `${sym} / US Dollar spot`, exchange: 'example-exchange', currency: 'USD', status: 'open',
  session: { open: '2026-11-28T00:00:00Z', close: '2026-11-29T00:00:00Z', timezone: 'UTC' },
  price: 1000 + ((i * 7919) % 500) / 10, bid: 1001.25, ask: 1001.75, volume: (i * 37) % 1000,
  high: 1050.0, low: 990.1, sequence: i, source: 'consolidated feed', flags: ['regular', 'continuous'],
});

test('deltas decode with fossil-delta and @ably/vcdiff-decoder to exactly the plain frames; pusher-js is unaffected', async () => {
  const plain = rawClient();
  const fossil = rawClient();
  const vcdiff = rawClient();
  await Promise.all([plain.opened, fossil.opened, vcdiff.opened]);
  for (const c of [plain, fossil, vcdiff]) {
    await c.until((fs) => (fs.some((f) => f.includes('connection_established')) ? true : undefined));
  }
  fossil.send({ event: 'pusher:enable_delta_compression', data: { algorithms: ['fossil'] } });
  vcdiff.send({ event: 'pusher:enable_delta_compression', data: { algorithms: ['xdelta3', 'fossil'] } });
  for (const c of [plain, fossil, vcdiff]) {
    c.send({ event: 'pusher:subscribe', data: { channel: 'ticker' } });
    await c.until((fs) => (fs.some((f) => f.includes('subscription_succeeded')) ? true : undefined));
  }
  assert.ok(vcdiff.frames.some((f) => f.includes('"algorithm":"xdelta3"')), 'xdelta3 was negotiated');

  const stock = new PusherClient(key, {
    wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'], cluster: 'mt1',
  });
  const stockEvents = [];
  await new Promise((resolve) => {
    const ch = stock.subscribe('ticker');
    ch.bind('pusher:subscription_succeeded', resolve);
    ch.bind('price', (d) => stockEvents.push(d));
    ch.bind('trade', (d) => stockEvents.push(d));
  });

  const server = new PusherServer({ appId, key, secret, host: '127.0.0.1', port: String(port), useTLS: false });
  const n = 80;
  const sent = [];
  for (let i = 0; i < n; i++) {
    const data = tick(symbols[i % symbols.length], i);
    sent.push(data);
    await server.trigger('ticker', i % 3 === 0 ? 'trade' : 'price', data);
  }

  const appFrames = (c) => c.until((fs) => {
    const count = fs.filter((f) => isAppEvent(f) || f.startsWith('{"event":"pusher:delta"')).length;
    return count >= n ? fs : undefined;
  });
  const expected = (await appFrames(plain)).filter(isAppEvent);
  assert.equal(expected.length, n);

  const viaFossil = decodeStream(await appFrames(fossil), 'fossil');
  assert.deepEqual(viaFossil.out, expected);
  assert.ok(viaFossil.deltas > n / 2, `fossil: ${viaFossil.deltas} deltas of ${n}`);

  const viaVcdiff = decodeStream(await appFrames(vcdiff), 'xdelta3');
  assert.deepEqual(viaVcdiff.out, expected);
  assert.ok(viaVcdiff.deltas > n / 2, `xdelta3: ${viaVcdiff.deltas} deltas of ${n}`);

  const wire = (c) => c.frames.reduce((s, f) => s + Buffer.byteLength(f), 0);
  assert.ok(wire(fossil) < wire(plain), 'delta compression saves bytes');

  await new Promise((resolve) => {
    const check = () => (stockEvents.length >= n ? resolve() : setTimeout(check, 20));
    check();
  });
  assert.deepEqual(stockEvents.map((d) => JSON.stringify(d)), sent.map((s) => JSON.stringify(JSON.parse(s))));

  stock.disconnect();
  for (const c of [plain, fossil, vcdiff]) c.ws.close();
});
