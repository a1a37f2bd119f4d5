/*
 * Reference measurement: the xdelta3 C library encoding and decoding in-process, on the same
 * message pairs as the JMH benchmarks (a pairs file written by DeltaCorpusWriter).
 *
 * Built against xdelta3's own source by xdelta3-inprocess.sh, which fetches it at benchmark
 * time; nothing of xdelta3 is kept in this repository.
 *
 *   usage: xdelta3-inprocess PAIRS_FILE MIN_MS [LEVEL]
 *   prints one JSON line: pairs, target bytes, delta bytes, ns per encode and per decode (the
 *   fastest of many rounds of about MIN_MS/40 each, run for MIN_MS in total per phase)
 *
 * Flags mirror `xdelta3 -e -S none -A -n` (the plain RFC 3284 form): no secondary compression,
 * no application header (the library never writes one), no Adler-32. LEVEL defaults to 3, the
 * command line's default.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NOT_MAIN 1
#include "xdelta3.h"
#include "xdelta3.c"

typedef struct {
  uint8_t *src, *tgt, *delta;
  usize_t src_len, tgt_len, delta_len;
} pair_t;

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static uint32_t read_u32le(const uint8_t *p) {
  return (uint32_t) p[0] | ((uint32_t) p[1] << 8) | ((uint32_t) p[2] << 16) | ((uint32_t) p[3] << 24);
}

static uint8_t *slurp(const char *name, size_t *len) {
  FILE *f = fopen(name, "rb");
  if (!f) { perror(name); exit(2); }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *buf = malloc(n > 0 ? n : 1);
  if (fread(buf, 1, n, f) != (size_t) n) { perror(name); exit(2); }
  fclose(f);
  *len = (size_t) n;
  return buf;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s PAIRS_FILE MIN_MS [LEVEL]\n", argv[0]);
    return 2;
  }
  double min_ns = atof(argv[2]) * 1e6;
  int level = argc > 3 ? atoi(argv[3]) : 3;
  int flags = (level << XD3_COMPLEVEL_SHIFT) & XD3_COMPLEVEL_MASK;

  size_t file_len;
  uint8_t *file = slurp(argv[1], &file_len);
  size_t cap = 64, n = 0;
  pair_t *pairs = malloc(cap * sizeof(pair_t));
  for (size_t p = 0; p + 8 <= file_len;) {
    if (n == cap) { cap *= 2; pairs = realloc(pairs, cap * sizeof(pair_t)); }
    pair_t *x = &pairs[n++];
    x->src_len = read_u32le(file + p); p += 4;
    x->src = file + p; p += x->src_len;
    x->tgt_len = read_u32le(file + p); p += 4;
    x->tgt = file + p; p += x->tgt_len;
    x->delta = malloc(x->tgt_len * 2 + 1024);
  }

  size_t out_cap = 0;
  for (size_t i = 0; i < n; i++) if (pairs[i].tgt_len > out_cap) out_cap = pairs[i].tgt_len;
  uint8_t *out = malloc(out_cap + 1);

  uint64_t tgt_bytes = 0, delta_bytes = 0;
  for (size_t i = 0; i < n; i++) {
    pair_t *x = &pairs[i];
    int ret = xd3_encode_memory(x->tgt, x->tgt_len, x->src, x->src_len,
                                x->delta, &x->delta_len, x->tgt_len * 2 + 1024, flags);
    if (ret) { fprintf(stderr, "encode %zu: %s\n", i, xd3_strerror(ret)); return 1; }
    usize_t out_len;
    ret = xd3_decode_memory(x->delta, x->delta_len, x->src, x->src_len, out, &out_len, out_cap + 1, 0);
    if (ret || out_len != x->tgt_len || memcmp(out, x->tgt, out_len)) {
      fprintf(stderr, "round trip %zu failed\n", i);
      return 1;
    }
    tgt_bytes += x->tgt_len;
    delta_bytes += x->delta_len;
  }

  /* Many short rounds, keeping the fastest: on a shared machine the minimum is the figure least
   * disturbed by other processes. Round 0 warms caches and the allocator. */
  double ns[2];
  for (int phase = 0; phase < 2; phase++) {
    double best = 1e300, spent = 0;
    for (int round = 0; spent < min_ns || round < 5; round++) {
      long iterations = 0;
      double t0 = now_ns(), t1;
      do {
        for (size_t i = 0; i < n; i++) {
          pair_t *x = &pairs[i];
          usize_t len;
          if (phase == 0) {
            xd3_encode_memory(x->tgt, x->tgt_len, x->src, x->src_len,
                              x->delta, &len, x->tgt_len * 2 + 1024, flags);
          } else {
            xd3_decode_memory(x->delta, x->delta_len, x->src, x->src_len, out, &len, out_cap + 1, 0);
          }
        }
        iterations++;
        t1 = now_ns();
      } while (t1 - t0 < min_ns / 40);
      spent += t1 - t0;
      double per = (t1 - t0) / ((double) iterations * n);
      if (round > 0 && per < best) best = per;
    }
    ns[phase] = best;
  }
  printf("{\"impl\":\"xdelta3-c\",\"level\":%d,\"pairs\":%zu,\"tgt_bytes\":%llu,\"delta_bytes\":%llu,"
         "\"enc_ns\":%.1f,\"dec_ns\":%.1f}\n",
         level, n, (unsigned long long) tgt_bytes, (unsigned long long) delta_bytes, ns[0], ns[1]);
  return 0;
}
