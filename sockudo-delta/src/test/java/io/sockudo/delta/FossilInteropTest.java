package io.sockudo.delta;

import static io.sockudo.delta.ExternalTools.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.testkit.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our Fossil deltas against the independent implementations: byte for byte the output of
 * Fossil's C encoder, applied by Fossil's C decoder and by npm fossil-delta; and their deltas
 * applied by ours.
 */
class FossilInteropTest {
  private static final DeltaCodec FOSSIL = DeltaCodec.fossil();

  @TempDir
  static Path dir;
  static List<TestPairs.Pair> pairs;

  @BeforeAll
  static void writePairs() {
    ExternalTools.requireFossil();
    pairs = new ArrayList<>(TestPairs.interop());
    pairs.addAll(randomPairs());
    PairFiles.writePairs(dir, pairs);
  }

  /**
   * Random sizes around the 16-byte block, small to mid-size: text, binary, high bytes, and
   * two- to four-letter alphabets, whose long hash chains and ubiquitous short matches exercise
   * every way the encoder may pass over a position.
   */
  static List<TestPairs.Pair> randomPairs() {
    SplittableRandom rnd = new SplittableRandom(77);
    List<TestPairs.Pair> list = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i < 60 ? 14 + rnd.nextInt(40) : rnd.nextInt(6000);
      byte[] base;
      switch (i % 4) {
        case 0:
          base = TestPairs.text(rnd, n);
          break;
        case 1:
          base = TestPairs.randomBytes(rnd, n);
          break;
        case 2:
          base = TestPairs.highBytes(rnd, n);
          break;
        default:
          base = TestPairs.fewSymbols(rnd, n, 2 + rnd.nextInt(3));
          break;
      }
      list.add(new TestPairs.Pair("random-" + i, base, TestPairs.edit(rnd, base, 1 + rnd.nextInt(8))));
    }
    return list;
  }

  @Test
  void deltasAreByteIdenticalToFossilTestDeltaCreate() {
    PairFiles.forEachParallel(pairs, p -> {
      Path expected = dir.resolve(p.name() + ".c-delta");
      ToolRun.Result r = ExternalTools.run(cmd("fossil", "test-delta-create",
          PairFiles.base(dir, p.name()).toString(), PairFiles.target(dir, p.name()).toString(), expected.toString()));
      assertThat(r.exitCode()).as("fossil test-delta-create %s: %s", p, r.stderr()).isZero();
      assertThat(FOSSIL.encode(p.base(), p.target())).as("delta for %s", p).isEqualTo(PairFiles.read(expected));
    });
  }

  @Test
  void everyDeltaAppliesWithFossilAndWithNpmFossilDelta() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("ours"));
    for (TestPairs.Pair p : pairs) {
      PairFiles.write(PairFiles.base(sub, p.name()), p.base());
      PairFiles.write(PairFiles.delta(sub, p.name()), FOSSIL.encode(p.base(), p.target()));
    }
    PairFiles.forEachParallel(pairs, p -> {
      Path out = sub.resolve(p.name() + ".c-out");
      ToolRun.Result r = ExternalTools.run(cmd("fossil", "test-delta-apply",
          PairFiles.base(sub, p.name()).toString(), PairFiles.delta(sub, p.name()).toString(), out.toString()));
      assertThat(r.exitCode()).as("fossil test-delta-apply %s: %s", p, r.stderr()).isZero();
      assertThat(PairFiles.read(out)).as("fossil applied %s", p).isEqualTo(p.target());
    });

    assertThat(ExternalTools.nodeBatch("fossil-apply", sub)).isEqualTo("{\"ok\":" + pairs.size() + ",\"failed\":0}");
    for (TestPairs.Pair p : pairs) {
      assertThat(PairFiles.read(PairFiles.out(sub, p.name()))).as("npm fossil-delta applied %s", p).isEqualTo(p.target());
    }
  }

  @Test
  void decoderAppliesDeltasMadeByNpmFossilDelta() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("js"));
    PairFiles.writePairs(sub, pairs);
    assertThat(ExternalTools.nodeBatch("fossil-create", sub)).isEqualTo("{\"ok\":" + pairs.size() + ",\"failed\":0}");
    for (TestPairs.Pair p : pairs) {
      byte[] jsDelta = PairFiles.read(PairFiles.delta(sub, p.name()));
      assertThat(FOSSIL.decode(p.base(), jsDelta)).as("decoded npm delta for %s", p).isEqualTo(p.target());
    }
  }
}
