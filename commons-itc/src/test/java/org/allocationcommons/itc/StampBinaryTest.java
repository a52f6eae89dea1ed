package org.allocationcommons.itc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.allocationcommons.itc.Stamp.Event;
import org.allocationcommons.itc.Stamp.Id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paper's bit encoding: known byte forms, written out bit by bit, and rejections. */
class StampBinaryTest {

  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // id 1 = 00 1; event 0 = 1 0 00 (leaf tag, width-2 terminator, 2-bit payload)
        // 0011000 + 1 padding bit = 0011 0000
        "(1, 0)|30",
        // 000 1000 0 = 0001 0000
        "(0, 0)|10",
        // 001 1001 0 = 0011 0010
        "(1, 1)|32",
        // 5 >= 2^2, so width 3 with 5 - 4 = 1: 1 1 0 001; 001 110001 = 0011 1000 1(000 0000)
        "(1, 5)|3880",
        // id (1, 0) = 10 001; event (0, 1, 0) = 0 01 then leaf 1 = 1 0 01
        // 10001 001 1001 (+4 padding) = 1000 1001 1001 0000
        "((1, 0), (0, 1, 0))|8990",
        // id (0, 1) = 01 001; event (0, 0, 1) = 0 00 1001: 0100 1000 1001 0000
        "((0, 1), (0, 0, 1))|4890",
        // id ((1,0),(0,1)) = 11 10 001 01 001; event (3, 0, 2) = 0 11 0 0, leaf 3 = 1 0 11, leaf 2 = 1 0 10
        // 1110001 01001 01100 1011 1010 (+6) = 1110 0010 1001 0110 0101 1101 0000 0000
        "(((1, 0), (0, 1)), (3, 0, 2))|e2965d00",
        // event (1, 2, (0, 0, 3)): 0 11 1, leaf 1 = 1 0 01, leaf 2 = 1 0 10, (0,0,3) = 0 00 1011
        // 001 0111 1001 1010 0001 011 (+2) = 0010 1111 0011 0100 0010 1100
        "(1, (1, 2, (0, 0, 3)))|2f342c",
      })
  void knownEncodings(String text, String hex) {
    Stamp stamp = Stamp.parse(text);
    assertThat(HEX.formatHex(stamp.toByteArray())).isEqualTo(hex);
    assertThat(stamp.encodedSize()).isEqualTo(hex.length() / 2);
    assertThat(Stamp.fromByteArray(HEX.parseHex(hex))).isEqualTo(stamp);
  }

  @Test
  void largestCounterRoundTrips() {
    Stamp max = Stamp.of(Id.ONE, Event.leaf(Stamp.MAX_COUNTER));
    assertThat(Stamp.fromByteArray(max.toByteArray())).isEqualTo(max);
    Stamp nested = Stamp.of(Id.ONE, Event.node(Stamp.MAX_COUNTER - 1, Event.leaf(1), Event.ZERO));
    assertThat(Stamp.fromByteArray(nested.toByteArray())).isEqualTo(nested);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|empty",
        // 00 then nothing: the id leaf value bit is missing... 0x30 minus its last byte is empty, so
        // use (1, 5) = 3880 cut to its first byte: the counter payload is truncated
        "38|truncated: expected a 3-bit counter at bit 6 but only 2 bit(s) remain",
        // (1, 0) followed by a whole extra byte
        "3000|1 trailing byte(s) after the stamp ended at bit 7",
        // (1, 0) with its padding bit set
        "31|non-zero padding bits",
        // id (0, 0) written as 01 000: not normal. 01000 1000 (+7) = 0100 0100 0000 0000
        "4400|the id node at bit 0 is (0, 0), which is not in normal form",
        // id (0, 1) written with tag 11: 11 000 001 1000 (+4) = 1100 0001 1000 0000
        "c180|the id node at bit 0 is not the canonical encoding: tag 3 used where a 0 child requires the short tag 1",
        // event node value given as a node: id 1, 0 11 0 0 then 0 (node tag) ...
        // 001 01100 0 ... = 0010 1100 0000 0000
        "2c00|expected a counter (leaf tag 1) for an event node's value at bit 8",
        // event (0, 1, 1) is not normal: 001 0 10 1001 1001 (+2) = 0010 1010 0110 0100
        "2a64|the event node at bit 3 is (0, 1, 1), which is not in normal form",
        // event (0, 0, 1) written with tag 0 10 and an explicit 0 leaf:
        // 001 010 1000 1001 (+2) = 0010 1010 0010 0100
        "2a24|the event node at bit 3 is not the canonical encoding",
        // event (0, 0, 1) written with tag 0 11 0 0 and counter 0:
        // 001 01100 1000 1001 = 0010 1100 1000 1001
        "2c89|the event node at bit 3 is not the canonical encoding",
        // a counter with 62 width bits: id 1, leaf tag, then 62 ones: overflow
        "3fffffffffffffffff|exceeds Long.MAX_VALUE",
      })
  void corruptedBytesAreRejectedWithAReason(String hex, String message) {
    byte[] bytes = HEX.parseHex(hex);
    assertThatThrownBy(() -> Stamp.fromByteArray(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void deepNestingIsRejectedWithoutExhaustingTheStack() {
    // 0x55 = 01 01 01 01: an endless chain of (0, i) id nodes
    byte[] bytes = new byte[100_000];
    java.util.Arrays.fill(bytes, (byte) 0x55);
    assertThatThrownBy(() -> Stamp.fromByteArray(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id tree deeper than Stamp.MAX_DEPTH = " + Stamp.MAX_DEPTH);
    // id 1 (001), then 0 01 event nodes forever: 001 001 001 ... = 0x24 0x92 0x49 repeating
    byte[] events = new byte[99_999];
    for (int i = 0; i < events.length; i += 3) {
      events[i] = 0x24;
      events[i + 1] = (byte) 0x92;
      events[i + 2] = 0x49;
    }
    assertThatThrownBy(() -> Stamp.fromByteArray(events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event tree deeper than Stamp.MAX_DEPTH = " + Stamp.MAX_DEPTH);
  }
}
