package org.allocationcommons.itc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.allocationcommons.itc.Histories.History;
import org.allocationcommons.itc.Stamp.Event;
import org.allocationcommons.itc.Stamp.Id;

/** Both encodings round-trip, Stamp.of normalises faithfully, and corrupted input is rejected. */
class EncodingProperties {

  @Provide
  Arbitrary<History> histories() {
    return Histories.histories();
  }

  /** Arbitrary, mostly non-normal trees with small and huge counters. */
  @Provide
  Arbitrary<Stamp> rawStamps() {
    return Arbitraries.randomValue(random -> {
      Id id = randomId(random, random.nextInt(7));
      Event event = randomEvent(random, random.nextInt(7));
      try {
        return Stamp.of(id, event);
      } catch (IllegalArgumentException overflow) {
        return Stamp.of(id, Event.ZERO);
      }
    }).withoutEdgeCases();
  }

  private static Id randomId(Random random, int depth) {
    if (depth == 0 || random.nextInt(4) == 0) {
      return Id.leaf(random.nextBoolean());
    }
    return Id.node(randomId(random, depth - 1), randomId(random, depth - 1));
  }

  private static Event randomEvent(Random random, int depth) {
    long n = switch (random.nextInt(6)) {
      case 0 -> random.nextLong() >>> 1; // anywhere up to Long.MAX_VALUE
      case 1 -> random.nextLong() >>> 40;
      default -> random.nextInt(4);
    };
    if (depth == 0 || random.nextInt(4) == 0) {
      return Event.leaf(n);
    }
    return Event.node(n, randomEvent(random, depth - 1), randomEvent(random, depth - 1));
  }

  // ------------------------------------------------------------------------------ round trips

  @Property(tries = 300)
  void textRoundTrips(@ForAll("histories") History h, @ForAll int i) {
    Stamp s = h.any(i);
    assertThat(Stamp.parse(s.toString())).isEqualTo(s);
    assertThat(Stamp.parse(s.toString()).toString()).isEqualTo(s.toString());
  }

  @Property(tries = 300)
  void binaryRoundTrips(@ForAll("histories") History h, @ForAll int i) {
    Stamp s = h.any(i);
    byte[] bytes = s.toByteArray();
    assertThat(bytes).hasSize(s.encodedSize());
    assertThat(Stamp.fromByteArray(bytes)).isEqualTo(s);
  }

  @Property(tries = 300)
  void arbitraryTreesRoundTripThroughBothEncodings(@ForAll("rawStamps") Stamp s) {
    assertThat(Stamp.parse(s.toString())).isEqualTo(s);
    assertThat(Stamp.fromByteArray(s.toByteArray())).isEqualTo(s);
    assertThat(s.toByteArray()).hasSize(s.encodedSize());
  }

  // --------------------------------------------------------------------------------- normalise

  @Property(tries = 300)
  void ofNormalisesWithoutChangingTheMeaning(@ForAll long seed) {
    Random random = new Random(seed);
    Id id = randomId(random, random.nextInt(7));
    Event event = randomEvent(random, random.nextInt(7));
    Stamp s;
    try {
      s = Stamp.of(id, event);
    } catch (IllegalArgumentException overflow) {
      assertThat(overflow).hasMessageContaining("Long.MAX_VALUE");
      return;
    }
    assertThat(TreeOracle.isNormal(s.id())).isTrue();
    assertThat(TreeOracle.isNormal(s.history())).isTrue();
    assertThat(Stamp.of(s.id(), s.history())).isEqualTo(s); // idempotent
    int depth = Math.max(Trees.depth(id), Trees.depth(event));
    assertThat(TreeOracle.owned(s.id(), depth)).isEqualTo(TreeOracle.owned(id, depth));
    assertThat(TreeOracle.values(s.history(), depth)).isEqualTo(TreeOracle.values(event, depth));
  }

  // -------------------------------------------------------------------------------- corruption

