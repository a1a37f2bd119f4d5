// permessage-deflate (RFC 7692) against the `ws` client, which offers it by default as browsers
// do. PermessageDeflateTest starts a server with websocket.compression set to SOCKUDO_COMPRESSION
// (shared, dedicated or a windowNNN value) and metrics on SOCKUDO_METRICS_PORT, then runs this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import WebSocket from 'ws';
import PusherServer from 'pusher';
import { env, within } from '../harness.mjs';

const port = Number(env('SOCKUDO_PORT'));
const key = env('SOCKUDO_APP_KEY');
const mode = env('SOCKUDO_COMPRESSION');
const metricsPort = Number(env('SOCKUDO_METRICS_PORT'));
const backend = new PusherServer({
  appId: env('SOCKUDO_APP_ID'), key, secret: env('SOCKUDO_APP_SECRET'), host: '127.0.0.1', port, useTLS: false,
});
const url = `ws://127.0.0.1:${port}/app/${key}?protocol=7&client=node-ws&version=8`;

/** Opens a socket with these permessage-deflate options (false: offer nothing) and reads connection_established. */
function connect(perMessageDeflate) {
  return within(new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate });
    const queue = [];
    const waiters = [];
    ws.on('upgrade', (res) => {
      ws.agreed = res.headers['sec-websocket-extensions'] ?? '';
    });
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      const w = waiters.shift();
      if (w) {
        w(m);
      } else {
        queue.push(m);
      }
    });
    ws.next = (what = 'a message') => (queue.length
      ? Promise.resolve(queue.shift())
      : within(new Promise((r) => waiters.push(r)), what));
    ws.closed = new Promise((r) => ws.once('close', (code) => r(code)));
    ws.once('error', reject);
    ws.once('open', async () => {
      const first = await ws.next('connection_established');
      assert.equal(first.event, 'pusher:connection_established');
      resolve(ws);
    });
  }), 'connection');
}

async function subscribe(ws, channel) {
  ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel } }));
  const ok = await ws.next('subscription_succeeded');
  assert.equal(ok.event, 'pusher_internal:subscription_succeeded');
}

async function compressions() {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const m = text.match(/^sockudo_ws_messages_compressed(?:_total)?(?:\{[^}]*\})? (\S+)$/m);
  assert.ok(m, 'the metric sockudo_ws_messages_compressed is exported');
  return Number(m[1]);
}

function tick(i) {
  return JSON.stringify({
    sym: 'BTC', name: 'Bitcoin / US Dollar spot', exchange: 'example-exchange', currency: 'USD', status: 'open',
    price: 30000 + i * 7, bid: 29999.5 + i, ask: 30000.5 + i, volume: i * 37 % 1000, flags: ['regular', 'continuous'],
  });
}

/** What the stream publishes: ticks, a long message (beyond a 512-byte window) and a tiny one. */
function stream() {
  const out = [];
  for (let i = 0; i < 10; i++) {
    out.push(tick(i));
  }
  out.push(JSON.stringify({ text: 'lorem ipsum dolor sit amet '.repeat(120), n: crypto.randomBytes(64).toString('hex') }));
  out.push('1');
  return out;
}

const combinations = [];
for (const serverNoContextTakeover of [false, true]) {
  for (const clientNoContextTakeover of [false, true]) {
    for (const serverMaxWindowBits of [undefined, 9, 15]) {
      for (const clientMaxWindowBits of [true, 10]) {
        combinations.push({ serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits, clientMaxWindowBits });
      }
    }
  }
}

