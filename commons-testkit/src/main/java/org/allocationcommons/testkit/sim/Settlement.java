package org.allocationcommons.testkit.sim;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.settling.CentralisedSolver;

/**
 * Where a commons stands: what each recipient receives against what it needs, and how far that is
 * from the fixed point the {@link CentralisedSolver} computes on the same commitments (SPEC 4.4's
 * design target: over-allocation within the tolerance, distance at most 1% of capacity).
 *
 * @param received what each recipient receives (absent: nothing)
 * @param capacity total capacity
 * @param given total given
 * @param overAllocation received beyond stated need, summed over recipients
 * @param unusedCapacity capacity minus what is given
 * @param unmetNeed stated need beyond what is received, summed over participants
 */
public record Settlement(
    Map<String, Double> received, double capacity, double given, double overAllocation, double unusedCapacity,
    double unmetNeed) {

  /**
   * Copies the map.
   *
   * @param received what each recipient receives, by pubKey
   * @param capacity the total capacity
   * @param given the total given
   * @param overAllocation the total received beyond stated needs
   * @param unusedCapacity the capacity not given
   * @param unmetNeed the stated need not received
   */
  public Settlement {
    received = Collections.unmodifiableMap(new TreeMap<>(received));
  }

  /**
   * The settlement of {@code received} against {@code statedNeeds} and {@code capacities}.
   *
   * @param received what each recipient receives, by pubKey
   * @param statedNeeds each participant's stated need
   * @param capacities each participant's capacity
   * @return the settlement
   */
  public static Settlement of(
      Map<String, Double> received, Map<String, Double> statedNeeds, Map<String, Double> capacities) {
    double capacity = capacities.values().stream().mapToDouble(Double::doubleValue).sum();
    double given = received.values().stream().mapToDouble(Double::doubleValue).sum();
    double over = 0;
    double unmet = 0;
    Set<String> everyone = new TreeSet<>(statedNeeds.keySet());
    everyone.addAll(received.keySet());
    for (String k : everyone) {
      double r = received.getOrDefault(k, 0.0);
      double need = statedNeeds.getOrDefault(k, 0.0);
      over += Math.max(0, r - need);
      unmet += Math.max(0, need - r);
    }
    return new Settlement(received, capacity, given, over, Math.max(0, capacity - given), unmet);
  }

  /**
   * Where the simulation's live nodes stand now.
   *
   * @param sim the simulation
   * @return its settlement now
   */
  public static Settlement of(Simulation sim) {
    return of(sim.receivedByRecipient(), sim.statedNeeds(), sim.capacities());
  }

  /**
   * The centralised solver's fixed point on {@code commitments} (at most {@code maxRounds} rounds).
   *
   * @param commitments the commitments to solve
   * @param policy how capacity is shared
   * @param maxRounds the most rounds to run
   * @return the solution
   */
  public static CentralisedSolver.Solution centralised(
      Iterable<Commitment> commitments, AllocationPolicy policy, int maxRounds) {
    Map<String, Commitment> byKey = new TreeMap<>();
    for (Commitment c : commitments) {
      byKey.put(c.pubKey(), c);
    }
    return CentralisedSolver.solve(byKey, policy, maxRounds);
  }

  /**
   * The L1 distance between each recipient's total here and in {@code reference}, divided by the
   * total capacity (0 when there is none).
   *
   * @param reference what each recipient receives in the reference
   * @return the normalised L1 distance
   */
  public double distanceTo(Map<String, Double> reference) {
    Set<String> keys = new TreeSet<>(received.keySet());
    keys.addAll(reference.keySet());
    double d = 0;
    for (String k : keys) {
      d += Math.abs(received.getOrDefault(k, 0.0) - reference.getOrDefault(k, 0.0));
    }
    return capacity == 0 ? 0 : d / capacity;
  }
}
