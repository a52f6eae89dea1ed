package org.allocationcommons.core.convergence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.allocationcommons.core.model.ConvergenceEntry;
import org.allocationcommons.core.model.SlotDenominators;

/**
 * Convergence (SPEC 4.5). Locally, a provider has converged when every capacity slot present in
 * both its previous and its current denominators changed by at most {@link #EPSILON} in both tiers;
 * the network has converged when at least 80% of active participants report converged.
 */
public final class Convergence {

  /** Largest denominator change that still counts as converged (inclusive). */
  public static final double EPSILON = 0.001;

  /** Share of active participants that must report converged, in percent. */
  public static final int NETWORK_PERCENT = 80;

  /** Default bound on the length of {@code convergenceHistory}. */
  public static final int DEFAULT_HISTORY_LIMIT = 100;

  private Convergence() {}

  /**
   * The outcome of a local check.
   *
   * @param converged every common slot moved by at most {@link #EPSILON} (false without a
   *     previous state)
   * @param maxDelta the largest change over common slots and both tiers (0 when none in common),
   *     empty without a previous state
   */
  public record Check(boolean converged, Optional<Double> maxDelta) {}

  /**
   * Compares denominators. Slots only in one of the two maps are ignored; with no slot in common
   * the check passes vacuously (there was a previous state and nothing moved). A NaN delta fails.
   *
   * @param previous the denominators of the previous state, empty if there was none
   * @param current the denominators now
   * @return whether it converged, and the largest delta
   */
  public static Check check(
      Optional<Map<String, SlotDenominators>> previous, Map<String, SlotDenominators> current) {
    if (previous.isEmpty()) {
      return new Check(false, Optional.empty());
    }
    double max = 0;
    boolean ok = true;
    for (Map.Entry<String, SlotDenominators> e : current.entrySet()) {
      SlotDenominators before = previous.get().get(e.getKey());
      if (before == null) {
        continue;
      }
      double dm = Math.abs(e.getValue().mutual() - before.mutual());
      double dn = Math.abs(e.getValue().nonMutual() - before.nonMutual());
      if (!(dm <= EPSILON) || !(dn <= EPSILON)) {
        ok = false;
      }
      double d = Math.max(dm, dn);
      if (Double.isNaN(d) || d > max) {
        max = d;
      }
    }
    return new Check(ok, Optional.of(max));
  }

  /**
   * Compares what a provider gives each recipient (ours, beside SPEC 4.5's denominators: a
   * residual-need report moves allocations without moving denominators): converged when every
   * recipient's total moved by at most {@link #EPSILON}, a recipient missing on one side counting as
   * 0. Without a previous computation: not converged.
   *
   * @param previous the totals of the previous state, empty if there was none
   * @param current the totals now
   * @return whether it converged, and the largest delta
   */
  public static Check checkTotals(
      Optional<Map<String, Double>> previous, Map<String, Double> current) {
    if (previous.isEmpty()) {
      return new Check(false, Optional.empty());
    }
    double max = 0;
    Set<String> keys = new TreeSet<>(current.keySet());
    keys.addAll(previous.get().keySet());
    for (String k : keys) {
      double d = Math.abs(current.getOrDefault(k, 0.0) - previous.get().getOrDefault(k, 0.0));
      if (Double.isNaN(d) || d > max) {
        max = d;
      }
    }
    return new Check(!(max > EPSILON) && !Double.isNaN(max), Optional.of(max));
  }

  /**
   * Both checks at once: converged when both are, with the larger delta.
   *
   * @param a one check
   * @param b the other check
   * @return the combined check
   */
  public static Check both(Check a, Check b) {
    Optional<Double> delta =
        a.maxDelta().isEmpty() || b.maxDelta().isEmpty()
            ? Optional.empty()
            : Optional.of(Math.max(a.maxDelta().get(), b.maxDelta().get()));
    return new Check(a.converged() && b.converged(), delta);
  }

  /**
   * The history with this check's delta appended at {@code now} (nothing appended without a
   * previous state), keeping the last {@code limit} entries.
   *
   * @param history the recorded entries, oldest first
   * @param check the check whose delta to record
   * @param now epoch milliseconds of the check
   * @param limit how many entries to keep
   * @return the new history
   */
  public static List<ConvergenceEntry> record(
      List<ConvergenceEntry> history, Check check, long now, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit = " + limit + ": must be at least 1");
    }
    List<ConvergenceEntry> h = new ArrayList<>(history);
    if (check.maxDelta().isPresent() && Double.isFinite(check.maxDelta().get())) {
      h.add(ConvergenceEntry.of(check.maxDelta().get(), now));
    }
    int from = Math.max(0, h.size() - limit);
    return Collections.unmodifiableList(new ArrayList<>(h.subList(from, h.size())));
  }

  /**
   * Whether the network has converged: at least 80% of {@code activeParticipants} have {@code
   * true} in {@code convergedByPubKey} (a participant without an entry has not converged). No
   * active participants: not converged.
   *
   * @param activeParticipants the pubKeys counted
   * @param convergedByPubKey each participant's published converged flag
   * @return true when at least 80% of the active participants have converged
   */
  public static boolean networkConverged(
      Set<String> activeParticipants, Map<String, Boolean> convergedByPubKey) {
    if (activeParticipants.isEmpty()) {
      return false;
    }
    long converged =
        activeParticipants.stream()
            .filter(p -> Boolean.TRUE.equals(convergedByPubKey.get(p)))
            .count();
    return converged * 100 >= (long) NETWORK_PERCENT * activeParticipants.size();
  }
}
