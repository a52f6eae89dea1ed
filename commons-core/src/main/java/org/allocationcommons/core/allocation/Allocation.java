package org.allocationcommons.core.allocation;

import java.util.Map;
import org.allocationcommons.core.allocation.internal.Kernel;
import org.allocationcommons.core.matching.CompatibilityIndex;

/**
 * The entry point of commons-core: one provider's two-tier allocation (SPEC 4.3), a pure function
 * of an {@link AllocationInput}.
 *
 * <p>For each capacity slot with quantity {@code Q > 0}, in declaration order:
 *
 * <ol>
 *   <li>compatible recipients: other participants with {@code MR > 0} or weight &gt; 0 and at least
 *       one need slot compatible with the slot (SPEC 4.1, filters included); {@code need_r} = sum of
 *       those need slots' quantities; {@code active_r = need_r * damping_factor_r};
 *   <li>tier 1 ({@code MR > 0}): {@code share_r = MR_r / sum MR}, {@code num_r = share_r *
 *       active_r}, {@code D1 = sum num_r}, {@code alloc_r = min(Q * num_r / max(D1, 1e-4),
 *       need_r)};
 *   <li>tier 2 ({@code MR = 0}, weight &gt; 0) on {@code R = Q - used1} when {@code R > 1e-4}: the
 *       same with weights, giving {@code D2};
 *   <li>each recipient's allocation fills its compatible need slots in order.
 * </ol>
 *
 * <p>{@link AllocationPolicy#WATER_FILLING} replaces step 2/3's cap-and-drop by redistribution and
 * lets {@code need_r} shrink by what earlier slots gave (and runs tier 2 whenever more than 1e-9 is
 * left). Output order is deterministic: slot order, then recipients by pubKey.
 */
public final class Allocation {

  /** Below this leftover the original does not run tier 2. */
  public static final double TIER2_THRESHOLD = 1e-4;

  /** Below this leftover water-filling does not run tier 2 (rounding noise). */
  public static final double WATER_FILLING_TIER2_THRESHOLD = 1e-9;

  /** An offer must differ from what is given by more than this to be listed in {@code recipient_offers}. */
  public static final double OFFER_EPSILON = 1e-9;

  private Allocation() {}

  /**
   * Computes the provider's allocation.
   *
   * @param input the provider, its commitment, MR values, weights and the network's commitments
   * @param policy how capacity is shared (tiers, damping, limits)
   * @return the allocation, with its denominators and warnings
   * @throws IllegalArgumentException naming the field and value when an MR value or weight is not a
   *     finite number in [0, 1], a quantity is negative or not finite, or a damping factor is outside
   *     [0, 1]
   */
  public static AllocationResult compute(AllocationInput input, AllocationPolicy policy) {
    Inputs.check(input);
    CompatibilityIndex index = CompatibilityIndex.of(input.networkCommitments(), input.providerId());
    return run(input, policy, index);
  }

  /**
   * Computes the provider's allocation with a prebuilt index over {@code
   * input.networkCommitments()} (as built by {@link CompatibilityIndex#of(Map, String)} for this
   * provider), for callers that allocate several times against the same network.
   *
   * @param input the provider, its commitment, MR values, weights and the network's commitments
   * @param policy how capacity is shared (tiers, damping, limits)
   * @param index the compatibility index over the network's need slots, reused between calls
   * @return the allocation, with its denominators and warnings
   */
  public static AllocationResult compute(
      AllocationInput input, AllocationPolicy policy, CompatibilityIndex index) {
    Inputs.check(input);
    return run(input, policy, index);
  }

  /**
   * SPEC 4.3 without the reports gives the offers; when some recipient carries a report, a second
   * run applies the caps derived from it (SPEC 4.4) and the result lists the offers that differ from
   * what that run gives. The work is done by the primitive {@link Kernel}; {@code
   * ReferenceAllocation} is the readable version it is tested to equal exactly.
   */
  private static AllocationResult run(AllocationInput input, AllocationPolicy policy, CompatibilityIndex index) {
    return Kernel.run(input, policy, index, threshold(policy), OFFER_EPSILON);
  }

  /** The leftover below which tier 2 does not run, by policy. */
  static double threshold(AllocationPolicy policy) {
    return policy == AllocationPolicy.FAITHFUL ? TIER2_THRESHOLD : WATER_FILLING_TIER2_THRESHOLD;
  }
}
