package org.allocationcommons.itc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.allocationcommons.itc.Stamp.Event;
import org.allocationcommons.itc.Stamp.Id;
import org.junit.jupiter.api.Test;

/** SPEC 7: bounded counters and trees, on receipt, on decode and in event(). */
class StampBoundsTest {

  private static final long MAX = Long.MAX_VALUE;

  /** The victim: the left half of a fork after one event, ((1, 0), (0, 1, 0)). */
  private static Stamp mine() {
    return Stamp.seed().fork().left().event();
  }

  // ------------------------------------------------------------------------------ the clock worm

  @Test
  void peerStampsWithinTwoToTheFortyOfMaxAreRejectedByBothParsersAndTheCheck() {
    for (long n : new long[] {MAX, MAX - 10, Stamp.MAX_COUNTER + 1}) {
      String text = "(0, " + n + ")";
      assertThatThrownBy(() -> Stamp.parse(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("cannot parse ITC stamp:")
          .hasMessageContaining(Long.toString(n))
          .hasMessageContaining("Stamp.MAX_COUNTER = " + Stamp.MAX_COUNTER);
      // The same stamp as a hostile peer's encoder would write it (no checks on the way out).
      Stamp hostile = Stamp.ofNormal(Id.ZERO, Event.leaf(n));
      assertThatThrownBy(() -> Stamp.fromByteArray(hostile.toByteArray()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Stamp.MAX_COUNTER");
      assertThat(Stamp.problem(hostile, Stamp.DEFAULT_MAX_NODES)).get().asString()
          .contains(Long.toString(n)).contains("Stamp.MAX_COUNTER");
      assertThatThrownBy(() -> Stamp.of(Id.ZERO, Event.leaf(n)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theReportedVictimTreeIsRejected() {
    // (MAX, (0, 4, 0), 0): a path sums to MAX + 4.
    String text = "(((1, 0), 0), (9223372036854775807, (0, 4, 0), 0))";
    assertThatThrownBy(() -> Stamp.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Stamp.MAX_COUNTER");
    Stamp hostile = Stamp.ofNormal(
        Id.node(Id.node(Id.ONE, Id.ZERO), Id.ZERO),
        Event.node(MAX - 4, Event.node(0, Event.leaf(4), Event.ZERO), Event.ZERO));
    assertThatThrownBy(() -> Stamp.fromByteArray(hostile.toByteArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sums with its ancestors to " + (MAX - 4))
        .hasMessageContaining("Stamp.MAX_COUNTER");
  }

  @Test
  void aPeerAtTheBoundIsAcceptedAndMyNextEventRoundTrips() {
    // The peer has counted up to the bound on the half it owned; my half is untouched.
    Stamp peer = Stamp.parse("(0, (0, " + Stamp.MAX_COUNTER + ", 0))");
    assertThat(Stamp.problem(peer, Stamp.DEFAULT_MAX_NODES)).isEmpty();
    Stamp me = Stamp.seed().fork().right().event();
    Stamp next = me.join(peer).event();
    assertThat(Stamp.parse(next.toString())).isEqualTo(next);
    assertThat(Stamp.fromByteArray(next.toByteArray())).isEqualTo(next);
    assertThat(Stamp.problem(next, Stamp.DEFAULT_MAX_NODES)).isEmpty();
  }

  @Test
  void anEventThatWouldPassTheBoundThrowsInsteadOfProducingAnUnparseableStamp() {
    Stamp peer = Stamp.parse("(0, " + Stamp.MAX_COUNTER + ")");
    Stamp joined = mine().join(peer);
    assertThat(Stamp.parse(joined.toString())).isEqualTo(joined);
    assertThatThrownBy(joined::event)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Stamp.MAX_COUNTER = " + Stamp.MAX_COUNTER)
        .hasMessageContaining(Long.toString(Stamp.MAX_COUNTER + 1));
    // Just below the bound: events run up to it, each result parses again.
    Stamp s = mine().join(Stamp.parse("(0, " + (Stamp.MAX_COUNTER - 3) + ")"));
    for (int i = 0; i < 3; i++) {
      s = s.event();
      assertThat(Stamp.parse(s.toString())).isEqualTo(s);
      assertThat(Stamp.fromByteArray(s.toByteArray())).isEqualTo(s);
    }
  }

  // ------------------------------------------------------------------------------- node counts

  /** A balanced event tree with {@code 2^(depth+1) - 1} nodes, normal (alternating 0/1 leaves). */
  private static Event balanced(int depth, boolean one) {
    if (depth == 0) {
      return Event.leaf(one ? 1 : 0);
    }
    return Event.node(0, balanced(depth - 1, false), balanced(depth - 1, true));
  }

  @Test
  void nodeCountsAndTheirLimits() {
    assertThat(Stamp.seed().nodeCount()).isEqualTo(2);
    assertThat(mine().nodeCount()).isEqualTo(6);
    Stamp s = Stamp.ofNormal(Id.ONE, balanced(10, false)); // 1 + 2047 nodes
    assertThat(s.nodeCount()).isEqualTo(2048);
    assertThat(Stamp.problem(s, 2048)).isEmpty();
    assertThat(Stamp.problem(s, 2047)).get().asString().contains("more than 2047 nodes");
    assertThat(Stamp.parse(s.toString(), 2048)).isEqualTo(s);
    assertThat(Stamp.fromByteArray(s.toByteArray(), 2048)).isEqualTo(s);
    assertThatThrownBy(() -> Stamp.parse(s.toString(), 2047))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 2047 nodes");
    assertThatThrownBy(() -> Stamp.fromByteArray(s.toByteArray(), 2047))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 2047 nodes");
    assertThatThrownBy(() -> Stamp.parse("(1, 0)", 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxNodes must be at least 2");
  }

  @Test
  void anOversizedValidTreeIsRejectedQuicklyOnDecode() {
    // 2^22 event nodes: a valid, normal stamp of about a MiB, far past the default limit.
    Stamp big = Stamp.ofNormal(Id.ONE, balanced(21, false));
    byte[] bytes = big.toByteArray();
    String text = big.toString();
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofMillis(500), () -> {
      assertThatThrownBy(() -> Stamp.fromByteArray(bytes))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Stamp.DEFAULT_MAX_NODES = 65536");
      assertThatThrownBy(() -> Stamp.parse(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("more than 65536 nodes");
    });
    // A long input of few-bit nodes is refused by its length alone, before any decoding.
    byte[] huge = new byte[5 << 20];
    assertThatThrownBy(() -> Stamp.fromByteArray(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bytes cannot hold a stamp of at most 65536 nodes");
  }

  // ------------------------------------------------------------------------ deep caller-built ids

  @Test
  void deepCallerBuiltTreesHashCompareAndPrintWithoutOverflowingTheStack() {
    Id a = Id.ONE;
    Id b = Id.ONE;
    Event e = Event.ZERO;
    for (int i = 0; i < 100_000; i++) {
      a = Id.node(a, Id.ZERO);
      b = Id.node(b, Id.ZERO);
      e = Event.node(1, e, Event.ZERO);
    }
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(Id.node(b, Id.ZERO));
    String text = a.toString();
    assertThat(text.startsWith("((((") && text.contains("((1, 0), 0)")
        && text.endsWith(", 0), 0), 0)")).isTrue();
    assertThat(e.hashCode()).isEqualTo(e.hashCode());
    assertThat(e).isEqualTo(e).isNotEqualTo(Event.node(1, e, Event.ZERO));
    assertThat(e.toString().length()).isGreaterThan(100_000);
    Id deepId = a;
    assertThatThrownBy(() -> Stamp.of(deepId, Event.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
