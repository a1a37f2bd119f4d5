#!/usr/bin/env node
// Reference measurement: npm fossil-delta encoding and decoding in-process (node), on the same
// message pairs as the JMH benchmarks (a pairs file written by DeltaCorpusWriter).
//
//   usage: node fossil-delta-node.mjs PAIRS_FILE MIN_MS
//   prints one JSON line: pairs, target bytes, delta bytes, ns per encode and per decode (the
//   fastest of many rounds of about MIN_MS/40 each, run for MIN_MS in total per phase)
//
// The module is resolved from tests/node/node_modules of this repository (npm ci there), or
// from $DELTA_NODE_MODULES if set.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeDir = process.env.DELTA_NODE_MODULES
  ? path.dirname(process.env.DELTA_NODE_MODULES)
  : path.resolve(here, '../../../tests/node');
const require = createRequire(path.join(nodeDir, 'package.json'));
const { createDelta, applyDelta } = await import(pathToFileURL(require.resolve('fossil-delta')).href);

const [file, minMsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node fossil-delta-node.mjs PAIRS_FILE MIN_MS');
  process.exit(2);
}
const minMs = Number(minMsArg || 2000);
const buf = fs.readFileSync(file);
const src = [];
const tgt = [];
for (let p = 0; p + 8 <= buf.length;) {
  let n = buf.readUInt32LE(p); p += 4;
  src.push(new Uint8Array(buf.subarray(p, p + n))); p += n;
  n = buf.readUInt32LE(p); p += 4;
  tgt.push(new Uint8Array(buf.subarray(p, p + n))); p += n;
}

const deltas = src.map((s, i) => createDelta(s, tgt[i]));
let tgtBytes = 0;
let deltaBytes = 0;
deltas.forEach((d, i) => {
  const back = applyDelta(src[i], d);
  if (Buffer.compare(Buffer.from(back), Buffer.from(tgt[i])) !== 0) {
    throw new Error('round trip failed for pair ' + i);
  }
  tgtBytes += tgt[i].length;
  deltaBytes += d.length;
});

// Many short rounds, keeping the fastest, as the C reference does: on a shared machine the
// minimum is the figure least disturbed by other processes. The first rounds warm up the JIT.
function time(fn) {
  let best = Infinity;
  let spent = 0;
  for (let round = 0; spent < minMs || round < 5; round++) {
    let iterations = 0;
    const t0 = process.hrtime.bigint();
    let t1;
    do {
      for (let i = 0; i < src.length; i++) fn(i);
      iterations++;
      t1 = process.hrtime.bigint();
    } while (Number(t1 - t0) / 1e6 < minMs / 40);
    const ms = Number(t1 - t0) / 1e6;
    spent += ms;
    if (round >= 3) best = Math.min(best, (ms * 1e6) / (iterations * src.length));
  }
  return best;
}

let sink = 0;
const encNs = time((i) => { sink += createDelta(src[i], tgt[i]).length; });
const decNs = time((i) => { sink += applyDelta(src[i], deltas[i]).length; });
console.log(JSON.stringify({
  impl: 'fossil-delta-node', node: process.version, pairs: src.length,
  tgt_bytes: tgtBytes, delta_bytes: deltaBytes,
  enc_ns: Math.round(encNs * 10) / 10, dec_ns: Math.round(decNs * 10) / 10, sink: sink > 0,
}));
