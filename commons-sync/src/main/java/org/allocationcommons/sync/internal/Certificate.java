package org.allocationcommons.sync.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.allocationcommons.core.convergence.Convergence;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.subgroups.Subgroups;
import org.allocationcommons.sync.ConvergenceStatus;
import org.allocationcommons.sync.spi.Connectivity;

/**
 * SPEC 4.5's certificate behind {@code CommonsNode.converged()}: a pure function of what the node
 * holds. Converged only when every condition holds, each failed one giving a reason:
 *
 * <ol>
 *   <li>the node has computed, and its last computation converged locally;
 *   <li>it holds the state of every active peer it follows for allocation (mutual partners and
 *       non-mutual providers);
 *   <li>its transport is not disconnected (a transport that cannot tell counts as connected);
 *   <li>neither its inputs (its own commitment, including a new report or damping factor) nor its
 *       received total changed within the quiet period (debounce plus one recheck);
 *   <li>at least 80% of the participants it can judge report converged, counting only those that
 *       give or receive something (itself, the active peers whose states it holds).
 * </ol>
 */
public final class Certificate {

  private Certificate() {}

  /**
   * What the certificate is judged on.
   *
   * @param computed whether the node has computed at all
   * @param locallyConverged its last computation's local convergence
   * @param givesOrReceives whether the node gives anything (its state) or receives anything
   * @param statePeers peers it follows for allocation
   * @param commitments the commitments it holds, by pubKey
   * @param states the allocation states it holds, by pubKey
   * @param connectivity its transport's link
   * @param lastInputChange when its own commitment last changed (millis), or {@code Long.MIN_VALUE}
   * @param lastReceivedChange when its received total last changed, or {@code Long.MIN_VALUE}
   * @param quietMillis the quiet period
   * @param now the time of judgement
   */
  public record Inputs(
      String me,
      boolean computed,
      boolean locallyConverged,
      boolean givesOrReceives,
      Set<String> statePeers,
      Map<String, Commitment> commitments,
      Map<String, AllocationState> states,
      Connectivity connectivity,
      long lastInputChange,
      long lastReceivedChange,
      long quietMillis,
      long now) {}

  /** The certificate for {@code in}. */
  public static ConvergenceStatus evaluate(Inputs in) {
    if (!in.computed()) {
      return ConvergenceStatus.NOT_YET;
    }
    List<String> reasons = new ArrayList<>();
    SortedSet<String> missing = new TreeSet<>();
    SortedSet<String> unsettled = new TreeSet<>();
    if (!in.locallyConverged()) {
      reasons.add("this node's own allocation is still moving");
    }
    for (String p : in.statePeers()) {
      if (p.equals(in.me())) {
        continue;
      }
      Optional<Commitment> c = Optional.ofNullable(in.commitments().get(p));
      if (c.isPresent() && Subgroups.isActive(c.get(), in.now()) && !in.states().containsKey(p)) {
        missing.add(p);
      }
    }
    if (!missing.isEmpty()) {
      reasons.add("no allocation state yet from " + missing.size() + " followed peer(s): " + missing);
    }
    if (in.connectivity().state() == Connectivity.State.DISCONNECTED) {
      reasons.add("transport disconnected: " + in.connectivity().detail());
    }
    long sinceInput = in.now() - in.lastInputChange();
    if (in.lastInputChange() != Long.MIN_VALUE && sinceInput < in.quietMillis()) {
      reasons.add("own commitment changed " + sinceInput + " ms ago (quiet period " + in.quietMillis() + " ms)");
    }
    long sinceReceived = in.now() - in.lastReceivedChange();
    if (in.lastReceivedChange() != Long.MIN_VALUE && sinceReceived < in.quietMillis()) {
      reasons.add("received total changed " + sinceReceived + " ms ago (quiet period " + in.quietMillis() + " ms)");
    }
    int counted = in.givesOrReceives() ? 1 : 0;
    int converged = in.givesOrReceives() && in.locallyConverged() ? 1 : 0;
    for (Map.Entry<String, AllocationState> e : in.states().entrySet()) {
      String p = e.getKey();
      Commitment c = in.commitments().get(p);
      if (p.equals(in.me()) || c == null || !Subgroups.isActive(c, in.now()) || e.getValue().recipientTotals().isEmpty()) {
        continue;
      }
      counted++;
      if (e.getValue().converged()) {
        converged++;
      } else {
        unsettled.add(p);
      }
    }
    if (counted > 0 && converged * 100L < (long) Convergence.NETWORK_PERCENT * counted) {
      reasons.add(
          "only " + converged + " of " + counted + " participants giving or receiving report converged (needs "
              + Convergence.NETWORK_PERCENT + "%)");
    }
    return new ConvergenceStatus(reasons.isEmpty(), reasons, missing, unsettled);
  }

  /**
   * When the verdict can next change with time alone (the quiet period ending), or empty: the
   * node re-evaluates then.
   */
  public static Optional<Long> nextChange(Inputs in) {
    long next = Long.MAX_VALUE;
    if (in.lastInputChange() != Long.MIN_VALUE && in.now() - in.lastInputChange() < in.quietMillis()) {
      next = Math.min(next, in.lastInputChange() + in.quietMillis());
    }
    if (in.lastReceivedChange() != Long.MIN_VALUE && in.now() - in.lastReceivedChange() < in.quietMillis()) {
      next = Math.min(next, in.lastReceivedChange() + in.quietMillis());
    }
    return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(next);
  }
}
