package org.allocationcommons.testkit.sim;

/**
 * One point of a simulation's timeline, taken at a fixed virtual interval.
 *
 * @param atMillis virtual milliseconds since the simulation started
 * @param participants nodes in the simulation
 * @param active nodes up (not crashed) at this instant
 * @param converged active nodes that are converged: their allocation state says so and they know the
 *     commitments of every participant they share recognition with
 * @param messages messages put on the wire so far (see {@code NetworkStats#messages()})
 * @param bytes payload bytes put on the wire so far
 * @param maxStampBytes the largest encoded ITC stamp among the active nodes' latest states
 * @param capacity capacity of the active providers (sum of their capacity slots' quantities)
 * @param unusedCapacity capacity the active providers' latest allocations leave unused, summed
 * @param overAllocation what the active providers' latest allocations give participants beyond
 *     their stated need, summed over participants (providers do not see each other's allocations,
 *     so several can fill the same need; damping is what reduces this over time)
 * @param partitioned whether the network was partitioned at this instant
 */
public record Sample(
    long atMillis,
    int participants,
    int active,
    int converged,
    long messages,
    long bytes,
    int maxStampBytes,
    double capacity,
    double unusedCapacity,
    double overAllocation,
    boolean partitioned) {

  /**
   * {@code converged / active}, or 0 when no node is active.
   *
   * @return the converged fraction of active nodes
   */
  public double convergedFraction() {
    return active == 0 ? 0 : (double) converged / active;
  }
}
