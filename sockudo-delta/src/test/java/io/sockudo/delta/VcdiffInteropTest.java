package io.sockudo.delta;

import static io.sockudo.delta.ExternalTools.cmd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.davidehrmann.vcdiff.VCDiffDecoderBuilder;
import com.davidehrmann.vcdiff.VCDiffEncoderBuilder;
import io.sockudo.testkit.ToolRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our VCDIFF against three independent implementations: xdelta3 (C), @ably/vcdiff-decoder (the
 * JavaScript decoder Pusher clients use) and vcdiff-core (a Java port of open-vcdiff).
 */
class VcdiffInteropTest {
  private static final Vcdiff PLAIN = DeltaCodec.vcdiff();
  private static final Vcdiff MULTI_WINDOW = DeltaCodec.vcdiff().withWindowSize(16384);

  @TempDir
  static Path dir;
  static List<TestPairs.Pair> pairs;
  /** Pairs of 100 KB and more, which small windows split into many. */
  static List<TestPairs.Pair> large;

  @BeforeAll
  static void writePairs() {
    ExternalTools.requireXdelta3();
    pairs = TestPairs.interop();
    large = pairs.stream().filter(p -> p.target().length >= 100_000).collect(Collectors.toList());
    PairFiles.writePairs(dir, pairs);
  }

  @Test
  void encoderOutputDecodesWithXdelta3AblyAndVcdiffCore() throws IOException {
    checkDecodersAgree("plain", pairs, PLAIN, true);
  }

  @Test
  void multiWindowOutputDecodesWithXdelta3AblyAndVcdiffCore() throws IOException {
    assertThat(large).hasSizeGreaterThanOrEqualTo(3);
    checkDecodersAgree("windows", large, MULTI_WINDOW, true);
  }

  @Test
  void adler32OutputDecodesWithXdelta3VerifyingTheChecksum() throws IOException {
    checkDecodersAgree("adler32", pairs, Vcdiff.withAdler32(), false);
  }

  /** Our delta for every pair must decode to the target with xdelta3, and with Ably and vcdiff-core if plain. */
  private static void checkDecodersAgree(String name, List<TestPairs.Pair> list, Vcdiff codec, boolean plain)
      throws IOException {
    Path sub = Files.createDirectories(dir.resolve(name));
    for (TestPairs.Pair p : list) {
      PairFiles.write(PairFiles.base(sub, p.name()), p.base());
      PairFiles.write(PairFiles.delta(sub, p.name()), codec.encode(p.base(), p.target()));
    }
    PairFiles.forEachParallel(list, p -> {
      Path out = sub.resolve(p.name() + ".x-out");
      ToolRun.Result r = ExternalTools.run(cmd("xdelta3", "-d", "-f", "-s",
          PairFiles.base(sub, p.name()).toString(), PairFiles.delta(sub, p.name()).toString(), out.toString()));
      assertThat(r.exitCode()).as("xdelta3 -d %s: %s", p, r.stderr()).isZero();
      assertThat(PairFiles.read(out)).as("xdelta3 decoded %s", p).isEqualTo(p.target());
    });
    if (!plain) {
      return;
    }
    assertThat(ExternalTools.nodeBatch("vcdiff-apply", sub)).isEqualTo("{\"ok\":" + list.size() + ",\"failed\":0}");
    for (TestPairs.Pair p : list) {
      assertThat(PairFiles.read(PairFiles.out(sub, p.name()))).as("@ably/vcdiff-decoder decoded %s", p)
          .isEqualTo(p.target());
      byte[] delta = PairFiles.read(PairFiles.delta(sub, p.name()));
      assertThat(vcdiffCoreDecode(p.base(), delta)).as("vcdiff-core decoded %s", p).isEqualTo(p.target());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"-S none -A -n", "-S none -A", "-S none", "-S none -A -n -9", "-S none -A -n -0", "-S none -A -N"})
  void decoderReadsXdelta3Output(String flags) {
    checkDecodesXdelta3(flags, pairs);
  }

  @Test
  void decoderReadsMultiWindowXdelta3Output() {
    checkDecodesXdelta3("-S none -A -W 16384", large);
    byte[] delta = PairFiles.read(dir.resolve(large.get(0).name() + ".xdelta3"));
    assertThat(VcdiffStructure.of(delta).windows()).as("windows").isGreaterThan(5);
  }

