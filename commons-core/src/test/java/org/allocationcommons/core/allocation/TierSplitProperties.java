package org.allocationcommons.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.allocationcommons.core.allocation.internal.TierSplit;

/** Water-filling is the proportional split with capped leftovers redistributed. */
class TierSplitProperties {

  record Case(double capacity, double[] num, double[] cap) {}

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.integers()
        .between(1, 12)
        .flatMap(
            n ->
                Combinators.combine(
                        Arbitraries.doubles().between(0, 50),
                        Arbitraries.doubles().between(0, 5).array(double[].class).ofSize(n),
                        Arbitraries.doubles().between(0, 10).array(double[].class).ofSize(n))
                    .as(Case::new));
  }

  @Property(tries = 500)
  void waterFillingIsCappedProportionalAndExhaustive(@ForAll("cases") Case c) {
    int n = c.num().length;
    double[] out = new double[n];
    TierSplit.waterFill(c.capacity(), c.num(), c.cap(), n, out);
    double sum = 0;
    double level = 0; // the common level out/num of the uncapped recipients
    for (int i = 0; i < n; i++) {
      assertThat(out[i]).isBetween(0.0, c.cap()[i] + 1e-12);
      if (!(c.num()[i] > 0)) {
        assertThat(out[i]).isZero();
      }
      sum += out[i];
    }
    assertThat(sum).isLessThanOrEqualTo(c.capacity() + 1e-9);
    boolean someoneUncapped = false;
    for (int i = 0; i < n; i++) {
      if (c.num()[i] > 0 && out[i] < c.cap()[i] - 1e-9) {
        someoneUncapped = true;
        double l = out[i] / c.num()[i];
        if (level == 0) {
          level = l;
        }
        // every uncapped recipient is at the same level (proportional to its numerator)
        assertThat(l).isCloseTo(level, within(1e-6 * Math.max(1, level)));
      }
    }
    if (someoneUncapped) {
      assertThat(sum).isCloseTo(c.capacity(), within(1e-9 * Math.max(1, c.capacity())));
    }
    // capped recipients are those whose cap lies below the level
    for (int i = 0; i < n; i++) {
      if (c.num()[i] > 0 && someoneUncapped && out[i] >= c.cap()[i] - 1e-9) {
        assertThat(c.cap()[i] / c.num()[i]).isLessThanOrEqualTo(level * (1 + 1e-6) + 1e-9);
      }
    }
  }

  @Property(tries = 300)
  void waterFillingGivesEachAtLeastTheProportionalShareWhenTheFloorDoesNotBind(@ForAll("cases") Case c) {
    int n = c.num().length;
    double d = 0;
    for (double v : c.num()) {
      d += v;
    }
    if (d < TierSplit.DENOMINATOR_FLOOR) {
      return;
    }
    double[] water = new double[n];
    double[] proportional = new double[n];
    TierSplit.waterFill(c.capacity(), c.num(), c.cap(), n, water);
    TierSplit.proportional(c.capacity(), c.num(), c.cap(), n, proportional);
    for (int i = 0; i < n; i++) {
      if (c.cap()[i] > 0) {
        assertThat(water[i]).isGreaterThanOrEqualTo(proportional[i] - 1e-9);
      }
    }
  }
}
