package org.allocationcommons.core.allocation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.allocationcommons.core.matching.MatchWarning;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.ConvergenceEntry;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.model.SlotDenominators;
import org.allocationcommons.core.model.internal.SlotAllocationColumns;
import org.allocationcommons.itc.Stamp;

/**
 * What {@link Allocation#compute} returns: the publishable part of an {@link AllocationState}
 * (denominators, allocations, totals) plus what the caller should log or measure (warnings, unused
 * capacity). Turn it into a state with {@link #toState}.
 *
 * @param policy the policy that produced it
 * @param slotDenominators per capacity slot that had recipients, in slot order
 * @param slotAllocations in slot order, then recipient pubKey order, then need slot order
 * @param recipientTotals total per recipient, by pubKey
 * @param warnings what matching accepted optimistically, each once
 * @param capacity sum of the quantities of the capacity slots with quantity &gt; 0
 * @param recipientOffers per recipient and need slot id, what the provider offers where that is more
 *     than it gives (the recipient's report capped it; SPEC 4.4)
 */
public record AllocationResult(
    AllocationPolicy policy,
    Map<String, SlotDenominators> slotDenominators,
    List<SlotAllocation> slotAllocations,
    Map<String, Double> recipientTotals,
    List<MatchWarning> warnings,
    double capacity,
    Map<String, Map<String, Double>> recipientOffers) {

  /**
   * Requires every part; the collections are taken as given (built immutable by the allocator).
   *
   * @param policy the policy the allocation was computed under
   * @param slotDenominators the mutual and non-mutual denominators, by capacity slot id
   * @param slotAllocations what each capacity slot gives each need slot
   * @param recipientTotals what each recipient receives in total, by pubKey
   * @param warnings what the matching could not judge (unparseable dates, unknown filters)
   * @param capacity the provider's total capacity
   * @param recipientOffers per recipient, what is offered to each of its need slots
   */
  public AllocationResult {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(slotDenominators, "slotDenominators");
    Objects.requireNonNull(slotAllocations, "slotAllocations");
    Objects.requireNonNull(recipientTotals, "recipientTotals");
    Objects.requireNonNull(warnings, "warnings");
    Objects.requireNonNull(recipientOffers, "recipientOffers");
  }

  /**
   * Sum of all allocations.
   *
   * @return the total given out
   */
  public double allocated() {
    double sum = 0;
    if (slotAllocations instanceof SlotAllocationColumns columns) {
      for (int i = 0; i < columns.size(); i++) {
        sum += columns.quantity(i);
      }
      return sum;
    }
    for (SlotAllocation a : slotAllocations) {
      sum += a.quantity();
    }
    return sum;
  }

  /**
   * Capacity left unused: {@link #capacity()} minus {@link #allocated()}, never negative.
   *
   * @return the capacity not given out, at least 0
   */
  public double unusedCapacity() {
    return Math.max(0, capacity - allocated());
  }

  /**
   * The publishable state: this result plus what the caller tracks (convergence, stamp, time).
   *
   * @param timestamp epoch milliseconds, &gt; 0
   * @param converged whether the caller judged this allocation settled
   * @param convergenceHistory the caller's recent convergence deltas
   * @param itcStamp the provider's causality stamp for this state
   * @return the state to publish
   */
  public AllocationState toState(
      boolean converged, List<ConvergenceEntry> convergenceHistory, Stamp itcStamp, long timestamp) {
    return new AllocationState(
        slotDenominators,
        slotAllocations,
        recipientTotals,
        converged,
        convergenceHistory,
        itcStamp,
        timestamp,
        recipientOffers);
  }
}
