package io.sockudo.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Adler32;
import org.junit.jupiter.api.Test;

class VcdiffEncoderTest {
  private static final Vcdiff VCDIFF = DeltaCodec.vcdiff();
  private static final List<byte[]> FEED = TestPairs.jsonFeed(new SplittableRandom(5), 12, 3000);

  @Test
  void plainDeltasHaveTheRfcHeaderNoChecksumAndTheWholeBaseAsSegment() {
    byte[] base = FEED.get(0);
    byte[] delta = VCDIFF.encode(base, FEED.get(1));
    assertThat(Arrays.copyOf(delta, 5)).containsExactly(0xD6, 0xC3, 0xC4, 0x00, 0x00);
    VcdiffStructure s = VcdiffStructure.of(delta);
    assertThat(s.windows()).isEqualTo(1);
    assertThat(s.window(0).indicator()).isEqualTo(0x01);
    assertThat(s.window(0).segmentLength()).isEqualTo(base.length);
    assertThat(s.window(0).segmentPosition()).isZero();
    assertThat(s.window(0).deltaIndicator()).isZero();
  }

  @Test
  void adler32DeltasCarryTheChecksumOfEveryWindow() {
    byte[] target = TestPairs.concat(FEED.get(2), FEED.get(3));
    byte[] delta = Vcdiff.withAdler32().withWindowSize(1000).encode(FEED.get(1), target);
    VcdiffStructure s = VcdiffStructure.of(delta);
    assertThat(s.windows()).isEqualTo((target.length + 999) / 1000);
    for (int w = 0; w < s.windows(); w++) {
      VcdiffStructure.Window win = s.window(w);
      assertThat(win.indicator() & 0x04).as("VCD_ADLER32").isEqualTo(0x04);
      Adler32 a = new Adler32();
      a.update(target, w * 1000, win.targetLength());
      int at = win.dataStart() - 4;
      long stored = ((delta[at] & 0xffL) << 24) | ((delta[at + 1] & 0xff) << 16) | ((delta[at + 2] & 0xff) << 8)
          | (delta[at + 3] & 0xff);
      assertThat(stored).as("window %d", w).isEqualTo(a.getValue());
    }
  }

  @Test
  void anEmptyTargetIsOneEmptyWindowAsXdelta3WritesIt() {
    assertThat(VCDIFF.encode(FEED.get(0), new byte[0]))
        .containsExactly(0xD6, 0xC3, 0xC4, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00);
  }

  @Test
  void anEmptyBaseGetsNoSourceSegment() {
    byte[] delta = VCDIFF.encode(new byte[0], FEED.get(0));
    assertThat(VcdiffStructure.of(delta).window(0).indicator()).isZero();
  }

  @Test
  void targetsAreSplitIntoWindowsOfTheConfiguredSize() {
    byte[] target = TestPairs.text(new SplittableRandom(1), 100_000);
    byte[] delta = VCDIFF.withWindowSize(16384).encode(TestPairs.edit(new SplittableRandom(2), target, 5), target);
    VcdiffStructure s = VcdiffStructure.of(delta);
    assertThat(s.windows()).isEqualTo(7);
    for (int w = 0; w < 6; w++) {
      assertThat(s.window(w).targetLength()).isEqualTo(16384);
    }
    assertThat(s.window(6).targetLength()).isEqualTo(100_000 - 6 * 16384);
  }

  @Test
  void identicalInputsBecomeOneCopy() {
    byte[] base = FEED.get(4);
    List<VcdiffStructure.Instruction> ins = VcdiffStructure.instructions(VCDIFF.encode(base, base), 0);
    assertThat(ins).containsExactly(new VcdiffStructure.Instruction(19, VcdiffCodeTable.COPY, base.length, 0));
  }

  @Test
  void aSmallEditCostsAFewBytes() {
    byte[] base = FEED.get(5);
    String text = new String(base, java.nio.charset.StandardCharsets.UTF_8);
    byte[] target = text.replaceFirst("\"seq\":5", "\"seq\":6").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(VCDIFF.encode(base, target).length).isLessThanOrEqualTo(30);
  }

  @Test
  void runsBecomeRunInstructions() {
    byte[] target = new byte[5000];
    Arrays.fill(target, 1000, 4000, (byte) 'z');
    List<VcdiffStructure.Instruction> ins = VcdiffStructure.instructions(VCDIFF.encode(new byte[0], target), 0);
    assertThat(ins).extracting(VcdiffStructure.Instruction::type).contains((int) VcdiffCodeTable.RUN);
    assertThat(VCDIFF.encode(new byte[0], target).length).isLessThan(30);
  }

  @Test
  void repeatedFarCopiesUseTheSameCacheAndNearbyCopiesTheNearCache() {
    SplittableRandom rnd = new SplittableRandom(3);
    byte[] base = TestPairs.randomBytes(rnd, 5000);
    ByteArrayOutputStream t = new ByteArrayOutputStream();
    for (int from : new int[] {3000, 4000, 4100, 4200, 4300, 4400, 3000}) {
      t.writeBytes(TestPairs.randomBytes(rnd, 9));
      t.write(base, from, 12);
    }
    List<VcdiffStructure.Instruction> ins = VcdiffStructure.instructions(VCDIFF.encode(base, t.toByteArray()), 0);
    assertThat(ins).filteredOn(i -> i.type() == VcdiffCodeTable.COPY).hasSize(7)
        .last().extracting(VcdiffStructure.Instruction::mode).isEqualTo(6 + 3000 % 768 / 256);

    byte[] big = TestPairs.randomBytes(rnd, 100_000);
    ByteArrayOutputStream u = new ByteArrayOutputStream();
    for (int from : new int[] {50_000, 50_020, 50_040}) {
      u.writeBytes(TestPairs.randomBytes(rnd, 7));
      u.write(big, from, 10);
    }
    // 50020 is 3 bytes as an address, 1 byte as an offset from the previous copy
    assertThat(VcdiffStructure.instructions(VCDIFF.encode(big, u.toByteArray()), 0))
        .filteredOn(i -> i.type() == VcdiffCodeTable.COPY).extracting(VcdiffStructure.Instruction::mode)
        .containsExactly(0, 2, 2);
  }

  @Test
  void shortAddAndCopyShareOneCode() {
    SplittableRandom rnd = new SplittableRandom(4);
    byte[] base = TestPairs.randomBytes(rnd, 3000);
    ByteArrayOutputStream t = new ByteArrayOutputStream();
    t.write(base, 0, 100);
    t.writeBytes(new byte[] {1, 2});
    t.write(base, 102, 5); // ADD 2 + COPY 5, near the last copy
    t.writeBytes(new byte[] {3, 4, 5});
    t.write(base, 110, 400);
    byte[] delta = VCDIFF.encode(base, t.toByteArray());
    assertThat(VcdiffStructure.instructions(delta, 0)).extracting(VcdiffStructure.Instruction::code)
        .anyMatch(code -> code >= 163);
    assertThat(VCDIFF.decode(base, delta)).isEqualTo(t.toByteArray());
  }
}
