package io.sockudo.delta;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic (base, target) pairs covering the shapes the codecs must handle. */
final class TestPairs {
  record Pair(String name, byte[] base, byte[] target) {
    @Override
    public String toString() {
      return name + " (" + base.length + " -> " + target.length + " bytes)";
    }
  }

  private static final String[] WORDS = {"the", "delta", "channel", "event", "price", "user", "online",
      "message", "presence", "subscription", "member", "socket", "cluster", "update", "value"};
  private static final String[] UTF8_WORDS = {"Grüße", "naïve", "façade", "日本語", "中文字", "한국어", "Ελληνικά",
      "русский", "emoji😀", "🚀🌍", "ümlaut", "ß", "€100", "ñandú", "שלום", "العربية"};

  private TestPairs() {
  }

  /** The interop corpus: every edge case named in the format notes plus realistic messages. */
  static List<Pair> interop() {
    SplittableRandom rnd = new SplittableRandom(20240501);
    List<Pair> pairs = new ArrayList<>();
    byte[] text = text(rnd, 3000);
    pairs.add(new Pair("empty-both", new byte[0], new byte[0]));
    pairs.add(new Pair("empty-base", new byte[0], text(rnd, 300)));
    pairs.add(new Pair("empty-target", text(rnd, 300), new byte[0]));
    pairs.add(new Pair("identical", text, text.clone()));
    pairs.add(new Pair("all-different", randomBytes(rnd, 2000), randomBytes(rnd, 2100)));
    pairs.add(new Pair("text-unrelated", text(rnd, 1500), text(rnd, 1500)));
    for (int n : new int[] {1, 2, 3, 4, 5, 15, 16, 17, 31, 32, 33}) {
      byte[] b = text(rnd, n);
      pairs.add(new Pair("tiny-" + n, b, edit(rnd, b, 1)));
    }
    pairs.add(new Pair("tiny-base-large-target", text(rnd, 10), text(rnd, 500)));
    pairs.add(new Pair("target-is-prefix", text, Arrays.copyOf(text, 1000)));
    pairs.add(new Pair("target-extends-base", text, concat(text, text(rnd, 200))));
    pairs.add(new Pair("target-prepends", text, concat(text(rnd, 40), text)));
    pairs.add(new Pair("blocks-swapped", text, concat(Arrays.copyOfRange(text, 1500, 3000), Arrays.copyOf(text, 1500))));
    pairs.add(new Pair("runs", text(rnd, 500), runs(rnd, 5000)));
    pairs.add(new Pair("self-repeating", randomBytes(rnd, 64), repeat(randomBytes(rnd, 37), 4000)));
    byte[] bin = randomBytes(rnd, 40_000);
    pairs.add(new Pair("binary", bin, edit(rnd, bin, 30)));
    byte[] high = highBytes(rnd, 20_000);
    pairs.add(new Pair("binary-high-bytes", high, edit(rnd, high, 20)));
    byte[] sparse = new byte[30_000];
    for (int i = 0; i < 200; i++) {
      sparse[rnd.nextInt(sparse.length)] = (byte) rnd.nextInt(256);
    }
    pairs.add(new Pair("binary-sparse", sparse, edit(rnd, sparse, 10)));
    byte[] utf8 = utf8Text(rnd, 8000);
    pairs.add(new Pair("utf8-multibyte", utf8, edit(rnd, utf8, 12)));
    byte[] mib = text(rnd, 1 << 20);
    pairs.add(new Pair("one-mib", mib, edit(rnd, mib, 200)));
    List<byte[]> feed = jsonFeed(rnd, 41, 900);
    for (int i = 0; i + 1 < feed.size(); i++) {
      pairs.add(new Pair("json-small-" + i, feed.get(i), feed.get(i + 1)));
    }
    List<byte[]> big = jsonFeed(rnd, 9, 14_000);
    for (int i = 0; i + 1 < big.size(); i++) {
      pairs.add(new Pair("json-medium-" + i, big.get(i), big.get(i + 1)));
    }
    List<byte[]> huge = jsonFeed(rnd, 3, 110_000);
    for (int i = 0; i + 1 < huge.size(); i++) {
      pairs.add(new Pair("json-large-" + i, huge.get(i), huge.get(i + 1)));
    }
    return pairs;
  }

