package org.allocationcommons.sync;

import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.Collections;

/**
 * Whether a node's view of the commons has settled, and why not (SPEC 4.5): the certificate behind
 * {@link CommonsNode#converged()}.
 *
 * @param converged true only when every condition holds: this node's last computation converged,
 *     at least 80% of the active participants it can judge report converged, it holds a recent state
 *     from every peer it follows for allocation, its transport is not disconnected, and neither its
 *     inputs nor what it receives changed within the last debounce and recheck
 * @param reasons why not, in words, one per failed condition (empty when converged)
 * @param missingStates peers it follows for allocation whose recent state it does not hold
 * @param unsettledPeers active peers whose last state reports not converged
 */
public record ConvergenceStatus(
    boolean converged, List<String> reasons, SortedSet<String> missingStates, SortedSet<String> unsettledPeers) {

  /** Before anything was computed. */
  public static final ConvergenceStatus NOT_YET =
      new ConvergenceStatus(false, List.of("nothing computed yet"), new TreeSet<>(), new TreeSet<>());

  /**
   * Copies the collections; converged exactly when there is no reason against.
   *
   * @param converged whether the node has converged
   * @param reasons why not, in words; empty when converged
   * @param missingStates peers followed for allocation whose recent state is not held
   * @param unsettledPeers active peers whose last state reports not converged
   */
  public ConvergenceStatus {
    reasons = List.copyOf(reasons);
    missingStates = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(missingStates)));
    unsettledPeers = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(unsettledPeers)));
    if (converged != reasons.isEmpty()) {
      throw new IllegalArgumentException(
          "converged = " + converged + " with reasons " + reasons + ": converged exactly when there is no reason against");
    }
  }
}
