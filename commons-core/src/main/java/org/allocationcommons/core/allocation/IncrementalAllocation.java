package org.allocationcommons.core.allocation;

import java.util.Objects;
import org.allocationcommons.core.allocation.internal.Kernel;
import org.allocationcommons.core.matching.CompatibilityIndex;

/**
 * An allocation that remembers how it was computed, so that the next one, after a change, recomputes
 * only the capacity slots the change can have touched and replays the others. Every result is
 * exactly what {@link Allocation#compute(AllocationInput, AllocationPolicy, CompatibilityIndex)}
 * gives for the same input (same doubles, same record order).
 *
 * <pre>{@code
 * IncrementalAllocation a = IncrementalAllocation.of(input, AllocationPolicy.FAITHFUL, index);
 * a = a.next(inputAfterADampingChange, index);   // only the slots that recipient's needs meet
 * AllocationResult r = a.result();
 * }</pre>
 *
 * <p>What can be reused: under {@link AllocationPolicy#FAITHFUL} the capacity slots are independent
 * (what a slot gives depends on its compatible need slots and their owners' MR, weight, damping,
 * profile and quantities only), so with the same index and the same capacity slots, a change to some
 * recipients recomputes only the slots their need slots are compatible with; a change to a
 * residual-need report touches none of them (it acts in the capped run). Water-filling, the capped
 * run of SPEC 4.4 (what earlier slots gave a need carries to later ones), a new index (a need slot
 * changed) or new capacity slots are computed whole. Immutable; cost of a step: the touched slots'
 * work, plus a pass over the records and the changed recipients' need slots times the capacity slots.
 */
public final class IncrementalAllocation {

  private final Kernel.Memo memo;

  private IncrementalAllocation(Kernel.Memo memo) {
    this.memo = memo;
  }

  /**
   * Computes an allocation from scratch.
   *
   * @param input the provider, its commitment, MR values, weights and the network's commitments
   * @param policy how capacity is shared, for this and every {@link #next} step
   * @param index the compatibility index over {@code input}'s network
   * @return the allocation, ready for {@link #next}
   * @throws IllegalArgumentException as {@link Allocation#compute(AllocationInput, AllocationPolicy)}
   */
  public static IncrementalAllocation of(
      AllocationInput input, AllocationPolicy policy, CompatibilityIndex index) {
    return step(null, input, policy, index);
  }

  /**
   * The allocation of {@code input}, reusing what this one computed where the change cannot have
   * touched it.
   *
   * @param input the changed input, for the same provider
   * @param index the index over {@code input}'s network: the same object as before while no need
   *     slot changed, else a new one
   * @return the new allocation; this one is unchanged
   * @throws IllegalArgumentException as {@link Allocation#compute(AllocationInput, AllocationPolicy)}
   */
  public IncrementalAllocation next(AllocationInput input, CompatibilityIndex index) {
    return step(memo, input, memo.result().policy(), index);
  }

  private static IncrementalAllocation step(
      Kernel.Memo previous, AllocationInput input, AllocationPolicy policy, CompatibilityIndex index) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(index, "index");
    Inputs.check(input);
    return new IncrementalAllocation(
        Kernel.runIncrementally(
            previous, input, policy, index, Allocation.threshold(policy), Allocation.OFFER_EPSILON));
  }

  /**
   * The allocation.
   *
   * @return the result, equal to a computation from scratch
   */
  public AllocationResult result() {
    return memo.result();
  }

  /**
   * How many capacity slots this step replayed from the previous one instead of recomputing (0 for
   * {@link #of}); for measuring and testing.
   *
   * @return the number of reused capacity slots
   */
  public int reusedSlots() {
    return memo.reusedSlots();
  }
}
