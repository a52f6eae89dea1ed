package org.allocationcommons.itc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.allocationcommons.itc.Stamp.Event;
import org.allocationcommons.itc.Stamp.Id;
import org.junit.jupiter.api.Test;

/** Worked examples of the ITC algebra, with the trees written out by hand. */
class StampTest {

  private static final Id ONE = Id.ONE;
  private static final Id ZERO = Id.ZERO;

  private static Event n(long n) {
    return Event.leaf(n);
  }

  private static Event n(long n, Event l, Event r) {
    return Event.node(n, l, r);
  }

  @Test
  void theClassJavadocExampleHolds() {
    Stamp s = Stamp.seed();
    Stamp.Fork f = s.fork();
    Stamp a = f.left().event();
    Stamp j = a.join(f.right());
    assertThat(j).hasToString("(1, (0, 1, 0))");
    assertThat(a.leq(j)).isTrue();
    assertThat(a.concurrentWith(f.right().event())).isTrue();
    // the owner of the whole id fills its history on the next event: (1, (0, 1, 0)) -> (1, 1)
    assertThat(j.event()).hasToString("(1, 1)");
  }

  @Test
  void theDocsExampleHolds() {
    Stamp.Fork f = Stamp.seed().fork();
    Stamp me = f.left();
    Stamp newcomer = f.right();
    me = me.event();
    newcomer = newcomer.event();
    assertThat(me.concurrentWith(newcomer)).isTrue();
    // (0, 1, 0) join (0, 0, 1) = (0, 1, 1) -> 1
    me = me.join(newcomer.peek());
    assertThat(me).hasToString("((1, 0), 1)");
    // (1, 0) + (0, 1) = (1, 1) -> 1; 1 join (0, 0, 1) = 1
    me = me.join(newcomer);
    assertThat(me).hasToString("(1, 1)");
  }

  @Test
  void seedIsTheWholeIdWithAnEmptyHistory() {
    Stamp seed = Stamp.seed();
    assertThat(seed.id()).isEqualTo(ONE);
    assertThat(seed.history()).isEqualTo(n(0));
    assertThat(seed.isAnonymous()).isFalse();
    assertThat(seed).hasToString("(1, 0)");
  }

  @Test
  void forkSplitsTheIdInHalvesAndKeepsTheHistory() {
    Stamp.Fork f = Stamp.seed().fork();
    // split(1) = ((1, 0), (0, 1))
    assertThat(f.left()).isEqualTo(Stamp.of(Id.node(ONE, ZERO), n(0)));
    assertThat(f.right()).isEqualTo(Stamp.of(Id.node(ZERO, ONE), n(0)));
    assertThat(f.left()).hasToString("((1, 0), 0)");
    assertThat(f.right()).hasToString("((0, 1), 0)");
  }

  @Test
  void forkOfAHalfSplitsTheOwnedSubtree() {
    Stamp left = Stamp.seed().fork().left(); // ((1, 0), 0)
    Stamp.Fork f = left.fork();
    // split((i, 0)) = ((i1, 0), (i2, 0)) with (i1, i2) = split(1)
    assertThat(f.left()).hasToString("(((1, 0), 0), 0)");
    assertThat(f.right()).hasToString("(((0, 1), 0), 0)");
    // split((i1, i2)) with both non-zero = ((i1, 0), (0, i2))
    Stamp both = Stamp.of(Id.node(Id.node(ONE, ZERO), ONE), n(3));
    Stamp.Fork g = both.fork();
    assertThat(g.left()).hasToString("(((1, 0), 0), 3)");
    assertThat(g.right()).hasToString("((0, 1), 3)");
  }

  @Test
  void eventOnAHalfGrowsTheOwnedSide() {
    Stamp.Fork f = Stamp.seed().fork();
    // fill((1, 0), 0) = 0 changes nothing, so grow: expand 0 to (0, 0, 0) and bump the left leaf.
    assertThat(f.left().event()).hasToString("((1, 0), (0, 1, 0))");
    assertThat(f.right().event()).hasToString("((0, 1), (0, 0, 1))");
    // fill((1, 0), (0, 1, 0)) = (0, max(1, 0), 0): a new tree equal to the old one, so grow the left
    // leaf again: 1 -> 2. (Deciding by object identity, as the original did, returns (0, 1, 0).)
    assertThat(f.left().event().event()).hasToString("((1, 0), (0, 2, 0))");
  }

  @Test
  void eventOnTheSeedCountsUp() {
    assertThat(Stamp.seed().event()).hasToString("(1, 1)");
    assertThat(Stamp.seed().event().event()).hasToString("(1, 2)");
  }