test(`[${mode}] every parameter combination is agreed as offered and carries the stream both ways`, async () => {
  let n = 0;
  for (const params of combinations) {
    const what = JSON.stringify(params);
    const ws = await connect({ ...params, threshold: 0 });
    try {
      const agreed = ws.agreed;
      assert.match(agreed, /^permessage-deflate/, what);
      assert.equal(agreed.includes('server_no_context_takeover'), params.serverNoContextTakeover, what);
      assert.equal(agreed.includes('client_no_context_takeover'), params.clientNoContextTakeover, what);
      assert.equal(agreed.includes(`server_max_window_bits=${params.serverMaxWindowBits}`), params.serverMaxWindowBits !== undefined, what);
      assert.ok(!agreed.includes('client_max_window_bits'), what);

      const channel = `deflate-${mode}-${n++}`;
      await subscribe(ws, channel); // the client compressed its subscribe (threshold 0)
      const sent = stream();
      const before = ws._socket.bytesRead;
      for (const data of sent) {
        await backend.trigger(channel, 'tick', data);
      }
      let plainBytes = 0;
      for (const data of sent) {
        const m = await ws.next(`event for ${what}`);
        assert.equal(m.event, 'tick', what);
        assert.equal(m.data, data, what);
        plainBytes += JSON.stringify(m).length;
      }
      const wireBytes = ws._socket.bytesRead - before;
      assert.ok(wireBytes < plainBytes, `${what}: ${wireBytes} bytes on the wire for ${plainBytes} bytes of messages`);

      // a compressed message in three fragments, RSV1 on the first only (ws does that)
      const ping = JSON.stringify({ event: 'pusher:ping', data: { pad: 'x'.repeat(3000) } });
      const third = Math.floor(ping.length / 3);
      ws.send(ping.slice(0, third), { fin: false, compress: true });
      ws.send(ping.slice(third, 2 * third), { fin: false, compress: true });
      ws.send(ping.slice(2 * third), { fin: true, compress: true });
      assert.equal((await ws.next('pong')).event, 'pusher:pong', what);
    } finally {
      ws.close();
    }
  }
});

test(`[${mode}] a client that offers nothing gets plain frames`, async () => {
  const ws = await connect(false);
  try {
    assert.equal(ws.agreed, '');
    await subscribe(ws, `plain-${mode}`);
    await backend.trigger(`plain-${mode}`, 'tick', tick(1));
    assert.equal((await ws.next('event')).data, tick(1));
  } finally {
    ws.close();
  }
});

test(`[${mode}] a broadcast costs one compression without context takeover, one per recipient with it`, async () => {
  const sockets = [];
  const N = 25;
  try {
    for (let i = 0; i < N; i++) {
      const ws = await connect(true);
      await subscribe(ws, `fanout-${mode}`);
      sockets.push(ws);
    }
    const publish = async (i) => {
      const before = await compressions();
      await backend.trigger(`fanout-${mode}`, 'tick', tick(i));
      for (const ws of sockets) {
        assert.equal((await ws.next('broadcast')).data, tick(i));
      }
      return (await compressions()) - before;
    };
    const first = await publish(1);
    const second = await publish(2);
    if (mode === 'shared') {
      assert.equal(first, 1, 'one compression for all recipients');
      assert.equal(second, 1, 'one compression for all recipients');
    } else {
      assert.equal(second, N, 'with context takeover each socket compresses against its own history');
    }
  } finally {
    sockets.forEach((ws) => ws.close());
  }
});

test(`[${mode}] a decompression bomb is closed with 1009`, async () => {
  const ws = await connect({ threshold: 0 });
  const bomb = zlib.deflateRawSync(Buffer.alloc(20 * 1024 * 1024), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const payload = bomb.subarray(0, bomb.length - 4);
  assert.ok(payload.length < 64 * 1024, 'the compressed bomb is within the message limit');
  const mask = crypto.randomBytes(4);
  const header = Buffer.alloc(10);
  header[0] = 0x80 | 0x40 | 0x1; // FIN, RSV1, text
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(BigInt(payload.length), 2);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) {
    masked[i] ^= mask[i & 3];
  }
  ws._socket.write(Buffer.concat([header, mask, masked]));
  assert.equal(await within(ws.closed, 'close'), 1009);
});
