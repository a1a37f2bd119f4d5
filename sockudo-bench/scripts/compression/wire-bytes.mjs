#!/usr/bin/env node
// Wire bytes and server CPU per delivery for one kind of subscriber at a time, on three streams.
// SUBSCRIBERS clients of the kind subscribe to the stream's channel, MESSAGES events are
// published at RATE per second through the HTTP API, and once every client has every message
// the bytes read from the clients' TCP sockets (compressed or not, frame headers included) and
// the server's CPU time are divided by the deliveries.
//
//   PORT=… SERVER_PID=… KINDS=plain,deflate,delta,delta+deflate LABEL=shared node wire-bytes.mjs
//
// Kinds: plain (offers no extension), deflate (offers permessage-deflate, as browsers do),
// delta (pusher:enable_delta_compression, no extension), delta+deflate (both). Whether deflate
// is compress-once or per socket is the server's websocket.compression (LABEL says which).
// Streams: ticker (20 symbols, ~400-byte events, small changing fields, conflation by sym when
// the server sets conflation_key_path "sym"), chat (short lines of random words: little overlap),
// game (a state update of 16 entities whose positions move a little every tick).
// Prints one JSON line per (kind, stream). ws and pusher come from tests/node/node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(path.resolve(here, '../../../tests/node'), 'package.json'));
const WebSocket = require('ws');
const PusherServer = require('pusher');

const port = Number(process.env.PORT);
const serverPid = process.env.SERVER_PID;
const subscribers = Number(process.env.SUBSCRIBERS ?? 1000);
const messages = Number(process.env.MESSAGES ?? 100);
const rate = Number(process.env.RATE ?? 10);
const kinds = (process.env.KINDS ?? 'plain,deflate,delta,delta+deflate').split(',');
const label = process.env.LABEL ?? '';
const streams = (process.env.STREAMS ?? 'ticker,chat,game').split(',');
const backend = new PusherServer({ appId: 'app-id', key: 'app-key', secret: 'app-secret', host: '127.0.0.1', port, useTLS: false });
const url = `ws://127.0.0.1:${port}/app/app-key?protocol=7&client=bench&version=1`;
const TICK_MS = 10; // USER_HZ of /proc/PID/stat

function cpuTicks() {
  const stat = fs.readFileSync(`/proc/${serverPid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** A small deterministic generator, so every kind gets the very same messages. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const WORDS = 'the a to of and you it is that for on was with he as i his they be at one have this from or had by hot but some what there we can out other were all your when up use word how said an each she which do their time if will way about many then them would write like so these her long make thing see him two has look more day could go come did my sound no most number who over know water than call first people may down side been now find'.split(' ');

function generator(stream) {
  const r = random(stream.length * 7919);
  const symbols = Array.from({ length: 20 }, (_, i) => `SYM${i}`);
  const entities = Array.from({ length: 16 }, (_, i) => ({ id: `p${i}`, x: 100 * i, y: 50 * i, hp: 100, team: i % 2 ? 'red' : 'blue' }));
  return (i) => {
    if (stream === 'ticker') {
      const sym = symbols[i % symbols.length];
      return JSON.stringify({
        sym, name: `${sym} / US Dollar spot`, exchange: 'example-exchange', currency: 'USD', status: 'open',
        bid: (1000 + r() * 10).toFixed(2), ask: (1001 + r() * 10).toFixed(2), vol: Math.floor(r() * 100000), ts: 1764000000000 + i * 100,
        session: { open: '2026-11-28T00:00:00Z', close: '2026-11-29T00:00:00Z', tz: 'UTC' }, flags: ['regular', 'continuous'],
        tick_size: '0.01', lot_size: '0.0001', source: 'consolidated feed',
      });
    }
    if (stream === 'chat') {
      const words = Array.from({ length: 4 + Math.floor(r() * 20) }, () => WORDS[Math.floor(r() * WORDS.length)]);
      return JSON.stringify({ user: `user${Math.floor(r() * 500)}`, id: 100000 + i, text: words.join(' ') });
    }
    for (const e of entities) {
      e.x += Math.round((r() - 0.5) * 8);
      e.y += Math.round((r() - 0.5) * 8);
      if (r() < 0.1) {
        e.hp = Math.max(0, e.hp - Math.floor(r() * 10));
      }
    }
    return JSON.stringify({ tick: i, entities });
  };
}

function connect(kind) {
  return new Promise((resolve, reject) => {
    const deflate = kind.includes('deflate');
    const ws = new WebSocket(url, { perMessageDeflate: deflate ? {} : false });
    ws.deliveries = 0;
    ws.once('error', reject);
    ws.on('message', (data) => {
      const head = data.subarray(0, 48).toString('latin1');
      if (head.startsWith('{"event":"pusher:connection_established')) {
        if (kind.startsWith('delta')) {
          ws.send('{"event":"pusher:enable_delta_compression","data":{"algorithms":["fossil"]}}');
        }
        resolve(ws);
      } else if (head.startsWith('{"event":"pusher:delta"') || !head.startsWith('{"event":"pusher')) {
        ws.deliveries++;
      }
    });
  });
}

async function waitFor(check, what, ms) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function run(kind) {
  const clients = [];
  for (let i = 0; i < subscribers; i += 50) {
    clients.push(...await Promise.all(Array.from({ length: Math.min(50, subscribers - i) }, () => connect(kind))));
  }
  for (const stream of streams) {
    const channel = `${stream}-${kind.replace("+", "_")}-${label}`;
    let subscribed = 0;
    for (const ws of clients) {
      const onMessage = (data) => {
        if (data.subarray(0, 48).toString('latin1').includes('subscription_succeeded')) {
          subscribed++;
          ws.off('message', onMessage);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel } }));
    }
    await waitFor(() => subscribed === clients.length, 'subscriptions', 30000);
    const bytesBefore = clients.reduce((s, ws) => s + ws._socket.bytesRead, 0);
    const deliveriesBefore = clients.reduce((s, ws) => s + ws.deliveries, 0);
    const cpuBefore = cpuTicks();
    const next = generator(stream);
    let plainPayload = 0;
    const start = Date.now();
    for (let i = 0; i < messages; i++) {
      const data = next(i);
      plainPayload += data.length;
      await backend.trigger(channel, 'update', data);
      const due = start + ((i + 1) * 1000) / rate;
      if (due > Date.now()) {
        await new Promise((r) => setTimeout(r, due - Date.now()));
      }
    }
    const expected = deliveriesBefore + messages * clients.length;
    await waitFor(() => clients.reduce((s, ws) => s + ws.deliveries, 0) >= expected, 'deliveries', 60000);
    const cpu = (cpuTicks() - cpuBefore) * TICK_MS * 1000;
    const bytes = clients.reduce((s, ws) => s + ws._socket.bytesRead, 0) - bytesBefore;
    const deliveries = messages * clients.length;
    console.log(JSON.stringify({
      label, kind, stream, subscribers: clients.length, messages, avg_event_bytes: Math.round(plainPayload / messages),
      wire_bytes_per_delivery: +(bytes / deliveries).toFixed(1), server_cpu_us_per_delivery: +(cpu / deliveries).toFixed(2),
    }));
    for (const ws of clients) {
      ws.send(JSON.stringify({ event: 'pusher:unsubscribe', data: { channel } }));
    }
  }
  await Promise.all(clients.map((ws) => new Promise((r) => {
    ws.once('close', r);
    ws.close();
  })));
}

for (const kind of kinds) {
  await run(kind);
}
