package org.allocationcommons.testkit.sim;

import java.util.SplittableRandom;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.testkit.generators.Commons;
import org.allocationcommons.testkit.generators.Topologies;

/**
 * Random small commons in the simulator, over a wide-area network without loss (see {@link
 * SettlingSimulationTest}): every one settles, nobody is over-allocated beyond tolerance, and the
 * outcome is within 1% of capacity of the centralised fixed point (0.0% in 60 of 60 measured
 * runs of K providers per recipient, both policies, and 30 of 30 dense faithful ones).
 *
 * <p>Under water-filling in a dense commons the fixed point is not unique where spills share an
 * under-supplied need slot's deficit (docs/algorithm.md, section 5a): the protocol and the solver's
 * synchronous rounds can land on different splits. Measured on 30 random small dense commons:
 * median 0.2%, largest 1.96% of capacity; so the bound there is {@value
 * #WATER_FILLING_SMALL_COMMONS}.
 */
@Tag("slow")
class SettlingSimulationProperties {

  /** The distance bound for water-filling in small commons (see the class description). */
  static final double WATER_FILLING_SMALL_COMMONS = 0.025;

  private static double bound(AllocationPolicy policy) {
    return policy == AllocationPolicy.WATER_FILLING ? WATER_FILLING_SMALL_COMMONS : 0.01;
  }

  @Property(tries = 8, edgeCases = EdgeCasesMode.NONE)
  void randomCommonsOfKProvidersPerRecipientSettle(
      @ForAll @IntRange(min = 12, max = 30) int participants,
      @ForAll @IntRange(min = 1, max = 3) int k,
      @ForAll @DoubleRange(min = 0.3, max = 2.0) double ratio,
      @ForAll AllocationPolicy policy,
      @ForAll long seed) {
    Commons commons = Topologies.providersPerRecipient(participants, k, ratio, new SplittableRandom(seed));
    SettlingSimulationTest.assertSettles(commons, policy, seed, 0.01);
  }

  @Property(tries = 4, edgeCases = EdgeCasesMode.NONE)
  void randomDenseMutualCommonsSettle(
      @ForAll @IntRange(min = 6, max = 20) int participants,
      @ForAll @IntRange(min = 2, max = 6) int partners,
      @ForAll AllocationPolicy policy,
      @ForAll long seed) {
    Commons commons = Topologies.denseMutual(participants, partners, new SplittableRandom(seed));
    SettlingSimulationTest.assertSettles(commons, policy, seed, bound(policy));
  }
}