  @Property(tries = 1000)
  void corruptedBytesAreRejectedOrDecodeToTheirCanonicalStamp(
      @ForAll("histories") History h,
      @ForAll int i,
      @ForAll("mutations") int[] mutation) {
    byte[] bytes = h.any(i).toByteArray();
    byte[] corrupted = mutateBytes(bytes, mutation);
    Assume.that(!Arrays.equals(bytes, corrupted));
    Stamp decoded;
    try {
      decoded = Stamp.fromByteArray(corrupted);
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    } catch (RuntimeException | StackOverflowError other) {
      throw new AssertionError("expected IllegalArgumentException, got " + other, other);
    }
    assertThat(decoded.toByteArray()).isEqualTo(corrupted);
  }

  @Property(tries = 500)
  void randomBytesAreRejectedOrDecodeToTheirCanonicalStamp(@ForAll @Size(max = 24) byte[] bytes) {
    Stamp decoded;
    try {
      decoded = Stamp.fromByteArray(bytes);
    } catch (IllegalArgumentException expected) {
      return;
    } catch (RuntimeException | StackOverflowError other) {
      throw new AssertionError("expected IllegalArgumentException, got " + other, other);
    }
    assertThat(decoded.toByteArray()).isEqualTo(bytes);
  }

  @Property(tries = 1000)
  void mutatedTextIsRejectedOrParsesToAValidStamp(
      @ForAll("histories") History h,
      @ForAll int i,
      @ForAll("mutations") int[] mutation) {
    String text = h.any(i).toString();
    String mutated = mutateText(text, mutation);
    Stamp parsed;
    try {
      parsed = Stamp.parse(mutated);
    } catch (IllegalArgumentException expected) {
      assertThat(expected).hasMessageStartingWith("cannot parse ITC stamp:");
      return;
    } catch (RuntimeException | StackOverflowError other) {
      throw new AssertionError("expected IllegalArgumentException, got " + other, other);
    }
    assertThat(TreeOracle.isNormal(parsed.id())).isTrue();
    assertThat(TreeOracle.isNormal(parsed.history())).isTrue();
    assertThat(Stamp.parse(parsed.toString())).isEqualTo(parsed);
  }

  /** {kind, position, value}: kind 0 flips a bit, 1 truncates, 2 appends, 3 replaces, 4 inserts. */
  @Provide
  Arbitrary<int[]> mutations() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofSize(3);
  }

  private static byte[] mutateBytes(byte[] bytes, int[] m) {
    int at = m[1] % bytes.length;
    switch (m[0] % 4) {
      case 0 -> {
        byte[] copy = bytes.clone();
        copy[at] ^= (byte) (1 << (m[2] % 8));
        return copy;
      }
      case 1 -> {
        return Arrays.copyOf(bytes, at);
      }
      case 2 -> {
        byte[] copy = Arrays.copyOf(bytes, bytes.length + 1);
        copy[bytes.length] = (byte) m[2];
        return copy;
      }
      default -> {
        byte[] copy = bytes.clone();
        copy[at] = (byte) m[2];
        return copy;
      }
    }
  }

  private static final String ALPHABET = "()0123456789, x-";

  private static String mutateText(String text, int[] m) {
    int at = m[1] % (text.length() + 1);
    char c = ALPHABET.charAt(m[2] % ALPHABET.length());
    StringBuilder sb = new StringBuilder(text);
    switch (m[0] % 4) {
      case 0 -> {
        if (at < text.length()) {
          sb.deleteCharAt(at);
        }
      }
      case 1 -> sb.setLength(at);
      case 2 -> {
        if (at < text.length()) {
          sb.setCharAt(at, c);
        }
      }
      default -> sb.insert(at, c);
    }
    return sb.toString();
  }

  @Property(tries = 50)
  void stampsBuiltFromAnyTreesSurviveAllOperations(@ForAll("rawStamps") Stamp s) {
    if (s.isAnonymous()) {
      return;
    }
    Stamp e = s.event();
    if (!s.leq(e) || e.leq(s)) {
      fail("event did not strictly increase %s -> %s", s, e);
    }
    Stamp.Fork f = s.fork();
    assertThat(f.left().join(f.right())).isEqualTo(s);
  }
}
