package org.allocationcommons.itc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.allocationcommons.itc.Histories.History;

/** The laws of the ITC algebra over random legal fork/event/join histories. */
class StampProperties {

  private static final int ORACLE_DEPTH_LIMIT = 14;

  @Provide
  Arbitrary<History> histories() {
    return Histories.histories();
  }

  // ------------------------------------------------------------------------------------------ join

  @Property(tries = 300)
  void joinIsCommutative(@ForAll("histories") History h, @ForAll int i, @ForAll int j) {
    Stamp x = h.any(i).peek();
    Stamp y = h.any(j).peek();
    assertThat(x.join(y)).isEqualTo(y.join(x));
    Stamp a = h.live(i);
    Stamp b = h.live(j);
    if (!a.equals(b)) {
      assertThat(a.join(b)).isEqualTo(b.join(a));
    }
  }

  @Property(tries = 300)
  void joinIsAssociative(
      @ForAll("histories") History h, @ForAll int i, @ForAll int j, @ForAll int k) {
    Stamp x = h.any(i).peek();
    Stamp y = h.any(j).peek();
    Stamp z = h.any(k).peek();
    assertThat(x.join(y).join(z)).isEqualTo(x.join(y.join(z)));
    if (h.live().size() >= 3) {
      Stamp a = h.live().get(0);
      Stamp b = h.live().get(1);
      Stamp c = h.live().get(2);
      assertThat(a.join(b).join(c)).isEqualTo(a.join(b.join(c)));
    }
  }

  @Property(tries = 300)
  void joinIsIdempotentOnHistories(@ForAll("histories") History h, @ForAll int i) {
    Stamp x = h.any(i);
    assertThat(x.peek().join(x.peek())).isEqualTo(x.peek());
    assertThat(x.join(x.peek())).isEqualTo(x);
  }

  @Property(tries = 300)
  void joinIsTheLeastUpperBound(
      @ForAll("histories") History h, @ForAll int i, @ForAll int j, @ForAll int k) {
    Stamp x = h.any(i);
    Stamp y = h.any(j);
    Stamp z = h.any(k);
    Stamp xy = x.peek().join(y.peek());
    assertThat(x.leq(xy)).isTrue();
    assertThat(y.leq(xy)).isTrue();
    if (x.leq(z) && y.leq(z)) {
      assertThat(xy.leq(z)).isTrue();
    }
  }

  @Property(tries = 200)
  void joinAndLeqAgreeWithThePointwiseModel(
      @ForAll("histories") History h, @ForAll int i, @ForAll int j) {
    Stamp x = h.any(i);
    Stamp y = h.any(j);
    int depth = TreeOracle.depth(x, y);
    Assume.that(depth <= ORACLE_DEPTH_LIMIT);
    long[] vx = TreeOracle.values(x.history(), depth);
    long[] vy = TreeOracle.values(y.history(), depth);
    long[] vj = TreeOracle.values(x.peek().join(y.peek()).history(), depth);
    boolean pointwiseLeq = true;
    for (int c = 0; c < vx.length; c++) {
      assertThat(vj[c]).isEqualTo(Math.max(vx[c], vy[c]));
      pointwiseLeq &= vx[c] <= vy[c];
    }
    assertThat(x.leq(y)).isEqualTo(pointwiseLeq);
  }

  // ------------------------------------------------------------------------------------------- leq

  @Property(tries = 300)
  void leqIsAPartialOrder(
      @ForAll("histories") History h, @ForAll int i, @ForAll int j, @ForAll int k) {
    Stamp x = h.any(i);
    Stamp y = h.any(j);
    Stamp z = h.any(k);
    assertThat(x.leq(x)).isTrue();
    if (x.leq(y) && y.leq(x)) {
      assertThat(x.history()).isEqualTo(y.history());
    }
    if (x.leq(y) && y.leq(z)) {
      assertThat(x.leq(z)).isTrue();
    }
    assertThat(x.concurrentWith(y)).isEqualTo(!x.leq(y) && !y.leq(x));
  }

  // ----------------------------------------------------------------------------------------- event

  @Property(tries = 300)
  void eventStrictlyIncreases(@ForAll("histories") History h, @ForAll int i) {
    Stamp s = h.live(i);
    Stamp e = s.event();
    assertThat(s.leq(e)).isTrue();
    assertThat(e.leq(s)).isFalse();
    assertThat(e.id()).isEqualTo(s.id());
  }

  @Property(tries = 300)
  void eventIsUnseenByEveryOtherLiveStamp(@ForAll("histories") History h, @ForAll int i) {
    int index = Math.floorMod(i, h.live().size());
    Stamp e = h.live().get(index).event();
    for (int other = 0; other < h.live().size(); other++) {
      if (other != index) {
        assertThat(e.leq(h.live().get(other))).as("event seen by live stamp %d", other).isFalse();
      }
    }
  }

