package org.allocationcommons.core.settling;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.allocationcommons.core.allocation.Allocation;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.allocation.AllocationResult;
import org.allocationcommons.core.allocation.MutualRecognition;
import org.allocationcommons.core.damping.Damping;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;

/**
 * The fixed point a commons should reach, computed in one place from every commitment: the same
 * pure functions a node runs (MR, {@link Allocation}, {@link Damping}, {@link Settling}), iterated
 * in synchronous rounds (every provider allocates, then every recipient reports and damps) until no
 * report moves beyond its tolerance and no damping factor changes. The simulator compares the
 * distributed protocol's settled totals with this.
 */
public final class CentralisedSolver {

  /** Virtual time between rounds, for the damping history. */
  private static final long ROUND_MILLIS = 1_000;

  private CentralisedSolver() {}

  /**
   * The outcome.
   *
   * @param commitments every participant's commitment at the fixed point (with its report and damping)
   * @param results every provider's allocation at the fixed point, by pubKey
   * @param received what each participant receives in total, by pubKey (positive entries)
   * @param rounds the rounds it took
   * @param settled whether it reached the fixed point within the round limit
   */
  public record Solution(
      Map<String, Commitment> commitments,
      Map<String, AllocationResult> results,
      Map<String, Double> received,
      int rounds,
      boolean settled) {

    /**
     * Copies the maps.
     *
     * @param commitments every participant's commitment after the last round, by pubKey
     * @param results each provider's last allocation, by pubKey
     * @param received what each participant receives in total, by pubKey
     * @param rounds the number of rounds run
     * @param settled whether nothing moved in the last round
     */
    public Solution {
      commitments = Collections.unmodifiableMap(new LinkedHashMap<>(commitments));
      results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
      received = Collections.unmodifiableMap(new TreeMap<>(received));
    }

    /**
     * What {@code pubKey} receives in total (0 if nothing).
     *
     * @param pubKey the participant
     * @return its total received, 0 if nothing
     */
    public double receivedBy(String pubKey) {
      return received.getOrDefault(pubKey, 0.0);
    }
  }

  /**
   * Solves the commons of these commitments (every one counts as fresh) under {@code policy}.
   *
   * @param maxRounds gives up after this many rounds (the solution says whether it settled)
   * @param commitments every participant's commitment, by pubKey
   * @param policy how capacity is shared
   * @return the commitments, allocations and totals after the last round
   * @throws IllegalArgumentException if {@code maxRounds < 1} or an input is invalid for {@link
   *     Allocation#compute}
   */
  public static Solution solve(Map<String, Commitment> commitments, AllocationPolicy policy, int maxRounds) {
    return solve(commitments, policy, maxRounds, true);
  }

  /**
   * {@link #solve(Map, AllocationPolicy, int)}, optionally without its restriction of each
   * provider to the needers it recognises and of each recipient to the states that mention it.
   * Those restrictions change nothing (a needer a provider does not recognise gets nothing in
   * either tier and adds nothing to a denominator; a state not mentioning a recipient adds nothing
   * to its report); they take a round from every provider against every commitment, O(n^2), to
   * the commitments and states that matter. The unrestricted form is the reference the tests
   * compare against.
   */
  static Solution solve(Map<String, Commitment> commitments, AllocationPolicy policy, int maxRounds, boolean restrict) {
    Objects.requireNonNull(policy, "policy");
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds = " + maxRounds + ": must be >= 1");
    }
    Map<String, Commitment> current = new TreeMap<>(commitments);
    Map<String, Map<String, Double>> weights = new TreeMap<>();
    current.forEach((k, c) -> weights.put(k, c.recognitionWeights()));
    Map<String, Map<String, Double>> mr = new TreeMap<>();
    for (String k : current.keySet()) {
      mr.put(k, MutualRecognition.compute(k, weights.get(k), weights));
    }
    Map<String, AllocationResult> results = new TreeMap<>();
    long now = commitments.values().stream().mapToLong(Commitment::timestamp).max().orElse(1);
    Stamp stamp = Stamp.seed();
    for (int round = 1; round <= maxRounds; round++) {
      now += ROUND_MILLIS;
      results.clear();
      Map<String, AllocationState> states = new TreeMap<>();
      for (Map.Entry<String, Commitment> e : current.entrySet()) {
        Commitment p = e.getValue();
        if (!p.hasCapacity()) {
          continue;
        }
        Map<String, Commitment> others;
        if (restrict) {
          others = new LinkedHashMap<>();
          for (Map.Entry<String, Double> w : new TreeMap<>(p.recognitionWeights()).entrySet()) { // key order, as unrestricted
            Commitment needer = current.get(w.getKey());
            if (w.getValue() > 0 && needer != null && !w.getKey().equals(e.getKey())) {
              others.put(w.getKey(), needer);
            }
          }
        } else {
          others = new LinkedHashMap<>(current);
          others.remove(e.getKey());
        }
        AllocationResult r =
            Allocation.compute(
                AllocationInput.of(e.getKey(), p, mr.get(e.getKey()), p.recognitionWeights(), others),
                policy);
        results.put(e.getKey(), r);
        states.put(e.getKey(), r.toState(false, java.util.List.of(), stamp, now));
      }
      Map<String, Map<String, AllocationState>> mentioning = restrict ? mentioning(states) : Map.of();
      boolean moved = false;
      Map<String, Commitment> next = new TreeMap<>();
      for (Map.Entry<String, Commitment> e : current.entrySet()) {
        Commitment c = e.getValue();
        Map<String, AllocationState> relevant = restrict ? mentioning.getOrDefault(e.getKey(), Map.of()) : states;
        Settling.Report report = Settling.report(e.getKey(), c, relevant);
        Commitment damped = Settling.damp(c, report, now);
        boolean factorChanged = damped.dampingFactor().doubleValue() != c.dampingFactor().doubleValue();
        boolean reportMoved =
            Settling.moved(Settling.Report.of(c), report, Settling.tolerance(c.statedNeed()));
        if (reportMoved) {
          damped = report.applyTo(damped);
        }
        moved |= factorChanged || reportMoved;
        next.put(e.getKey(), damped);
      }
      current = next;
      if (!moved) {
        return new Solution(current, results, received(results), round, true);
      }
    }
    return new Solution(current, results, received(results), maxRounds, false);
  }

  /** The states that mention each recipient (a total, an allocation or an offer), by recipient then provider. */
  private static Map<String, Map<String, AllocationState>> mentioning(Map<String, AllocationState> states) {
    Map<String, Map<String, AllocationState>> by = new HashMap<>();
    states.forEach(
        (provider, s) -> {
          Set<String> recipients = new HashSet<>(s.recipientTotals().keySet());
          s.slotAllocations().forEach(a -> recipients.add(a.recipientPubkey()));
          recipients.addAll(s.recipientOffers().keySet());
          recipients.forEach(r -> by.computeIfAbsent(r, k -> new TreeMap<>()).put(provider, s));
        });
    return by;
  }

  private static Map<String, Double> received(Map<String, AllocationResult> results) {
    Map<String, Double> received = new TreeMap<>();
    results.values().forEach(r -> r.recipientTotals().forEach((k, v) -> received.merge(k, v, Double::sum)));
    return received;
  }
}
