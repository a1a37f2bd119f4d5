package io.sockudo.delta;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FossilTest {
  private static final Fossil FOSSIL = DeltaCodec.fossil();
  private static final byte[] EMPTY = new byte[0];

  private static byte[] bytes(String s) {
    return s.getBytes(ISO_8859_1);
  }

  private static String string(byte[] b) {
    return new String(b, ISO_8859_1);
  }

  /** Vectors produced by npm fossil-delta and Fossil: an empty base makes the target one insert. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|'0\n0:0;'",
      "a|'1\n1:a1X0000;'",
      "abcd|'4\n4:abcd1XObD_;'",
      "abcde|'5\n5:abcde36ObD_;'",
      "hello world|'B\nB:hello world19x_VR;'",
  })
  void encodesTheReferenceVectors(String target, String delta) {
    assertThat(string(FOSSIL.encode(EMPTY, bytes(target)))).isEqualTo(delta);
    assertThat(string(FOSSIL.decode(EMPTY, bytes(delta)))).isEqualTo(target);
  }

  @Test
  void copiesFromTheBaseWithBase64Numbers() {
    byte[] base = bytes("The quick brown fox jumps over the lazy dog, again and again and again.");
    byte[] target = bytes("The quick brown fox jumps over the lazy cat, again and again and again!");
    String delta = string(FOSSIL.encode(base, target));
    // 71 = "17" in Fossil's base 64; the shared prefix is one COUNT@OFFSET, copy
    assertThat(delta).startsWith("17\n").contains("@0,");
    assertThat(FOSSIL.decode(base, bytes(delta))).isEqualTo(target);
  }

  @Test
  void numbersAreBase64MostSignificantDigitFirst() {
    byte[] out = new byte[8];
    assertThat(string(java.util.Arrays.copyOf(out, FossilNumbers.put(out, 0, 86)))).isEqualTo("1M");
    assertThat(string(java.util.Arrays.copyOf(out, FossilNumbers.put(out, 0, 0)))).isEqualTo("0");
    assertThat(string(java.util.Arrays.copyOf(out, FossilNumbers.put(out, 0, 63)))).isEqualTo("~");
    assertThat(string(java.util.Arrays.copyOf(out, FossilNumbers.put(out, 0, -1)))).isEqualTo("3~~~~~");
    assertThat(FossilNumbers.digitCount(64)).isEqualTo(2);
  }

  @Test
  void checksumSumsBigEndianWordsWithZeroPadding() {
    assertThat(FossilChecksum.of(bytes("a"), 0, 1)).isEqualTo(0x61000000);
    assertThat(FossilChecksum.of(bytes("abcd"), 0, 4)).isEqualTo(0x61626364);
    assertThat(FossilChecksum.of(bytes("abcde"), 0, 5)).isEqualTo(0x61626364 + 0x65000000);
    byte[] ff = new byte[40];
    java.util.Arrays.fill(ff, (byte) 0xff);
    assertThat(FossilChecksum.of(ff, 0, 39)).isEqualTo(9 * 0xffffffff + 0xffffff00);
  }

  @Test
  void aCorruptChecksumIsRejected() {
    assertThatThrownBy(() -> FOSSIL.decode(EMPTY, bytes("5\n5:abcde36ObD0;")))
        .isInstanceOf(DeltaException.class).hasMessage("fossil delta checksum mismatch");
  }

  @Test
  void aDeclaredLengthAboveTheLimitIsRejectedBeforeAnyAllocation() {
    assertThatThrownBy(() -> FOSSIL.decode(EMPTY, bytes("3~~~~~\n5:abcde36ObD_;")))
        .isInstanceOf(DeltaException.class)
        .hasMessage("delta declares target length 4294967295, larger than the limit 67108864");
    assertThatThrownBy(() -> FOSSIL.withMaxTargetSize(4).decode(EMPTY, bytes("5\n5:abcde36ObD_;")))
        .isInstanceOf(DeltaException.class)
        .hasMessage("delta declares target length 5, larger than the limit 4");
  }

  @Test
  void aForgedLengthReservesOnlyWhatTheDeltaCanProduce() {
    DeltaOutput out = new DeltaOutput(0);
    byte[] delta = bytes("3____\n5:abcde36ObD_;"); // declares 60 MB
    assertThatThrownBy(() -> FOSSIL.newDecoder().decode(EMPTY, 0, 0, delta, 0, delta.length, out))
        .isInstanceOf(DeltaException.class).hasMessage("fossil delta produced 5 bytes but declares target length 59918628");
    assertThat(out.capacity()).isLessThan(100);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'5'|fossil delta target length is not terminated by a newline",
      "'5;'|fossil delta target length is not terminated by a newline",
      "'5\n'|fossil delta is truncated: no ';' trailer",
      "'5\n5:abcde'|fossil delta is truncated: no ';' trailer",
      "'5\n5:abcde36ObD_'|fossil delta is truncated: no ';' trailer",
      "'5\n6:abcde'|fossil delta insert overflows the declared target length 5",
      "'9\n9:abc'|fossil delta insert of 9 bytes runs past the end of the delta",
      "'5\n5@0,36ObD_;'|fossil delta copies bytes 0..5 beyond the end of the 0-byte base",
      "'5\n5@0'|fossil delta copy command is not terminated by ','",
      "'5\n5!abcde36ObD_;'|fossil delta has an unknown command 0x21 at offset 3",
      "'5\n4:abcd36ObD_;'|fossil delta produced 4 bytes but declares target length 5",
      "'5\n!:abcde36ObD_;'|fossil delta expects a number at offset 2, found 0x21",
      "'5\n1234567:a;'|fossil delta count is larger than 32 bits",
  })
  void malformedDeltasAreRejectedWithAClearMessage(String delta, String message) {
    assertThatThrownBy(() -> FOSSIL.decode(EMPTY, bytes(delta)))
        .isInstanceOf(DeltaException.class).hasMessage(message);
  }

  @Test
  void aCopyBeyondTheBaseIsRejected() {
    byte[] base = bytes("0123456789");
    assertThat(string(FOSSIL.decode(base, bytes("4\n4@6,rDoWu;")))).isEqualTo("6789");
    assertThatThrownBy(() -> FOSSIL.decode(base, bytes("4\n4@7,rDoWu;")))
        .isInstanceOf(DeltaException.class)
        .hasMessage("fossil delta copies bytes 7..11 beyond the end of the 10-byte base");
  }

  @Test
  void bytesAfterTheTrailerAreIgnoredLikeFossilDoes() {
    assertThat(string(FOSSIL.decode(EMPTY, bytes("5\n5:abcde36ObD_;trailing")))).isEqualTo("abcde");
  }

  @Test
  void baseOfSixteenBytesOrLessIsNeverCopiedFrom() {
    byte[] base = bytes("0123456789abcdef");
    assertThat(string(FOSSIL.encode(base, base))).isEqualTo("G\nG:0123456789abcdef" + checksum(base) + ";");
  }

  private static String checksum(byte[] b) {
    byte[] out = new byte[8];
    return string(java.util.Arrays.copyOf(out, FossilNumbers.put(out, 0, FossilChecksum.of(b, 0, b.length))));
  }
}