  /** Consecutive messages of a JSON feed: each differs from the previous one by small edits. */
  static List<byte[]> jsonFeed(SplittableRandom rnd, int count, int approxSize) {
    int rows = Math.max(1, approxSize / 70);
    long[][] values = new long[rows][4];
    String[] names = new String[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < 4; j++) {
        values[i][j] = rnd.nextLong(1, 10_000_000);
      }
      names[i] = UTF8_WORDS[rnd.nextInt(UTF8_WORDS.length)] + "-" + i;
    }
    List<byte[]> out = new ArrayList<>();
    long ts = 1_700_000_000_000L;
    for (int m = 0; m < count; m++) {
      StringBuilder sb = new StringBuilder(approxSize + 200);
      sb.append("{\"event\":\"update\",\"channel\":\"presence-room\",\"data\":{\"seq\":").append(m)
          .append(",\"ts\":").append(ts).append(",\"rows\":[");
      for (int i = 0; i < rows; i++) {
        long[] v = values[i];
        sb.append(i > 0 ? "," : "").append("{\"name\":\"").append(names[i]).append("\",\"bid\":")
            .append(v[0] / 100).append('.').append(v[0] % 100).append(",\"ask\":").append(v[1])
            .append(",\"size\":").append(v[2]).append(",\"open\":").append(v[3] % 2 == 0).append('}');
      }
      out.add(sb.append("]}}").toString().getBytes(StandardCharsets.UTF_8));
      ts += rnd.nextInt(5000);
      for (int e = 1 + rnd.nextInt(Math.max(2, rows / 10)); e > 0; e--) {
        long[] v = values[rnd.nextInt(rows)];
        v[rnd.nextInt(4)] += rnd.nextLong(-5000, 5000);
      }
    }
    return out;
  }

  /** {@code count} random small edits (replace, insert or delete a few bytes). */
  static byte[] edit(SplittableRandom rnd, byte[] base, int count) {
    byte[] cur = base;
    for (int e = 0; e < count; e++) {
      int at = cur.length == 0 ? 0 : rnd.nextInt(cur.length + 1);
      int len = 1 + rnd.nextInt(12);
      ByteArrayOutputStream out = new ByteArrayOutputStream(cur.length + len);
      out.write(cur, 0, at);
      int kind = rnd.nextInt(3);
      if (kind != 2) { // replace or insert
        byte[] ins = cur.length > 0 && rnd.nextBoolean()
            ? Arrays.copyOfRange(cur, rnd.nextInt(cur.length), cur.length)
            : randomBytes(rnd, len);
        out.write(ins, 0, Math.min(len, ins.length));
      }
      int skip = kind == 1 ? 0 : Math.min(len, cur.length - at);
      out.write(cur, at + skip, cur.length - at - skip);
      cur = out.toByteArray();
    }
    return cur;
  }

  static byte[] randomBytes(SplittableRandom rnd, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return b;
  }

  static byte[] highBytes(SplittableRandom rnd, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (0x80 | rnd.nextInt(8));
    }
    return b;
  }

  static byte[] text(SplittableRandom rnd, int n) {
    StringBuilder sb = new StringBuilder(n + 16);
    while (sb.length() < n) {
      sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(rnd.nextInt(8) == 0 ? ",\n" : " ");
    }
    sb.setLength(n);
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] utf8Text(SplittableRandom rnd, int approxBytes) {
    StringBuilder sb = new StringBuilder();
    int bytes = 0;
    while (bytes < approxBytes) {
      String w = rnd.nextBoolean() ? UTF8_WORDS[rnd.nextInt(UTF8_WORDS.length)] : WORDS[rnd.nextInt(WORDS.length)];
      sb.append(w).append(' ');
      bytes += w.getBytes(StandardCharsets.UTF_8).length + 1;
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes from an alphabet of {@code symbols} letters: long hash chains, every short run common. */
  static byte[] fewSymbols(SplittableRandom rnd, int n, int symbols) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + rnd.nextInt(symbols));
    }
    return b;
  }

  static byte[] runs(SplittableRandom rnd, int n) {
    byte[] b = new byte[n];
    int i = 0;
    while (i < n) {
      int len = Math.min(n - i, 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 300));
      Arrays.fill(b, i, i + len, (byte) rnd.nextInt(256));
      i += len;
    }
    return b;
  }

  static byte[] repeat(byte[] unit, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = unit[i % unit.length];
    }
    return b;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
