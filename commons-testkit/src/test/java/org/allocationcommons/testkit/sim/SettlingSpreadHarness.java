package org.allocationcommons.testkit.sim;

import java.time.Duration;
import java.util.SplittableRandom;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.settling.CentralisedSolver;
import org.allocationcommons.testkit.generators.Commons;
import org.allocationcommons.testkit.generators.Topologies;
import org.allocationcommons.testkit.network.NetworkConditions;

/**
 * How far the settled outcome lands from {@link CentralisedSolver}'s over many random small commons
 * (the spread behind {@link SettlingSimulationProperties}' bounds), one line per run and policy.
 * Not a test: run it from the test classpath,
 *
 * <pre>java -cp commons-testkit/target/test-classes:... org.allocationcommons.testkit.sim.SettlingSpreadHarness dense 30 7</pre>
 *
 * with {@code dense} (6-20 participants, 2-6 partners) or {@code providers} (12-30 participants, K
 * 1-3, capacity ratio 0.3-2.0), the number of commons and a seed.
 */
final class SettlingSpreadHarness {

  private SettlingSpreadHarness() {}

  public static void main(String[] args) {
    boolean providers = args.length > 0 && args[0].equals("providers");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    SplittableRandom meta = new SplittableRandom(args.length > 2 ? Long.parseLong(args[2]) : 7);
    for (int i = 0; i < n; i++) {
      int participants = providers ? 12 + meta.nextInt(19) : 6 + meta.nextInt(15);
      int partners = providers ? 1 + meta.nextInt(3) : 2 + meta.nextInt(5);
      double ratio = providers ? 0.3 + 1.7 * meta.nextDouble() : 0; // dense commons draw no ratio
      long seed = meta.nextLong();
      for (AllocationPolicy policy : AllocationPolicy.values()) {
        Commons commons =
            providers
                ? Topologies.providersPerRecipient(participants, partners, ratio, new SplittableRandom(seed))
                : Topologies.denseMutual(participants, partners, new SplittableRandom(seed));
        try (Simulation sim = Simulation.builder().commons(commons).policy(policy).seed(seed)
            .network(NetworkConditions.wideArea().withLoss(0)).build()) {
          sim.runUntilConverged(Duration.ofSeconds(120));
          sim.runUntil(() -> sim.participants().stream().allMatch(sim::isConverged), Duration.ofSeconds(90));
          sim.runFor(Duration.ofSeconds(45));
          Settlement s = Settlement.of(sim);
          CentralisedSolver.Solution ref = Settlement.centralised(sim.commons().commitments(), policy, 500);
          double refUnmet = Settlement.of(ref.received(), sim.statedNeeds(), sim.capacities()).unmetNeed();
          System.out.printf(
              "%s participants=%d partners=%d seed=%d %s distance=%.4f over=%.3f unmet=%.3f solverUnmet=%.3f capacity=%.1f rounds=%d%n",
              providers ? "providers" : "dense", participants, partners, seed, policy,
              s.distanceTo(ref.received()), s.overAllocation(), s.unmetNeed(), refUnmet, s.capacity(), ref.rounds());
        }
      }
    }
  }
}
