package org.allocationcommons.testkit.sim;

import java.time.Duration;
import java.util.Objects;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.testkit.network.NetworkConditions;

/**
 * What a simulation was asked to do; see {@link Simulation.Builder} for the meaning and the defaults.
 *
 * @param nodes number of participants, each a node
 * @param seed seed of the generated commons and of every network fault
 * @param network per-message faults
 * @param policy allocation policy every node uses
 * @param timeLimit virtual time after which a run stops even if not converged
 * @param sampleEvery virtual interval between two timeline samples
 * @param threshold fraction of active nodes that must be converged for the network to be
 */
public record SimulationSettings(
    int nodes,
    long seed,
    NetworkConditions network,
    AllocationPolicy policy,
    Duration timeLimit,
    Duration sampleEvery,
    double threshold) {

  /**
   * Validates every field, naming it and the rule.
   *
   * @param nodes the number of participants
   * @param seed the seed of every random choice
   * @param network the fault conditions
   * @param policy the allocation policy
   * @param timeLimit the virtual time limit
   * @param sampleEvery the sampling interval
   * @param threshold the converged fraction required
   */
  public SimulationSettings {
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be >= 1, was " + nodes);
    }
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(policy, "policy");
    if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be > 0, was " + timeLimit);
    }
    if (sampleEvery == null || sampleEvery.isNegative() || sampleEvery.isZero()) {
      throw new IllegalArgumentException("sampleEvery must be > 0, was " + sampleEvery);
    }
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
    }
  }
}
