package org.allocationcommons.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.settling.CentralisedSolver;
import org.allocationcommons.testkit.generators.Commons;
import org.allocationcommons.testkit.generators.Topologies;
import org.allocationcommons.testkit.network.NetworkConditions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14's grid in small: each topology settles (every node converged, then nothing but heartbeats
 * published), nobody is over-allocated beyond 0.1% of capacity, and the settled totals are within 1%
 * of the centralised solver's, over a wide-area network with latency, duplication and reordering.
 *
 * <p>Without loss: a lost heartbeat lets a participant's commitment age past the freshness window
 * at one provider, which is a real input change (it counts as inactive there until its next
 * heartbeat), so "nothing but heartbeats published" cannot hold under loss, by design.
 */
@Tag("slow")
class SettlingSimulationTest {

  static Stream<Arguments> grid() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (AllocationPolicy policy : AllocationPolicy.values()) {
      for (int k : new int[] {1, 2, 5}) {
        for (double ratio : new double[] {0.5, 1.6}) {
          b.add(Arguments.of(policy, named(Topologies.providersPerRecipient(50, k, ratio, new SplittableRandom(k)))));
        }
      }
      b.add(Arguments.of(policy, named(Topologies.denseMutual(40, 10, new SplittableRandom(3)))));
    }
    return b.build();
  }

  private static Named<Commons> named(Commons c) {
    return Named.of(c.name(), c);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("grid")
  void settlesNearTheCentralisedFixedPoint(AllocationPolicy policy, Commons commons) {
    assertSettles(commons, policy, 11, 0.01);
  }

  /**
   * Runs {@code commons} to settlement and checks issue 14's three conditions, the distance to the
   * centralised solution within {@code maxDistance} of capacity.
   */
  static void assertSettles(Commons commons, AllocationPolicy policy, long seed, double maxDistance) {
    try (Simulation sim = Simulation.builder().commons(commons).policy(policy).seed(seed).network(NetworkConditions.wideArea().withLoss(0)).build()) {
      assertThat(sim.runUntilConverged(Duration.ofSeconds(120))).as("network converged (80%%)").isPresent();
      OptionalLong all = sim.runUntil(() -> sim.participants().stream().allMatch(sim::isConverged), Duration.ofSeconds(90));
      assertThat(all).as("every node converged").isPresent();
      Map<String, java.util.List<Object>> before = sim.publishedFingerprint();
      sim.runFor(Duration.ofSeconds(45));
      assertThat(sim.publishedFingerprint()).as("nothing but heartbeats published after settling").isEqualTo(before);
      Settlement s = Settlement.of(sim);
      assertThat(s.overAllocation()).as("over-allocation").isLessThanOrEqualTo(0.001 * s.capacity());
      CentralisedSolver.Solution ref = Settlement.centralised(sim.commons().commitments(), policy, 500);
      assertThat(ref.settled()).isTrue();
      assertThat(s.distanceTo(ref.received())).as("distance to the centralised solution").isLessThanOrEqualTo(maxDistance);
      assertThat(sim.scheduler().failures()).isEmpty();
    }
  }
}
