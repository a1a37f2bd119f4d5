#!/usr/bin/env node
// Turns one benchmark run (run-benchmarks.sh's output directory) into the Markdown tables of
// docs/benchmarks.md: JMH results for our codecs, the reference measurements, and the ratios.
//
//   usage: node report.mjs RUN_DIR
//   reads RUN_DIR/corpus.jsonl, RUN_DIR/jmh.json, RUN_DIR/references.jsonl
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node report.mjs RUN_DIR');
  process.exit(2);
}
const lines = (f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const corpus = Object.fromEntries(lines('corpus.jsonl').map((c) => [c.size, c]));
const refs = lines('references.jsonl');
const jmh = JSON.parse(fs.readFileSync(path.join(dir, 'jmh.json'), 'utf8'));

const SIZES = ['SMALL', 'MEDIUM', 'LARGE'];
const LABEL = { SMALL: '~0.8 KB', MEDIUM: '~12 KB', LARGE: '~100 KB' };
const meanTarget = (size) => corpus[size].tgt_bytes / corpus[size].pairs;
const fmt = (x, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mbps = (opsPerSec, size) => (opsPerSec * meanTarget(size)) / 1e6;

// The best measurement iteration, like the references' best round: on a shared machine the
// fastest slice is the one least disturbed by other processes. The mean is shown alongside.
function result(method, codec, size) {
  const r = jmh.find((b) => b.benchmark.endsWith('.' + method) && b.params.codec === codec && b.params.size === size);
  if (!r) return null;
  const alloc = Object.entries(r.secondaryMetrics || {}).find(([k]) => k.endsWith('gc.alloc.rate.norm'));
  const raw = r.primaryMetric.rawData.flat();
  return { ops: Math.max(...raw), mean: r.primaryMetric.score, alloc: alloc ? alloc[1].score : null };
}

function ref(impl, size) {
  const file = corpus[size].file;
  return refs.find((r) => r.impl === impl && r.file === file);
}

const out = [];
out.push('### Our codecs (JMH, one thread; best iteration, mean in parentheses)');
out.push('');
out.push('| codec | message | delta / target | encode msgs/s | encode MB/s | decode msgs/s | decode MB/s | encode with fresh scratch msgs/s | B allocated per encode (reused / fresh) |');
out.push('|---|---|---|---:|---:|---:|---:|---:|---:|');
for (const codec of ['fossil', 'xdelta3']) {
  for (const size of SIZES) {
    const enc = result('encode', codec, size);
    const dec = result('decode', codec, size);
    const fresh = result('encodeAllocating', codec, size);
    if (!enc || !dec) continue;
    const ratio = corpus[size][codec + '_bytes'] / corpus[size].tgt_bytes;
    const alloc = enc.alloc == null ? 'n/a' : `${fmt(enc.alloc)} / ${fresh && fresh.alloc != null ? fmt(fresh.alloc) : 'n/a'}`;
    out.push(`| ${codec === 'xdelta3' ? 'vcdiff' : codec} | ${LABEL[size]} (${fmt(meanTarget(size))} B) | ${fmt(100 * ratio, 2)} % `
      + `| ${fmt(enc.ops)} (${fmt(enc.mean)}) | ${fmt(mbps(enc.ops, size))} | ${fmt(dec.ops)} (${fmt(dec.mean)}) | ${fmt(mbps(dec.ops, size))} `
      + `| ${fresh ? fmt(fresh.ops) : 'n/a'} | ${alloc} |`);
  }
}
out.push('');
out.push('### Fossil against npm fossil-delta (node, in-process)');
out.push('');
out.push('| message | ours encode msgs/s | fossil-delta encode msgs/s | ratio | ours decode msgs/s | fossil-delta decode msgs/s | ratio |');
out.push('|---|---:|---:|---:|---:|---:|---:|');
for (const size of SIZES) {
  const enc = result('encode', 'fossil', size);
  const dec = result('decode', 'fossil', size);
  const js = ref('fossil-delta-node', size);
  if (!enc || !js) continue;
  const jsEnc = 1e9 / js.enc_ns;
  const jsDec = 1e9 / js.dec_ns;
  out.push(`| ${LABEL[size]} | ${fmt(enc.ops)} | ${fmt(jsEnc)} | **${fmt(enc.ops / jsEnc, 1)}×** | ${fmt(dec.ops)} | ${fmt(jsDec)} | ${fmt(dec.ops / jsDec, 1)}× |`);
}
out.push('');
out.push('### VCDIFF against the xdelta3 C library (in-process, `xd3_encode_memory`, level 3, no secondary compression, no checksum)');
out.push('');
out.push('| message | ours encode msgs/s | xdelta3 encode msgs/s | ratio | ours decode msgs/s | xdelta3 decode msgs/s | ratio | our delta bytes | xdelta3 delta bytes | size ratio |');
out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const size of SIZES) {
  const enc = result('encode', 'xdelta3', size);
  const dec = result('decode', 'xdelta3', size);
  const c = ref('xdelta3-c', size);
  if (!enc || !c) continue;
  const cEnc = 1e9 / c.enc_ns;
  const cDec = 1e9 / c.dec_ns;
  const ours = corpus[size].xdelta3_bytes;
  out.push(`| ${LABEL[size]} | ${fmt(enc.ops)} | ${fmt(cEnc)} | **${fmt(enc.ops / cEnc, 2)}×** | ${fmt(dec.ops)} | ${fmt(cDec)} | ${fmt(dec.ops / cDec, 2)}× `
    + `| ${fmt(ours)} | ${fmt(c.delta_bytes)} | **${fmt(ours / c.delta_bytes, 3)}** |`);
}
console.log(out.join('\n'));
