package io.sockudo.delta.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.delta.DeltaCodec;
import io.sockudo.delta.Vcdiff;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeltaCliTest {
  @TempDir
  Path dir;
  Path base;
  Path target;
  final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  byte[] stdin = new byte[0];

  @BeforeEach
  void files() throws IOException {
    base = Files.writeString(dir.resolve("base.json"), "{\"price\":\"43123.55\",\"volume\":\"190.75\",\"ts\":1700000000000}");
    target = Files.writeString(dir.resolve("target.json"), "{\"price\":\"43124.10\",\"volume\":\"190.75\",\"ts\":1700000000129}");
  }

  private int run(String... args) {
    return DeltaCli.run(args, new ByteArrayInputStream(stdin), new PrintStream(stdout, true, UTF_8),
        new PrintStream(stderr, true, UTF_8));
  }

  private String err() {
    return stderr.toString(UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fossil", "vcdiff", "xdelta3"})
  void encodeThenDecodeRestoresTheTarget(String codec) throws IOException {
    Path delta = dir.resolve("delta");
    Path out = dir.resolve("out");
    assertThat(run("encode", codec, base.toString(), target.toString(), delta.toString())).isZero();
    assertThat(run("decode", codec, base.toString(), delta.toString(), out.toString())).isZero();
    assertThat(err()).isEmpty();
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(target));
    assertThat(Files.readAllBytes(delta))
        .isEqualTo(DeltaCodec.forName(codec).encode(Files.readAllBytes(base), Files.readAllBytes(target)));
  }

  @Test
  void adler32AndWindowSizeOptionsShapeTheVcdiff() throws IOException {
    Path delta = dir.resolve("delta");
    assertThat(run("encode", "vcdiff", "--adler32", "--window-size", "16", base.toString(), target.toString(),
        delta.toString())).isZero();
    byte[] expected = Vcdiff.withAdler32().withWindowSize(16)
        .encode(Files.readAllBytes(base), Files.readAllBytes(target));
    assertThat(Files.readAllBytes(delta)).isEqualTo(expected);
  }

  @Test
  void dashReadsStandardInputAndWritesStandardOutput() throws IOException {
    stdin = Files.readAllBytes(target);
    assertThat(run("encode", "fossil", base.toString(), "-", "-")).isZero();
    stdin = stdout.toByteArray();
    stdout.reset();
    assertThat(run("decode", "fossil", base.toString(), "-", "-")).isZero();
    assertThat(stdout.toByteArray()).isEqualTo(Files.readAllBytes(target));
  }

  @Test
  void aCorruptDeltaExitsOneWithOneLine() throws IOException {
    Path delta = dir.resolve("delta");
    assertThat(run("encode", "fossil", base.toString(), target.toString(), delta.toString())).isZero();
    byte[] d = Files.readAllBytes(delta);
    d[d.length - 2] ^= 1; // last checksum digit
    Files.write(delta, d);
    assertThat(run("decode", "fossil", base.toString(), delta.toString(), dir.resolve("out").toString())).isEqualTo(1);
    assertThat(err()).isEqualTo("sockudo-delta: fossil delta checksum mismatch" + System.lineSeparator());
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aFossilDeltaGivenToVcdiffExitsOne() throws IOException {
    Path delta = dir.resolve("delta");
    run("encode", "fossil", base.toString(), target.toString(), delta.toString());
    assertThat(run("decode", "vcdiff", base.toString(), delta.toString(), dir.resolve("out").toString())).isEqualTo(1);
    assertThat(err()).isEqualTo("sockudo-delta: not a VCDIFF delta: bad magic bytes" + System.lineSeparator());
  }

  @Test
  void aMissingFileExitsOne() {
    assertThat(run("encode", "fossil", dir.resolve("nope").toString(), target.toString(), "x")).isEqualTo(1);
    assertThat(err()).startsWith("sockudo-delta: no such file: ").doesNotContain("\tat ").hasLineCount(1);
  }

  @Test
  void badUsageExitsTwoWithTheUsage() {
    assertThat(run("encode", "bsdiff", "a", "b", "c")).isEqualTo(2);
    assertThat(err()).startsWith("sockudo-delta: unknown codec 'bsdiff' (expected fossil or vcdiff)")
        .contains("usage: sockudo-delta encode");
    stderr.reset();
    assertThat(run("patch", "fossil", "a", "b", "c")).isEqualTo(2);
    assertThat(err()).startsWith("sockudo-delta: unknown command 'patch'");
    stderr.reset();
    assertThat(run("decode", "fossil", "a", "b")).isEqualTo(2);
    assertThat(err()).startsWith("sockudo-delta: expected 3 files, got 2");
    stderr.reset();
    assertThat(run("encode", "fossil", "--adler32", "a", "b", "c")).isEqualTo(2);
    stderr.reset();
    assertThat(run("encode", "vcdiff", "--window-size", "0", "a", "b", "c")).isEqualTo(2);
  }

  @Test
  void helpPrintsTheUsage() {
    assertThat(run("--help")).isZero();
    assertThat(stdout.toString(UTF_8)).contains("usage: sockudo-delta encode fossil|vcdiff");
  }

  @Test
  void maxTargetSizeBoundsDecoding() throws IOException {
    Path delta = dir.resolve("delta");
    run("encode", "vcdiff", base.toString(), target.toString(), delta.toString());
    assertThat(run("decode", "vcdiff", "--max-target-size", "10", base.toString(), delta.toString(),
        dir.resolve("out").toString())).isEqualTo(1);
    assertThat(err()).isEqualTo("sockudo-delta: delta declares target length 57, larger than the limit 10"
        + System.lineSeparator());
  }
}