  @Property(tries = 200)
  void eventOnlyRaisesTheOwnedPartOfTheHistory(@ForAll("histories") History h, @ForAll int i) {
    Stamp s = h.live(i);
    Stamp e = s.event();
    int depth = TreeOracle.depth(s, e);
    Assume.that(depth <= ORACLE_DEPTH_LIMIT);
    boolean[] owned = TreeOracle.owned(s.id(), depth);
    long[] before = TreeOracle.values(s.history(), depth);
    long[] after = TreeOracle.values(e.history(), depth);
    boolean raised = false;
    for (int c = 0; c < owned.length; c++) {
      if (owned[c]) {
        assertThat(after[c]).isGreaterThanOrEqualTo(before[c]);
        raised |= after[c] > before[c];
      } else {
        assertThat(after[c]).as("cell %d is not owned", c).isEqualTo(before[c]);
      }
    }
    assertThat(raised).isTrue();
  }

  // ------------------------------------------------------------------------------------------ fork

  @Property(tries = 300)
  void forkThenJoinGivesBackTheOriginal(@ForAll("histories") History h, @ForAll int i) {
    Stamp s = h.live(i);
    Stamp.Fork f = s.fork();
    assertThat(f.left().history()).isEqualTo(s.history());
    assertThat(f.right().history()).isEqualTo(s.history());
    assertThat(f.left().join(f.right())).isEqualTo(s);
    assertThat(f.right().join(f.left())).isEqualTo(s);
  }

  @Property(tries = 300)
  void liveIdsAreDisjointAndPartitionTheSeed(@ForAll("histories") History h) {
    List<Stamp> live = h.live();
    Statistics.label("live stamps").collect(live.size() <= 2 ? "1-2" : live.size() <= 5 ? "3-5" : "6-10");
    int depth = TreeOracle.depth(live.toArray(Stamp[]::new));
    Statistics.label("max depth").collect(depth <= 2 ? "0-2" : depth <= 5 ? "3-5" : "6+");
    for (int a = 0; a < live.size(); a++) {
      for (int b = a + 1; b < live.size(); b++) {
        Stamp x = live.get(a);
        Stamp y = live.get(b);
        assertThatCode(() -> x.join(y)).as("%s and %s", x, y).doesNotThrowAnyException();
      }
    }
    Stamp all = live.get(0);
    for (int a = 1; a < live.size(); a++) {
      all = all.join(live.get(a));
    }
    assertThat(all.id()).isEqualTo(Stamp.Id.ONE);
  }

  @Property(tries = 200)
  void forkedIdsCoverTheParentExactlyOnce(@ForAll("histories") History h, @ForAll int i) {
    Stamp s = h.live(i);
    Stamp.Fork f = s.fork();
    int depth = TreeOracle.depth(s, f.left(), f.right());
    Assume.that(depth <= ORACLE_DEPTH_LIMIT);
    boolean[] parent = TreeOracle.owned(s.id(), depth);
    boolean[] left = TreeOracle.owned(f.left().id(), depth);
    boolean[] right = TreeOracle.owned(f.right().id(), depth);
    boolean leftOwns = false;
    boolean rightOwns = false;
    for (int c = 0; c < parent.length; c++) {
      assertThat(left[c] && right[c]).isFalse();
      assertThat(left[c] || right[c]).isEqualTo(parent[c]);
      leftOwns |= left[c];
      rightOwns |= right[c];
    }
    assertThat(leftOwns).isTrue();
    assertThat(rightOwns).isTrue();
  }

  // ---------------------------------------------------------------------------------- normal form

  @Property(tries = 300)
  void everyResultIsNormalised(@ForAll("histories") History h, @ForAll int i, @ForAll int j) {
    Stamp s = h.any(i);
    assertNormal(s);
    assertNormal(s.peek().join(h.any(j).peek()));
    if (!s.isAnonymous()) {
      assertNormal(s.event());
      assertNormal(s.fork().left());
      assertNormal(s.fork().right());
    }
  }

  private static void assertNormal(Stamp s) {
    assertThat(TreeOracle.isNormal(s.id())).as("id of %s is normal", s).isTrue();
    assertThat(TreeOracle.isNormal(s.history())).as("history of %s is normal", s).isTrue();
    assertThat(Stamp.of(s.id(), s.history())).isEqualTo(s);
  }

  @Property(tries = 300)
  void equalStampsHaveEqualHashCodes(@ForAll("histories") History h, @ForAll int i) {
    Stamp s = h.any(i);
    Stamp copy = Stamp.parse(s.toString());
    assertThat(copy).isEqualTo(s).hasSameHashCodeAs(s);
  }
}
