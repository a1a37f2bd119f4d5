#!/usr/bin/env node
// Runs the independent JavaScript delta codecs over a whole directory of pairs in one process,
// so the interop tests pay for one node start instead of one per pair.
//
//   node delta-batch.mjs fossil-create DIR   for each NAME.target (+ NAME.base): writes NAME.delta
//   node delta-batch.mjs fossil-apply DIR    for each NAME.delta (+ NAME.base): writes NAME.out
//   node delta-batch.mjs vcdiff-apply DIR    for each NAME.delta (+ NAME.base): writes NAME.out
//
// fossil-* use npm fossil-delta (applyDelta verifies the checksum); vcdiff-apply uses npm
// @ably/vcdiff-decoder. A pair that fails gets NAME.err with the error message instead.
// Modules are resolved from $DELTA_NODE_HOME (the directory holding node_modules).
// Prints one JSON line: {"ok": n, "failed": n}.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [command, dir] = process.argv.slice(2);
const home = process.env.DELTA_NODE_HOME;
if (!command || !dir || !home) {
  console.error('usage: DELTA_NODE_HOME=DIR node delta-batch.mjs fossil-create|fossil-apply|vcdiff-apply PAIRS_DIR');
  process.exit(2);
}
const require = createRequire(path.join(home, 'package.json'));
const fossil = await import(pathToFileURL(require.resolve('fossil-delta')).href);
const ably = require('@ably/vcdiff-decoder');

const inputSuffix = command === 'fossil-create' ? '.target' : '.delta';
const outputSuffix = command === 'fossil-create' ? '.delta' : '.out';
const read = (name) => new Uint8Array(fs.readFileSync(path.join(dir, name)));

let ok = 0;
let failed = 0;
for (const file of fs.readdirSync(dir).sort()) {
  if (!file.endsWith(inputSuffix)) continue;
  const name = file.slice(0, -inputSuffix.length);
  const base = read(name + '.base');
  const input = read(file);
  try {
    let result;
    if (command === 'fossil-create') result = fossil.createDelta(base, input);
    else if (command === 'fossil-apply') result = fossil.applyDelta(base, input);
    else if (command === 'vcdiff-apply') result = ably.decode(input, base);
    else throw new Error('unknown command ' + command);
    fs.writeFileSync(path.join(dir, name + outputSuffix), result);
    ok++;
  } catch (e) {
    fs.writeFileSync(path.join(dir, name + '.err'), String(e && e.message || e));
    failed++;
  }
}
console.log(JSON.stringify({ ok, failed }));