  @Test
  void eventFillsWhenTheOwnedPartLagsBehind() {
    // Left half owns (1, 0) and has seen 2 events of the right half: fill raises the left leaf to
    // max(max(0), min(2)) = 2, giving (0, 2, 2) which normalises to 2. No growth needed.
    Stamp s = Stamp.of(Id.node(ONE, ZERO), n(0, n(0), n(2)));
    assertThat(s.event()).hasToString("((1, 0), 2)");
    assertThat(s.leq(s.event())).isTrue();
    assertThat(s.event().leq(s)).isFalse();
  }

  @Test
  void bothHalvesEventedAndJoinedEqualTheSeedEvented() {
    Stamp.Fork f = Stamp.seed().fork();
    Stamp a = f.left().event(); //  ((1, 0), (0, 1, 0))
    Stamp b = f.right().event(); // ((0, 1), (0, 0, 1))
    // ids: (1, 0) + (0, 1) = (1, 1) -> 1; events: (0, max(1, 0), max(0, 1)) = (0, 1, 1) -> 1.
    assertThat(a.join(b)).isEqualTo(Stamp.seed().event()).hasToString("(1, 1)");
    assertThat(b.join(a)).isEqualTo(a.join(b));
  }

  @Test
  void concurrentEventsAreDetected() {
    Stamp.Fork f = Stamp.seed().fork();
    Stamp a = f.left().event();
    Stamp b = f.right().event();
    assertThat(a.concurrentWith(b)).isTrue();
    assertThat(a.leq(b)).isFalse();
    assertThat(b.leq(a)).isFalse();
    Stamp j = a.join(b.peek());
    assertThat(a.leq(j)).isTrue();
    assertThat(b.leq(j)).isTrue();
    assertThat(a.concurrentWith(j)).isFalse();
    assertThat(f.left().leq(a)).isTrue();
    assertThat(a.leq(f.left())).isFalse();
  }

  @Test
  void peekIsAnonymousWithTheSameHistory() {
    Stamp a = Stamp.seed().fork().left().event();
    Stamp p = a.peek();
    assertThat(p.isAnonymous()).isTrue();
    assertThat(p.history()).isEqualTo(a.history());
    assertThat(p).hasToString("(0, (0, 1, 0))");
    assertThat(p.leq(a)).isTrue();
    assertThat(a.leq(p)).isTrue();
    assertThat(p).isNotEqualTo(a);
  }

  @Test
  void joiningBackAForkGivesTheOriginal() {
    Stamp s = Stamp.seed().fork().left().event();
    Stamp.Fork f = s.fork();
    assertThat(f.left().join(f.right())).isEqualTo(s);
  }

  @Test
  void joiningOverlappingIdsIsRejected() {
    Stamp seed = Stamp.seed();
    assertThatThrownBy(() -> seed.join(seed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlapping ids")
        .hasMessageContaining("1 and 1");
    Stamp left = seed.fork().left();
    assertThatThrownBy(() -> left.join(seed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(1, 0) and 1");
  }

  @Test
  void anonymousStampsCannotRecordOrFork() {
    Stamp p = Stamp.seed().peek();
    assertThatThrownBy(p::event)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("anonymous");
    assertThatThrownBy(p::fork)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("anonymous");
    // but joining knowledge is fine
    assertThat(p.join(Stamp.seed().event())).isEqualTo(Stamp.seed().event());
  }

  @Test
  void ofNormalisesBothTrees() {
    Stamp s = Stamp.of(Id.node(Id.node(ONE, ONE), Id.node(ZERO, ZERO)), n(1, n(2), n(3, n(1), n(1))));
    // ids: ((1, 1), (0, 0)) -> (1, 0); events: (1, 2, (3, 1, 1)) -> (1, 2, 4) -> (3, 0, 2)
    assertThat(s).hasToString("((1, 0), (3, 0, 2))");
    assertThat(Stamp.of(Id.node(ONE, ONE), n(0, n(5), n(5)))).isEqualTo(Stamp.seed().event().event()
        .event().event().event());
  }

  @Test
  void ofRejectsNegativeAndOverflowingCounters() {
    assertThatThrownBy(() -> Event.leaf(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be >= 0, was -1");
    assertThatThrownBy(() -> Stamp.of(ONE, n(Long.MAX_VALUE, n(1), n(0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Long.MAX_VALUE");
  }

  @Test
  void eventAtTheLargestCounterOverflowsCleanly() {
    Stamp s = Stamp.of(ONE, n(Stamp.MAX_COUNTER));
    assertThatThrownBy(s::event)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Long.MAX_VALUE");
  }

  @Test
  void equalityIsStructural() {
    Stamp a = Stamp.seed().fork().left().event();
    Stamp b = Stamp.of(Id.node(Id.leaf(true), Id.leaf(false)), n(0, n(1), n(0)));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(Stamp.seed());
  }
}
