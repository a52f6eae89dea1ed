package org.allocationcommons.itc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.allocationcommons.itc.Histories.History;
import org.allocationcommons.itc.Stamp.Event;
import org.allocationcommons.itc.Stamp.Id;

/** SPEC 7: joining any accepted peer stamp never makes my own next stamp unacceptable. */
class BoundsProperties {

  private static final long HEADROOM = 1L << 40;

  @Provide
  Arbitrary<History> histories() {
    return Histories.histories();
  }

  /** Peer histories whose path sums stay within a budget, many of them at or near the budget. */
  private static Event peerEvent(Random random, int depth, long budget) {
    long n = switch (random.nextInt(6)) {
      case 0 -> budget;
      case 1 -> budget - Math.min(budget, random.nextInt(4));
      case 2 -> (long) (random.nextDouble() * budget);
      default -> Math.min(budget, random.nextInt(4));
    };
    if (depth == 0 || random.nextInt(3) == 0) {
      return Event.leaf(n);
    }
    return Event.node(n, peerEvent(random, depth - 1, budget - n),
        peerEvent(random, depth - 1, budget - n));
  }

  /** Peer stamps (peeks) that every parser accepts: counters up to {@link Stamp#MAX_COUNTER}. */
  @Provide
  Arbitrary<Stamp> acceptedPeers() {
    return Arbitraries.randomValue(random -> {
      long budget = random.nextBoolean() ? Stamp.MAX_COUNTER : Stamp.MAX_COUNTER - HEADROOM;
      return Stamp.of(Id.ZERO, peerEvent(random, random.nextInt(8), budget));
    }).withoutEdgeCases();
  }

  private static void roundTrips(Stamp s) {
    assertThat(Stamp.problem(s, Stamp.DEFAULT_MAX_NODES)).isEmpty();
    assertThat(Stamp.parse(s.toString())).isEqualTo(s);
    assertThat(Stamp.fromByteArray(s.toByteArray())).isEqualTo(s);
  }

  @Property(tries = 500)
  void myEventAfterJoiningAnAcceptedPeerRoundTripsOrRefusesCleanly(
      @ForAll("histories") History h, @ForAll int i, @ForAll("acceptedPeers") Stamp peer) {
    // What a peer sends is what I decode: both encodings agree and nothing is lost.
    Stamp received = Stamp.fromByteArray(peer.toByteArray());
    assertThat(Stamp.parse(peer.toString())).isEqualTo(received);
    assertThat(Stamp.problem(received, Stamp.DEFAULT_MAX_NODES)).isEmpty();
    Stamp mine = h.live(i);
    Stamp joined = mine.join(received);
    roundTrips(joined);
    Stamp next;
    try {
      next = joined.event();
    } catch (IllegalStateException refused) {
      // Only when the part I own already sits at the bound: never an unparseable stamp.
      assertThat(refused).hasMessageContaining("Stamp.MAX_COUNTER = " + Stamp.MAX_COUNTER);
      assertThat(Trees.max(joined.history())).isEqualTo(Stamp.MAX_COUNTER);
      return;
    }
    assertThat(joined.leq(next)).isTrue();
    assertThat(next.leq(joined)).isFalse();
    roundTrips(next);
  }

  @Property(tries = 300)
  void aPeerWithTwoToTheFortyHeadroomLeavesMeFreeToRecordEvents(
      @ForAll("histories") History h, @ForAll int i, @ForAll long seed) {
    Random random = new Random(seed);
    Stamp peer = Stamp.of(Id.ZERO, peerEvent(random, random.nextInt(8), Stamp.MAX_COUNTER - HEADROOM));
    Stamp s = h.live(i).join(Stamp.fromByteArray(peer.toByteArray()));
    for (int k = 0; k < 5; k++) {
      s = s.event(); // never refuses: 2^40 events of room
      roundTrips(s);
    }
  }

  /**
   * The clock worm, closed: after learning from ANY accepted peer (counters at the bound, over my
   * own part of the interval too), I can always record events, and each one round-trips.
   */
  @Property(tries = 500)
  void afterLearningFromAnyAcceptedPeerICanAlwaysRecordEvents(
      @ForAll("histories") History h, @ForAll int i, @ForAll("acceptedPeers") Stamp peer) {
    Stamp s = h.live(i);
    if (s.isAnonymous()) {
      return;
    }
    Stamp learned = s.learnFrom(Stamp.fromByteArray(peer.toByteArray()));
    assertThat(s.leq(learned)).isTrue();
    roundTrips(learned);
    for (int k = 0; k < 20; k++) {
      Stamp next = learned.event();
      assertThat(learned.leq(next) && !next.leq(learned)).isTrue();
      roundTrips(next);
      learned = next;
    }
  }

  /** For honest peers (any stamp of the same legal history) learning is exactly joining. */
  @Property(tries = 500)
  void learningFromAnHonestPeerIsJoiningItsPeek(@ForAll("histories") History h, @ForAll int i, @ForAll int j) {
    Stamp mine = h.live(i);
    Stamp peer = h.any(j);
    assertThat(mine.learnFrom(peer)).isEqualTo(mine.join(peer.peek()));
  }

  /** My own part keeps my counts; everywhere else I learn the peer's. */
  @org.junit.jupiter.api.Test
  void aPeerClaimingMyEventsTeachesMeOnlyTheOthers() {
    Stamp.Fork f = Stamp.seed().fork();
    Stamp me = f.left().event(); // ((1,0),(0,1,0))
    Stamp liar = Stamp.of(Id.ZERO, Event.leaf(Stamp.MAX_COUNTER)); // claims MAX everywhere, mine too
    assertThat(me.join(liar).history()).isEqualTo(Event.leaf(Stamp.MAX_COUNTER)); // what join believed
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> me.join(liar.peek()).event()) // and then: no more events
        .isInstanceOf(IllegalStateException.class);
    Stamp learned = me.learnFrom(liar);
    assertThat(learned).isEqualTo(Stamp.parse("((1, 0), (0, 1, " + Stamp.MAX_COUNTER + "))"));
    assertThatNoException(() -> learned.event().event().event());
  }

  private static void assertThatNoException(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
    org.assertj.core.api.Assertions.assertThatCode(c).doesNotThrowAnyException();
  }
}
