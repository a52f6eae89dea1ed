package org.allocationcommons.testkit.sim;

import java.util.SplittableRandom;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.testkit.generators.Commons;
import org.allocationcommons.testkit.generators.Topologies;
import net.jqwik.api.Tag;

/**
 * Random small commons in the simulator, over a wide-area network without loss (see {@link
 * SettlingSimulationTest}): every one settles, nobody
 * is over-allocated beyond tolerance, and the outcome is within 1% of the centralised fixed point.
 */
@Tag("slow")
class SettlingSimulationProperties {

  @Property(tries = 8, edgeCases = EdgeCasesMode.NONE)
  void randomCommonsOfKProvidersPerRecipientSettle(
      @ForAll @IntRange(min = 12, max = 30) int participants,
      @ForAll @IntRange(min = 1, max = 3) int k,
      @ForAll @DoubleRange(min = 0.3, max = 2.0) double ratio,
      @ForAll AllocationPolicy policy,
      @ForAll long seed) {
    Commons commons = Topologies.providersPerRecipient(participants, k, ratio, new SplittableRandom(seed));
    SettlingSimulationTest.assertSettles(commons, policy, seed);
  }

  @Property(tries = 4, edgeCases = EdgeCasesMode.NONE)
  void randomDenseMutualCommonsSettle(
      @ForAll @IntRange(min = 6, max = 20) int participants,
      @ForAll @IntRange(min = 2, max = 6) int partners,
      @ForAll AllocationPolicy policy,
      @ForAll long seed) {
    Commons commons = Topologies.denseMutual(participants, partners, new SplittableRandom(seed));
    SettlingSimulationTest.assertSettles(commons, policy, seed);
  }
}
