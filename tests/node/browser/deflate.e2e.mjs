// Chromium's own WebSocket, which offers permessage-deflate on every connection, against a
// server with websocket.compression on: ChromiumDeflateTest starts the server (compression mode
// SOCKUDO_COMPRESSION, metrics on SOCKUDO_METRICS_PORT) and runs this file. The handshake is read
// through the DevTools protocol (Network domain); the payloads in the page's onmessage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import PusherServer from 'pusher';
import { launch } from './chromium.mjs';
import { env } from '../harness.mjs';

const port = Number(env('SOCKUDO_PORT'));
const key = env('SOCKUDO_APP_KEY');
const mode = env('SOCKUDO_COMPRESSION');
const metricsPort = Number(env('SOCKUDO_METRICS_PORT'));
const backend = new PusherServer({
  appId: env('SOCKUDO_APP_ID'), key, secret: env('SOCKUDO_APP_SECRET'), host: '127.0.0.1', port, useTLS: false,
});
const url = `ws://127.0.0.1:${port}/app/${key}?protocol=7&client=chromium&version=1`;
const WAIT_MS = 15000;

let browser;
let page;
let handshake;
const framesReceived = [];

async function compressions() {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const m = text.match(/^sockudo_ws_messages_compressed(?:_total)?(?:\{[^}]*\})? (\S+)$/m);
  assert.ok(m, 'the metric sockudo_ws_messages_compressed is exported');
  return Number(m[1]);
}

/** Waits in the page until `count` non-pusher messages of the channel arrived; returns their data. */
function dataReceived(channel, count) {
  return page.waitForFunction(([ch, n]) => {
    const got = window.received.filter((m) => m.channel === ch && !m.event.startsWith('pusher'));
    return got.length >= n ? got.map((m) => m.data) : false;
  }, [channel, count], { timeout: WAIT_MS, polling: 20 }).then((h) => h.jsonValue());
}

before(async () => {
  browser = await launch();
  page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.enable');
  handshake = new Promise((resolve) => {
    cdp.on('Network.webSocketHandshakeResponseReceived', (e) => resolve(e.response));
  });
  cdp.on('Network.webSocketFrameReceived', (e) => framesReceived.push(e.response.payloadData));
  // any page of the server's origin will do: the socket is opened by script
  await page.goto(`http://127.0.0.1:${port}/up`);
  await page.evaluate((u) => new Promise((resolve, reject) => {
    window.received = [];
    const ws = new WebSocket(u);
    window.ws = ws;
    ws.onerror = () => reject(new Error('the socket failed'));
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      window.received.push(m);
      if (m.event === 'pusher:connection_established') {
        resolve();
      }
    };
  }), url);
});

after(async () => {
  await browser?.close();
});

test(`[${mode}] Chromium offers permessage-deflate and the server agrees`, async () => {
  const response = await handshake;
  assert.equal(response.status, 101);
  const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
  assert.match(headers['sec-websocket-extensions'] ?? '', /^permessage-deflate/,
    `agreed extensions: ${headers['sec-websocket-extensions']}`);
  assert.equal(await page.evaluate(() => window.ws.extensions.startsWith('permessage-deflate')), true);
});

test(`[${mode}] broadcasts, a large one among them, arrive intact and were compressed by the server`, async () => {
  const channel = `chromium-deflate-${mode}`;
  // Chromium compresses what it sends too: the subscribe reaches the server as a compressed frame
  await page.evaluate((ch) => window.ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: ch } })), channel);
  await page.waitForFunction((ch) => window.received.some((m) => m.event === 'pusher_internal:subscription_succeeded'
    && m.channel === ch), channel, { timeout: WAIT_MS });

  const sent = [];
  for (let i = 0; i < 20; i++) {
    sent.push(JSON.stringify({ sym: 'BTC', price: 30000 + i * 7, note: 'regular continuous session', i }));
  }
  // beyond the 32 KB window, and random enough in parts that deflate cannot squeeze it to nothing
  const large = [];
  for (let i = 0; i < 2000; i++) {
    large.push({ n: i, text: 'lorem ipsum dolor sit amet', salt: crypto.randomBytes(24).toString('base64') });
  }
  sent.push(JSON.stringify({ large }));
  assert.ok(sent.at(-1).length > 150000, `large message of ${sent.at(-1).length} bytes`);

  const before = await compressions();
  for (const data of sent) {
    await backend.trigger(channel, 'tick', data);
  }
  const got = await dataReceived(channel, sent.length);
  assert.equal(got.length, sent.length);
  for (let i = 0; i < sent.length; i++) {
    assert.equal(got[i], sent[i], `message ${i} arrives byte for byte`);
  }
  assert.ok(await compressions() - before >= sent.length,
    'the server compressed each broadcast (counted once per publish or per recipient)');
  // what DevTools saw is the decompressed text, the same as the page got
  const seen = framesReceived.map((f) => JSON.parse(f)).find((m) => m.channel === channel && m.data === sent.at(-1));
  assert.ok(seen, 'DevTools saw the large frame, decompressed, intact');
});

test(`[${mode}] a large message from Chromium, compressed by it, is inflated by the server`, async () => {
  const pad = 'x'.repeat(20000) + crypto.randomBytes(2000).toString('hex');
  await page.evaluate((p) => window.ws.send(JSON.stringify({ event: 'pusher:ping', data: { pad: p } })), pad);
  await page.waitForFunction(() => window.received.some((m) => m.event === 'pusher:pong'), null, { timeout: WAIT_MS });
  assert.equal(await page.evaluate(() => window.ws.readyState), 1, 'the socket stays open');
});
