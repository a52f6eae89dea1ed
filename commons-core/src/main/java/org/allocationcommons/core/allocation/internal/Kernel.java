package org.allocationcommons.core.allocation.internal;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.allocation.AllocationResult;
import org.allocationcommons.core.matching.CompatibilityIndex;
import org.allocationcommons.core.matching.CompatibilityIndex.IndexedNeed;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.SlotAllocation;
/**
 * The production path of {@code Allocation.compute}: SPEC 4.3 on primitive arrays indexed by need
 * ordinal and recipient index, the same arithmetic in the same order as the readable reference
 * ({@code ReferenceAllocation}), so results are exactly equal (same doubles, same record order).
 *
 * <p>Per call: recipients' MR, weight, damping and recognition are looked up once into arrays by
 * recipient index (recipients are contiguous in ordinal order); per capacity slot the compatible
 * ordinals come from the index as an {@code int[]}, recipient groups are ranges in reused int
 * arrays, tier numerators and caps are reused {@code double[]}s, totals accumulate in a {@code
 * double[]} by recipient, and allocations are kept as (slot, ordinal, quantity, tier) in primitive
 * arrays and materialised as {@link SlotAllocation} records once at the end.
 */
public final class Kernel {

  private Kernel() {}

  /** SPEC 4.3 (+ 4.4 reports), exactly as the reference. */
  public static AllocationResult run(
      AllocationInput input,
      AllocationPolicy policy,
      CompatibilityIndex index,
      double tier2Threshold,
      double offerEpsilon) {
    return step(null, input, policy, index, tier2Threshold, offerEpsilon, false).result();
  }

  /**
   * What one computation leaves for the next: its network, the per-slot trace of each run and the
   * result. Opaque; immutable once returned.
   */
  public static final class Memo {
    private final Network net;
    private final AllocationPolicy policy;
    private final Trace uncapped;
    private final AllocationResult result;
    private final int reused;

    private Memo(Network net, AllocationPolicy policy, Trace uncapped, AllocationResult result, int reused) {
      this.net = net;
      this.policy = policy;
      this.uncapped = uncapped;
      this.result = result;
      this.reused = reused;
    }

    /** The allocation. */
    public AllocationResult result() {
      return result;
    }

    /** Capacity slots of the uncapped run replayed from the previous computation, not recomputed. */
    public int reusedSlots() {
      return reused;
    }
  }

  /**
   * As {@link #run}, reusing from {@code previous} (nullable) the capacity slots that the change
   * cannot have touched; the result is exactly what {@link #run} gives.
   *
   * <p>Only faithful runs without caps have independent slots (what a slot gives depends on its own
   * compatible set and those recipients' MR, weight, damping, profile and quantities, and not on
   * what earlier slots gave); water-filling and the capped run of SPEC 4.4 carry what each need
   * slot has been given from slot to slot, so they are recomputed whole. A slot is reused when the
   * index, the provider's capacity slots and profile are the same objects or equal, and no
   * recipient whose MR, weight, damping, profile or recognition changed has a need slot compatible
   * with it.
   */
  public static Memo runIncrementally(
      Memo previous,
      AllocationInput input,
      AllocationPolicy policy,
      CompatibilityIndex index,
      double tier2Threshold,
      double offerEpsilon) {
    return step(previous, input, policy, index, tier2Threshold, offerEpsilon, true);
  }

  private static Memo step(
      Memo previous,
      AllocationInput input,
      AllocationPolicy policy,
      CompatibilityIndex index,
      double tier2Threshold,
      double offerEpsilon,
      boolean keepTrace) {
    Network net = new Network(input, index);
    boolean[] reusable = previous == null ? null : Reuse.reusable(previous.net, previous.policy, net, policy);
    boolean reports = false;
    for (Commitment c : input.networkCommitments().values()) {
      if (c != null && !c.needSlotReports().isEmpty() && !c.pubKey().equals(input.providerId())) {
        reports = true;
        break;
      }
    }
    Run uncapped = new Run(net, policy, tier2Threshold, false);
    AllocationResult plain =
        reusable == null ? uncapped.run() : uncapped.run(reusable, previous.uncapped);
    // a plain run (through run) keeps no trace: it would keep the warning log and the
    // per-slot offsets alive with the result
    Trace trace = keepTrace ? uncapped.trace() : null;
    int reused = uncapped.replayed;
    if (!reports) {
      return new Memo(net, policy, trace, plain, reused);
    }
    Run capped = new Run(net, policy, tier2Threshold, true);
    AllocationResult provisional = capped.run();
    double[] offered = uncapped.given;
    double[] given = capped.given;
    Map<String, Map<String, Double>> offers = new TreeMap<>();
    for (IndexedNeed n : index.needs()) {
      int o = n.ordinal();
      if (Math.abs(offered[o] - given[o]) > offerEpsilon) {
        offers.computeIfAbsent(n.owner(), k -> new TreeMap<>()).put(n.slot().id(), offered[o]);
      }
    }
    offers.replaceAll((k, v) -> Collections.unmodifiableMap(v));
    AllocationResult result = new AllocationResult(
        provisional.policy(),
        provisional.slotDenominators(),
        provisional.slotAllocations(),
        provisional.recipientTotals(),
        provisional.warnings(),
        provisional.capacity(),
        Collections.unmodifiableMap(offers));
    return new Memo(net, policy, trace, result, reused);
  }

}
