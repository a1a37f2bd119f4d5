package io.sockudo.bench.delta;

import io.sockudo.delta.DeltaCodec;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the benchmark corpus for the reference implementations measured outside the JVM:
 * {@code OUT_DIR/pairs-small.bin}, {@code pairs-medium.bin}, {@code pairs-large.bin}.
 *
 * <p>Each file is a sequence of pairs, each pair {@code u32le baseLength, base, u32le
 * targetLength, target}. Standard output gets one JSON line per size with the corpus totals and
 * the delta bytes each codec produces for it, which the benchmark report uses for MB/s and sizes.
 *
 * <pre>java -cp sockudo-bench/target/benchmarks.jar io.sockudo.bench.delta.DeltaCorpusWriter OUT_DIR</pre>
 */
public final class DeltaCorpusWriter {
  private DeltaCorpusWriter() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: DeltaCorpusWriter OUT_DIR");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    for (DeltaCorpus.Size size : DeltaCorpus.Size.values()) {
      Path file = dir.resolve("pairs-" + size.name().toLowerCase(Locale.ROOT) + ".bin");
      List<DeltaCorpus.Pair> pairs = DeltaBenchmarkData.pairs(size);
      write(pairs, file);
      long target = 0;
      long fossil = 0;
      long vcdiff = 0;
      for (DeltaCorpus.Pair p : pairs) {
        target += p.target().length;
        fossil += DeltaCodec.fossil().encode(p.base(), p.target()).length;
        vcdiff += DeltaCodec.vcdiff().encode(p.base(), p.target()).length;
      }
      System.out.printf(Locale.ROOT, "{\"size\":\"%s\",\"file\":\"%s\",\"pairs\":%d,\"tgt_bytes\":%d,"
          + "\"fossil_bytes\":%d,\"xdelta3_bytes\":%d}%n",
          size, file.getFileName(), pairs.size(), target, fossil, vcdiff);
    }
  }

  static void write(List<DeltaCorpus.Pair> pairs, Path file) throws IOException {
    try (OutputStream os = Files.newOutputStream(file);
         DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
      for (DeltaCorpus.Pair p : pairs) {
        out.writeInt(Integer.reverseBytes(p.base().length));
        out.write(p.base());
        out.writeInt(Integer.reverseBytes(p.target().length));
        out.write(p.target());
      }
    }
  }
}
