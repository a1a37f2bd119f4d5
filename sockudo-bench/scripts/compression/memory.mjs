#!/usr/bin/env node
// Server memory per connection with permessage-deflate: CONNECTIONS clients of one kind connect,
// subscribe (a deflate client compresses its subscribe, as browsers do, so the server inflates
// it) and receive MESSAGES broadcasts (so a per-socket compressor, if any, has its history);
// then the server's heap after a full collection (jcmd GC.run, GC.heap_info) and its RSS are
// read and compared with the same before the connections, per connection.
//
//   PORT=… SERVER_PID=… KIND=deflate LABEL=dedicated node memory.mjs
//
// KIND plain (offers no extension) or deflate (offers permessage-deflate). Prints one JSON line.
// ws and pusher come from tests/node/node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(path.resolve(here, '../../../tests/node'), 'package.json'));
const WebSocket = require('ws');
const PusherServer = require('pusher');

const port = Number(process.env.PORT);
const serverPid = process.env.SERVER_PID;
const connections = Number(process.env.CONNECTIONS ?? 2000);
const messages = Number(process.env.MESSAGES ?? 20);
const kind = process.env.KIND ?? 'deflate';
const label = process.env.LABEL ?? '';
const warmup = Number(process.env.WARMUP_CONNECTIONS ?? 300);
const backend = new PusherServer({ appId: 'app-id', key: 'app-key', secret: 'app-secret', host: '127.0.0.1', port, useTLS: false });
const url = `ws://127.0.0.1:${port}/app/app-key?protocol=7&client=bench&version=1`;

function jcmd(command) {
  const bin = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'jcmd') : 'jcmd';
  return execFileSync(bin, [serverPid, command], { encoding: 'utf8' });
}

/** Heap used after a full collection (KiB; the spaces GC.heap_info lists at top level) and RSS (KiB). */
async function memory() {
  jcmd('GC.run');
  await new Promise((r) => setTimeout(r, 500));
  let heap = 0;
  for (const line of jcmd('GC.heap_info').split('\n')) {
    if (line.startsWith(' ') && !line.startsWith('  ') && !line.includes('Metaspace') && line.includes('total')) {
      const m = line.match(/used (\d+)K/);
      if (m) {
        heap += Number(m[1]);
      }
    }
  }
  const rss = Number(fs.readFileSync(`/proc/${serverPid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
  return { heap, rss };
}

function connect(channel) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: kind === 'deflate' ? { threshold: 0 } : false });
    ws.deliveries = 0;
    ws.once('error', reject);
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"event":"pusher:connection_established')) {
        ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel } }));
      } else if (text.includes('subscription_succeeded')) {
        resolve(ws);
      } else if (!text.startsWith('{"event":"pusher')) {
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

function tick(i) {
  const sym = `SYM${i % 20}`;
  return JSON.stringify({
    sym, name: `${sym} / US Dollar spot`, exchange: 'example-exchange', currency: 'USD', status: 'open',
    bid: (1000 + (i * 37) % 10).toFixed(2), ask: (1001 + (i * 53) % 10).toFixed(2), vol: (i * 7919) % 100000, ts: 1764000000000 + i * 100,
  });
}

/** Opens n clients on a channel, sends them `messages` broadcasts and waits until all arrived. */
async function open(n, channel) {
  const clients = [];
  for (let i = 0; i < n; i += 100) {
    clients.push(...await Promise.all(Array.from({ length: Math.min(100, n - i) }, () => connect(channel))));
  }
  for (let i = 0; i < messages; i++) {
    await backend.trigger(channel, 'update', tick(i));
  }
  await waitFor(() => clients.every((ws) => ws.deliveries >= messages), 'deliveries', 60000);
  return clients;
}

async function closeAll(clients) {
  await Promise.all(clients.map((ws) => new Promise((r) => {
    ws.once('close', r);
    ws.close();
  })));
}

// the same work once before the baseline, so that classes are loaded and code is compiled
await closeAll(await open(warmup, `memory-warmup-${label}`));
await new Promise((r) => setTimeout(r, 1000));
const before = await memory();
const clients = await open(connections, `memory-${label}`);
const after = await memory();
console.log(JSON.stringify({
  label, kind, connections, messages,
  heap_before_mb: +(before.heap / 1024).toFixed(1), heap_after_mb: +(after.heap / 1024).toFixed(1),
  heap_per_conn_kb: +((after.heap - before.heap) / connections).toFixed(2),
  rss_per_conn_kb: +((after.rss - before.rss) / connections).toFixed(2),
}));
await closeAll(clients);
