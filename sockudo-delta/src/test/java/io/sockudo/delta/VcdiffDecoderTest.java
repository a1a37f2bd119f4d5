package io.sockudo.delta;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VcdiffDecoderTest {
  private static final Vcdiff VCDIFF = DeltaCodec.vcdiff();
  private static final byte[] BASE = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/".repeat(16)
      .getBytes(US_ASCII);

  private static byte[] decode(byte[] base, byte[] delta) {
    return VCDIFF.decode(base, delta);
  }

  @Test
  void overlappingCopyRepeatsTheBytesItIsProducing() {
    VcdiffAssembler a = new VcdiffAssembler().sourceWindow(BASE, 0, 0)
        .add("abc").copy(20, 0, 0).copy(7, 20, 1).endWindow();
    assertThat(decode(BASE, a.delta())).isEqualTo(a.expected())
        .isEqualTo("abcabcabcabcabcabcabcab".concat("cabcabc").getBytes(US_ASCII));
  }

  @Test
  void runRepeatsOneDataByte() {
    VcdiffAssembler a = new VcdiffAssembler().sourceWindow(BASE, 0, 0).run(10_000, 'x').add("!").endWindow();
    byte[] expected = new byte[10_001];
    Arrays.fill(expected, (byte) 'x');
    expected[10_000] = '!';
    assertThat(decode(BASE, a.delta())).isEqualTo(expected);
  }

  @Test
  void everyAddressModeResolvesThroughTheCaches() {
    int seg = 900;
    VcdiffAssembler a = new VcdiffAssembler().sourceWindow(BASE, 100, seg)
        .copy(5, 10, 0)          // SELF
        .copy(6, 300, 0)
        .copy(7, 512, 0)
        .copy(8, 700, 0)         // near = [10, 300, 512, 700]
        .copy(4, 12, 2)          // NEAR 0: 10 + 2
        .copy(4, 310, 3)         // NEAR 1: 300 + 10
        .copy(4, 600, 4)         // NEAR 2: 512 + 88
        .copy(4, 703, 5)         // NEAR 3: 700 + 3
        .copy(9, 3, 1)           // HERE
        .copy(5, 12, 6)          // SAME block 0 (12 % 768 = 12)
        .copy(5, 300, 7)         // SAME block 1 (300 % 768 = 300)
        .copy(5, 600, 8)         // SAME block 2 (600 % 768 = 600)
        .copy(6, seg + 2, 0)     // from this window's target
        .copy(3, seg + 20, 1)
        .endWindow();
    assertThat(decode(BASE, a.delta())).isEqualTo(a.expected()).hasSize(75);
  }

  @Test
  void copyMaySpanFromTheSourceSegmentIntoTheTarget() {
    VcdiffAssembler a = new VcdiffAssembler().sourceWindow(BASE, 0, 10)
        .add("XY").copy(8, 6, 0).endWindow();
    assertThat(decode(BASE, a.delta())).isEqualTo("XY6789XY67".getBytes(US_ASCII));
  }

  @Test
  void targetWindowsCopyFromEarlierOutput() {
    VcdiffAssembler a = new VcdiffAssembler()
        .sourceWindow(BASE, 0, 64).copy(20, 40, 0).add("--").endWindow()
        .targetWindow(5, 12).copy(12, 0, 0).copy(3, 2, 0).endWindow()
        .sourceWindow(BASE, 0, 0).add("end").endWindow();
    assertThat(decode(BASE, a.delta())).isEqualTo(a.expected())
        .isEqualTo("EFGHIJKLMNOPQRSTUVWX--JKLMNOPQRSTULMNend".getBytes(US_ASCII));
  }

  @Test
  void deltaWithoutWindowsDecodesToAnEmptyTarget() {
    assertThat(decode(BASE, new VcdiffAssembler().delta())).isEmpty();
  }

  @Test
  void emptyTargetWindowAsXdelta3WritesIt() {
    byte[] xdelta3Empty = {(byte) 0xD6, (byte) 0xC3, (byte) 0xC4, 0, 0, 0, 5, 0, 0, 0, 0, 0};
    assertThat(decode(BASE, xdelta3Empty)).isEmpty();
  }

  @Test
  void applicationHeaderIsSkipped() {
    VcdiffAssembler a = new VcdiffAssembler(0x04).appHeader("b.txt//a.txt/")
        .sourceWindow(BASE, 0, 64).copy(10, 3, 0).endWindow();
    assertThat(decode(BASE, a.delta())).isEqualTo("3456789abc".getBytes(US_ASCII));
  }

  @Test
  void adler32IsVerified() {
    VcdiffAssembler a = new VcdiffAssembler().sourceWindow(BASE, 0, 64).copy(10, 3, 0).add("tail").endWindow(true);
    byte[] delta = a.delta();
    assertThat(decode(BASE, delta)).isEqualTo(a.expected());
    byte[] corrupt = delta.clone();
    int dataStart = VcdiffStructure.of(delta).window(0).dataStart();
    corrupt[dataStart] = 'T';
    assertThatThrownBy(() -> decode(BASE, corrupt)).isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF window checksum mismatch");
  }

  @Test
  void rejectsSecondaryCompression() {
    byte[] delta = {(byte) 0xD6, (byte) 0xC3, (byte) 0xC4, 0, 0x01, 2};
    assertThatThrownBy(() -> decode(BASE, delta)).isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF secondary compression (id 2) is not supported");
  }

  @Test
  void rejectsCustomCodeTables() {
    byte[] delta = {(byte) 0xD6, (byte) 0xC3, (byte) 0xC4, 0, 0x02, 3, 4, 3, 0};
    assertThatThrownBy(() -> decode(BASE, delta)).isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF custom code tables (VCD_CODETABLE) are not supported");
  }

  @Test
  void rejectsOtherFormatsAndVersions() {
    assertThatThrownBy(() -> decode(BASE, "1\n1:a1X0000;".getBytes(US_ASCII)))
        .isInstanceOf(DeltaException.class).hasMessage("not a VCDIFF delta: bad magic bytes");
    byte[] openVcdiffExtension = {(byte) 0xD6, (byte) 0xC3, (byte) 0xC4, 'S', 0};
    assertThatThrownBy(() -> decode(BASE, openVcdiffExtension))
        .isInstanceOf(DeltaException.class).hasMessage("VCDIFF version 0x53 is not supported");
    byte[] unknownBits = {(byte) 0xD6, (byte) 0xC3, (byte) 0xC4, 0, 0x08};
    assertThatThrownBy(() -> decode(BASE, unknownBits))
        .isInstanceOf(DeltaException.class).hasMessage("VCDIFF header indicator 0x08 has unknown bits");
    assertThatThrownBy(() -> decode(BASE, new byte[] {(byte) 0xD6, (byte) 0xC3}))
        .isInstanceOf(DeltaException.class).hasMessage("VCDIFF delta is truncated in its header");
  }

  @Test
  void rejectsWindowsWithBothSourceAndTarget() {
    byte[] delta = {(byte) 0xD6, (byte) 0xC3, (byte) 0xC4, 0, 0, 0x03, 1, 0, 5, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> decode(BASE, delta)).isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF window sets both VCD_SOURCE and VCD_TARGET");
  }

  @Test
  void rejectsASourceSegmentOutsideTheBase() {
    byte[] delta = new VcdiffAssembler().sourceWindow(BASE, 0, 64).copy(4, 0, 0).endWindow().delta();
    assertThatThrownBy(() -> decode(new byte[10], delta)).isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF source segment 0..64 lies outside the 10-byte base");
  }

  @Test
  void rejectsAddressesAtOrAfterTheCurrentPosition() {
    byte[] bad = new VcdiffAssembler().sourceWindow(BASE, 0, 10).add("ab").copy(2, 11, 0).endWindow().delta();
    // address 11 was valid when written (here = 12); move it forward to 12 = here
    bad[bad.length - 1] = 12;
    assertThatThrownBy(() -> decode(BASE, bad)).isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF COPY address 12 is not before the current position 12");
  }

  @Test
  void rejectsInstructionsThatOverflowTheWindowOrItsSections() {
    byte[] ok = new VcdiffAssembler().sourceWindow(BASE, 0, 0).add("hello").endWindow().delta();
    VcdiffStructure.Window w = VcdiffStructure.of(ok).window(0);
    // the target window length is the byte right after the encoding length
    byte[] shorter = ok.clone();
    shorter[w.dataStart() - 5] = 4;
    assertThatThrownBy(() -> decode(BASE, shorter)).isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF instruction of 5 bytes overflows the 4-byte target window");
    byte[] longer = ok.clone();
    longer[w.dataStart() - 5] = 6;
    assertThatThrownBy(() -> decode(BASE, longer)).isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF window produced 5 bytes but declares 6");
    byte[] bigAdd = longer.clone();
    bigAdd[w.dataStart() + 5 + 1] = 6; // ADD size 6, only 5 data bytes
    assertThatThrownBy(() -> decode(BASE, bigAdd)).isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF ADD reads past the end of the data section");
  }

  @Test
  void rejectsCompressedSections() {
    byte[] ok = new VcdiffAssembler().sourceWindow(BASE, 0, 0).add("hello").endWindow().delta();
    byte[] compressed = ok.clone();
    compressed[VcdiffStructure.of(ok).window(0).dataStart() - 4] = 0x01;
    assertThatThrownBy(() -> decode(BASE, compressed)).isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF compressed sections (Delta_Indicator 0x01) are not supported");
  }

  @Test
  void rejectsAnEncodingLengthThatDisagreesWithTheSections() {
    byte[] ok = new VcdiffAssembler().sourceWindow(BASE, 0, 0).add("hello").add("world").endWindow().delta();
    byte[] bad = ok.clone();
    bad[6]--; // encoding length, right after the window indicator
    assertThatThrownBy(() -> decode(BASE, Arrays.copyOf(bad, bad.length - 1))).isInstanceOf(DeltaException.class)
        .hasMessageContaining("do not fill its declared encoding length");
  }

  @Test
  void aDeclaredTargetAboveTheLimitIsRejectedBeforeAnyAllocation() {
    byte[] delta = {(byte) 0xD6, (byte) 0xC3, (byte) 0xC4, 0, 0, 0, 9, (byte) 0x87, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, 0x7F, 0, 0, 0, 0};
    assertThatThrownBy(() -> decode(BASE, delta)).isInstanceOf(DeltaException.class)
        .hasMessage("delta declares target length 2147483647, larger than the limit 67108864");
    Vcdiff small = DeltaCodec.vcdiff().withMaxTargetSize(100);
    byte[] run = new VcdiffAssembler().sourceWindow(BASE, 0, 0).run(101, 'x').endWindow().delta();
    assertThatThrownBy(() -> small.decode(BASE, run)).isInstanceOf(DeltaException.class)
        .hasMessage("delta declares target length 101, larger than the limit 100");
  }

  @Test
  void aHugeDeclaredWindowWithNoInstructionsAllocatesNothing() {
    // 60 MB declared, nothing to produce it: must fail cheaply, not reserve 60 MB first
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0xD6, (byte) 0xC3, (byte) 0xC4, 0, 0, 0, 8});
    VcdiffAssembler.integer(b, 60_000_000);
    b.writeBytes(new byte[] {0, 0, 0, 0});
    byte[] delta = b.toByteArray();
    DeltaOutput out = new DeltaOutput(0);
    assertThatThrownBy(() -> VCDIFF.newDecoder().decode(BASE, 0, BASE.length, delta, 0, delta.length, out))
        .isInstanceOf(DeltaException.class).hasMessage("VCDIFF window produced 0 bytes but declares 60000000");
    assertThat(out.capacity()).isLessThan(1000);
  }

  @Test
  void integersLongerThanThirtyOneBitsAreRejected() {
    byte[] delta = {(byte) 0xD6, (byte) 0xC3, (byte) 0xC4, 0, 0, 0, (byte) 0x90, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> decode(BASE, delta)).isInstanceOf(DeltaException.class)
        .hasMessage("VCDIFF delta encoding length 4294967296 is too large");
  }

  @Test
  void everyTruncationFailsOrStopsAtAWindowBoundary() {
    VcdiffAssembler a = new VcdiffAssembler()
        .sourceWindow(BASE, 0, 64).copy(20, 40, 0).add("--").endWindow()
        .sourceWindow(BASE, 10, 20).copy(12, 0, 0).run(30, 'z').endWindow(true);
    byte[] delta = a.delta();
    byte[] first = Arrays.copyOf(a.expected(), 22);
    int firstEnd = -1;
    for (int n = 0; n < delta.length; n++) {
      byte[] prefix = Arrays.copyOf(delta, n);
      try {
        byte[] out = decode(BASE, prefix);
        assertThat(out).as("prefix of %d bytes", n).isIn(new byte[0], first);
        if (out.length == 22) {
          firstEnd = n;
        }
      } catch (DeltaException expected) {
        // truncated mid-window
      }
    }
    assertThat(firstEnd).as("the prefix ending after window 1").isPositive();
    assertThat(decode(BASE, delta)).isEqualTo(a.expected());
  }

  @Test
  void appendsAfterWhatTheOutputAlreadyHolds() {
    VcdiffAssembler a = new VcdiffAssembler().sourceWindow(BASE, 0, 64).copy(10, 0, 0).endWindow()
        .targetWindow(0, 4).copy(4, 0, 0).endWindow();
    DeltaOutput out = new DeltaOutput(4);
    out.reset();
    byte[] prefix = "prefix:".getBytes(US_ASCII);
    System.arraycopy(prefix, 0, out.ensureSpare(prefix.length), 0, prefix.length);
    out.setLength(prefix.length);
    byte[] delta = a.delta();
    int n = VCDIFF.newDecoder().decode(BASE, 0, BASE.length, delta, 0, delta.length, out);
    assertThat(n).isEqualTo(14);
    assertThat(out.toByteArray()).isEqualTo("prefix:01234567890123".getBytes(US_ASCII));
  }
}
