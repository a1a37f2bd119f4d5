package io.sockudo.bench.delta;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic pairs of consecutive JSON messages on one channel, the input a realtime server
 * deltas: each target is its base after the small edits a live feed makes (prices and sizes
 * move, a timestamp and a sequence number advance, now and then a row appears or goes).
 *
 * <p>Three sizes: {@link Size#SMALL} (~0.8 KB ticker events), {@link Size#MEDIUM} (~12 KB order
 * book snapshots) and {@link Size#LARGE} (~100 KB leaderboards). The same seed always gives the
 * same bytes, so the JMH benchmarks and the reference scripts for other implementations measure
 * identical data.
 */
public final class DeltaCorpus {

  /** Message size classes. */
  public enum Size {
    SMALL(800),
    MEDIUM(12 * 1024),
    LARGE(100 * 1024);

    final int bytes;

    Size(int bytes) {
      this.bytes = bytes;
    }

    public int bytes() {
      return bytes;
    }
  }

  /** One base message and the message that follows it. */
  public record Pair(byte[] base, byte[] target) {
  }

  private static final String[] SYMBOLS = {"BTC-USD", "ETH-USD", "SOL-USD", "ADA-EUR", "XRP-GBP", "DOGE-USD"};
  private static final String[] NAMES = {"Amélie", "Björn", "Chloé", "Dmitri", "Eun-ji", "François", "Grzegorz",
      "Hiroshi", "Ingrid", "José", "Kübra", "Łukasz", "Mårten", "Nuño", "Øyvind", "Zoë"};

  private DeltaCorpus() {
  }

  /** {@code count} pairs of the given size; the stream of messages is a function of {@code seed}. */
  public static List<Pair> pairs(Size size, int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed ^ size.ordinal() * 0x9E3779B97F4A7C15L);
    List<Pair> pairs = new ArrayList<>(count);
    Feed feed = new Feed(size, rnd);
    for (int i = 0; i < count; i++) {
      byte[] base = feed.render();
      feed.advance();
      pairs.add(new Pair(base, feed.render()));
    }
    return pairs;
  }

  /** A message stream: mutable state rendered to JSON after each step. */
  private static final class Feed {
    private final Size size;
    private final SplittableRandom rnd;
    private final String channel;
    private long seq;
    private long ts = 1_700_000_000_000L;
    private int nextId = 1;
    /** Rows of numbers: ticker fields, book levels or leaderboard scores. */
    private final List<double[]> rows = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    Feed(Size size, SplittableRandom rnd) {
      this.size = size;
      this.rnd = rnd;
      this.channel = "private-" + SYMBOLS[rnd.nextInt(SYMBOLS.length)].toLowerCase(Locale.ROOT);
      this.seq = rnd.nextInt(1_000_000);
      while (render().length < size.bytes) {
        addRow(rows.size());
      }
    }

    private void addRow(int at) {
      double[] row = new double[size == Size.SMALL ? 1 : 5];
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.round(rnd.nextDouble(1, 50_000) * 100) / 100.0;
      }
      if (row.length > 4) {
        row[4] = nextId++; // a stable identity, never edited
      }
      rows.add(at, row);
      labels.add(at, NAMES[rnd.nextInt(NAMES.length)] + "-" + Integer.toString(rnd.nextInt(1 << 20), 36));
    }

    /** One step of the feed: a few values move, sometimes a row is added or removed. */
    void advance() {
      seq++;
      ts += 50 + rnd.nextInt(2000);
      int changes = size == Size.SMALL ? 2 + rnd.nextInt(4) : 1 + rnd.nextInt(Math.max(2, rows.size() / 25));
      for (int c = 0; c < changes; c++) {
        double[] row = rows.get(rnd.nextInt(rows.size()));
        int j = rnd.nextInt(Math.min(4, row.length));
        row[j] = Math.max(0.01, Math.round(row[j] * (1 + rnd.nextDouble(-0.02, 0.02)) * 100) / 100.0);
      }
      if (size != Size.SMALL && rnd.nextInt(4) == 0) {
        if (rnd.nextBoolean() && rows.size() > 2) {
          int at = rnd.nextInt(rows.size());
          rows.remove(at);
          labels.remove(at);
        } else {
          addRow(rnd.nextInt(rows.size() + 1));
        }
      }
    }

    byte[] render() {
      StringBuilder sb = new StringBuilder(size.bytes + 256);
      sb.append("{\"event\":\"").append(size == Size.SMALL ? "ticker" : size == Size.MEDIUM ? "book" : "leaderboard")
          .append("\",\"channel\":\"").append(channel)
          .append("\",\"data\":{\"seq\":").append(seq)
          .append(",\"ts\":").append(ts);
      switch (size) {
        case SMALL:
          renderTicker(sb);
          break;
        case MEDIUM:
          renderBook(sb);
          break;
        default:
          renderLeaderboard(sb);
          break;
      }
      sb.append("}}");
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void renderTicker(StringBuilder sb) {
      String[] fields = {"last", "bid", "ask", "open", "high", "low", "volume", "quoteVolume", "vwap", "change"};
      sb.append(",\"symbol\":\"").append(channel.substring(8).toUpperCase(Locale.ROOT)).append('"');
      for (int i = 0; i < rows.size(); i++) {
        sb.append(",\"").append(fields[i % fields.length]).append(i / fields.length).append("\":\"");
        num(sb, rows.get(i)[0]).append("\"");
      }
      sb.append(",\"source\":\"").append(labels.isEmpty() ? "" : labels.get(0)).append('"');
    }

    private void renderBook(StringBuilder sb) {
      int half = rows.size() / 2;
      sb.append(",\"bids\":[");
      for (int i = 0; i < half; i++) {
        level(sb.append(i > 0 ? "," : ""), rows.get(i));
      }
      sb.append("],\"asks\":[");
      for (int i = half; i < rows.size(); i++) {
        level(sb.append(i > half ? "," : ""), rows.get(i));
      }
      sb.append(']');
    }

    private void level(StringBuilder sb, double[] row) {
      sb.append("[\"");
      num(sb, row[0]).append("\",\"");
      num(sb, row[1]).append("\",").append((int) row[2]).append(']');
    }

    private void renderLeaderboard(StringBuilder sb) {
      sb.append(",\"players\":[");
      for (int i = 0; i < rows.size(); i++) {
        double[] r = rows.get(i);
        sb.append(i > 0 ? "," : "").append("{\"id\":").append((int) r[4])
            .append(",\"name\":\"").append(labels.get(i))
            .append("\",\"score\":").append((long) r[0])
            .append(",\"kills\":").append((int) r[1] % 500)
            .append(",\"accuracy\":");
        num(sb, r[2] / 1000).append(",\"online\":").append(((int) r[3] & 1) == 0).append('}');
      }
      sb.append(']');
    }

    private static StringBuilder num(StringBuilder sb, double v) {
      long cents = Math.round(v * 100);
      return sb.append(cents / 100).append('.').append(cents % 100 < 10 ? "0" : "").append(cents % 100);
    }
  }
}