  private static void checkDecodesXdelta3(String flags, List<TestPairs.Pair> list) {
    PairFiles.forEachParallel(list, p -> {
      byte[] delta = xdelta3Encode(p, flags);
      assertThat(PLAIN.decode(p.base(), delta)).as("decoded xdelta3 %s delta for %s", flags, p).isEqualTo(p.target());
    });
  }

  @Test
  void decoderVerifiesXdelta3Adler32() {
    TestPairs.Pair p = pairs.stream().filter(x -> x.name().equals("json-small-3")).findFirst().orElseThrow();
    byte[] delta = xdelta3Encode(p, "-S none -A");
    VcdiffStructure.Window w = VcdiffStructure.of(delta).window(0);
    assertThat(w.indicator() & 0x04).as("VCD_ADLER32").isEqualTo(0x04);
    byte[] corrupt = delta.clone();
    corrupt[w.dataStart()] ^= 0x20; // same length, different target byte
    assertThatThrownBy(() -> PLAIN.decode(p.base(), corrupt))
        .isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF window checksum mismatch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lzma", "djw"})
  void decoderRejectsXdelta3SecondaryCompression(String compressor) {
    TestPairs.Pair p = pairs.stream().filter(x -> x.name().equals("utf8-multibyte")).findFirst().orElseThrow();
    byte[] delta = xdelta3Encode(p, "-S " + compressor + " -A -n");
    int id = compressor.equals("lzma") ? 2 : 1;
    assertThatThrownBy(() -> PLAIN.decode(p.base(), delta))
        .isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF secondary compression (id " + id + ") is not supported");
  }

  @Test
  void decoderReadsVcdiffCoreOutputIncludingItsWindowlessEmptyTarget() {
    for (TestPairs.Pair p : pairs) {
      byte[] delta = vcdiffCoreEncode(p.base(), p.target());
      if (p.target().length == 0) {
        assertThat(delta).as("vcdiff-core writes no window for an empty target").hasSize(5);
      }
      assertThat(PLAIN.decode(p.base(), delta)).as("decoded vcdiff-core delta for %s", p).isEqualTo(p.target());
    }
  }

  @Test
  void deltasOfSimilarJsonMessagesAreWithinTenPercentOfXdelta3() {
    List<TestPairs.Pair> json = pairs.stream().filter(p -> p.name().startsWith("json-")).collect(Collectors.toList());
    long[] totals = new long[2];
    List<String> perPair = new ArrayList<>();
    PairFiles.forEachParallel(json, p -> xdelta3Encode(p, "-S none -A -n"));
    for (TestPairs.Pair p : json) {
      int theirs = PairFiles.read(dir.resolve(p.name() + ".xdelta3")).length;
      int ours = PLAIN.encode(p.base(), p.target()).length;
      totals[0] += ours;
      totals[1] += theirs;
      perPair.add(p.name() + " " + ours + "/" + theirs);
    }
    assertThat((double) totals[0]).as("our total %d vs xdelta3 %d over %s", totals[0], totals[1], perPair)
        .isLessThanOrEqualTo(1.10 * totals[1]);
  }

  /** Runs {@code xdelta3 -e FLAGS} on a pair; the delta is also left in NAME.xdelta3. */
  static byte[] xdelta3Encode(TestPairs.Pair p, String flags) {
    Path out = dir.resolve(p.name() + ".xdelta3");
    List<String> command = cmd("xdelta3", "-e", "-f");
    command.addAll(Arrays.asList(flags.split(" ")));
    // a source buffer of the base's size: the default 64 MiB makes each call slow
    command.addAll(List.of("-B", Integer.toString(Math.max(1 << 19, Integer.highestOneBit(Math.max(1, p.base().length)) * 2)),
        "-s", PairFiles.base(dir, p.name()).toString(), PairFiles.target(dir, p.name()).toString(), out.toString()));
    ToolRun.Result r = ExternalTools.run(command);
    assertThat(r.exitCode()).as("xdelta3 %s on %s: %s", flags, p, r.stderr()).isZero();
    return PairFiles.read(out);
  }

  static byte[] vcdiffCoreDecode(byte[] base, byte[] delta) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VCDiffDecoderBuilder.builder().buildSimple().decode(base, delta, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] vcdiffCoreEncode(byte[] base, byte[] target) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VCDiffEncoderBuilder.builder().withDictionary(base).buildSimple().encode(target, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
