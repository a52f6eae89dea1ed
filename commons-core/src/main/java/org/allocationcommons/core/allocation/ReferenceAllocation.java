package org.allocationcommons.core.allocation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.allocationcommons.core.allocation.internal.TierSplit;
import org.allocationcommons.core.matching.CompatibilityIndex;
import org.allocationcommons.core.matching.CompatibilityIndex.IndexedNeed;
import org.allocationcommons.core.matching.FilterContext;
import org.allocationcommons.core.matching.MatchWarning;
import org.allocationcommons.core.matching.Profile;
import org.allocationcommons.core.matching.SlotCompatibility;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.model.SlotDenominators;
import org.allocationcommons.core.model.Tier;
import org.allocationcommons.core.settling.Settling;

/**
 * The readable reference of {@link Allocation}: SPEC 4.3 with per-slot recipient groups and lists,
 * the implementation {@code Allocation.compute} used before the primitive kernel
 * ({@code internal.Kernel}). Kept as the specification the kernel is tested against
 * ({@code KernelProperties}): both must give exactly equal results.
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
final class ReferenceAllocation {

  private ReferenceAllocation() {}

  /**
   * Computes the provider's allocation.
   *
   * @throws IllegalArgumentException naming the field and value when an MR value or weight is not a
   *     finite number in [0, 1], a quantity is negative or not finite, or a damping factor is outside
   *     [0, 1]
   */
  static AllocationResult compute(AllocationInput input, AllocationPolicy policy) {
    Inputs.check(input);
    CompatibilityIndex index = CompatibilityIndex.of(input.networkCommitments(), input.providerId());
    return run(input, policy, index);
  }

  /**
   * Computes the provider's allocation with a prebuilt index over {@code
   * input.networkCommitments()} (as built by {@link CompatibilityIndex#of(Map, String)} for this
   * provider), for callers that allocate several times against the same network.
   */
  static AllocationResult compute(
      AllocationInput input, AllocationPolicy policy, CompatibilityIndex index) {
    Inputs.check(input);
    return run(input, policy, index);
  }

  /**
   * SPEC 4.3 without the reports gives the offers; when some recipient carries a report, a second
   * run applies the caps derived from it (SPEC 4.4) and the result lists the offers that differ from
   * what that run gives.
   */
  private static AllocationResult run(AllocationInput input, AllocationPolicy policy, CompatibilityIndex index) {
    Run uncapped = new Run(input, policy, index, false);
    boolean reports = false;
    for (Commitment c : input.networkCommitments().values()) {
      if (c != null && !c.needSlotReports().isEmpty() && !c.pubKey().equals(input.providerId())) {
        reports = true;
        break;
      }
    }
    AllocationResult plain = uncapped.run();
    if (!reports) {
      return plain;
    }
    Run capped = new Run(input, policy, index, true);
    AllocationResult provisional = capped.run();
    double[] offered = uncapped.given();
    double[] given = capped.given();
    Map<String, Map<String, Double>> offers = new TreeMap<>();
    for (IndexedNeed n : index.needs()) {
      int o = n.ordinal();
      if (Math.abs(offered[o] - given[o]) > Allocation.OFFER_EPSILON) {
        offers.computeIfAbsent(n.owner(), k -> new TreeMap<>()).put(n.slot().id(), offered[o]);
      }
    }
    offers.replaceAll((k, v) -> Collections.unmodifiableMap(v));
    return new AllocationResult(
        provisional.policy(),
        provisional.slotDenominators(),
        provisional.slotAllocations(),
        provisional.recipientTotals(),
        provisional.warnings(),
        provisional.capacity(),
        Collections.unmodifiableMap(offers));
  }

  /** One computation; mutable working state, confined to one call. */
  private static final class Run {
    private final AllocationInput in;
    private final AllocationPolicy policy;
    private final CompatibilityIndex index;
    private final double[] given;
    /** Per need ordinal: what is left of this provider's cap from the recipient's report (SPEC 4.4). */
    private final double[] capLeft;
    private final Set<MatchWarning> warnings = new LinkedHashSet<>();
    private final Map<String, SlotDenominators> denominators = new LinkedHashMap<>();
    private final List<SlotAllocation> records = new ArrayList<>();
    private final Map<String, Double> totals = new HashMap<>();
    private final Profile providerProfile;
    private final Owner[] owners;

    /** A run that applies the recipients' reports ({@code capped}) or ignores them. */
    Run(AllocationInput in, AllocationPolicy policy, CompatibilityIndex index, boolean capped) {
      this.in = in;
      this.policy = policy;
      this.index = index;
      this.given = new double[index.size()];
      this.capLeft = new double[index.size()];
      this.providerProfile = in.profiles().getOrDefault(in.providerId(), Profile.NONE);
      this.owners = owners();
      for (IndexedNeed n : index.needs()) {
        Commitment c = in.networkCommitments().get(n.owner());
        capLeft[n.ordinal()] =
            c == null || !capped
                ? Double.POSITIVE_INFINITY
                : Settling.cap(c, in.providerId(), n.slot());
      }
    }

    AllocationResult run() {
      double capacity = 0;
      for (AvailabilitySlot slot : in.providerCommitment().capacitySlots()) {
        if (slot.quantity() > 0) {
          capacity += slot.quantity();
          allocateSlot(slot);
        }
      }
      return new AllocationResult(
          policy,
          Collections.unmodifiableMap(denominators),
          Collections.unmodifiableList(records),
          Collections.unmodifiableMap(new TreeMap<>(totals)),
          List.copyOf(warnings),
          capacity,
          Map.of());
    }

    /** What each need slot received, by need ordinal (valid after {@link #run}). */
    double[] given() {
      return given;
    }

    private void allocateSlot(AvailabilitySlot slot) {
      List<Group> groups = compatibleRecipients(slot);
      List<Group> tier1 = new ArrayList<>();
      List<Group> tier2 = new ArrayList<>();
      for (Group g : groups) {
        if (g.mr > 0) {
          tier1.add(g);
        } else if (g.weight > 0) {
          tier2.add(g);
        }
      }
      if (tier1.isEmpty() && tier2.isEmpty()) {
        return;
      }
      double q = slot.quantity();
      double d1 = tier(tier1, true, q);
      double used1 = 0;
      for (Group g : tier1) {
        used1 += g.allocation;
      }
      double left = q - used1;
      double threshold =
          policy == AllocationPolicy.FAITHFUL ? Allocation.TIER2_THRESHOLD : Allocation.WATER_FILLING_TIER2_THRESHOLD;
      double d2 = 0;
      if (left > threshold && !tier2.isEmpty()) {
        d2 = tier(tier2, false, left);
      }
      denominators.put(slot.id(), SlotDenominators.of(d1, d2));
      for (Group g : groups) {
        if (g.allocation > 0) {
          spread(slot, g, g.mr > 0 ? Tier.MUTUAL : Tier.NON_MUTUAL);
        }
      }
    }

    /** Computes numerators and allocations of one tier; returns its denominator. */
    private double tier(List<Group> tier, boolean mutual, double capacity) {
      int n = tier.size();
      double basisSum = 0;
      for (Group g : tier) {
        basisSum += mutual ? g.mr : g.weight;
      }
      double[] num = new double[n];
      double[] cap = new double[n];
      double[] out = new double[n];
      double denominator = 0;
      for (int i = 0; i < n; i++) {
        Group g = tier.get(i);
        double need = need(g);
        cap[i] = cap(g);
        if (need <= 0 || !(basisSum > 0)) {
          continue;
        }
        double share = (mutual ? g.mr : g.weight) / basisSum;
        num[i] = share * (need * g.damping);
        denominator += num[i];
      }
      if (policy == AllocationPolicy.FAITHFUL) {
        TierSplit.proportional(capacity, num, cap, n, out);
      } else {
        TierSplit.waterFill(capacity, num, cap, n, out);
      }
      for (int i = 0; i < n; i++) {
        tier.get(i).allocation = out[i];
      }
      return denominator;
    }

    /** need_r: the full need (faithful) or what earlier slots left of it (water-filling). */
    private double need(Group g) {
      double sum = 0;
      for (IndexedNeed n : g.needs) {
        sum += remaining(n);
      }
      return sum;
    }

    /** The cap: need_r, each need slot limited further by what is left of its reported cap. */
    private double cap(Group g) {
      double sum = 0;
      for (IndexedNeed n : g.needs) {
        sum += fillable(n);
      }
      return sum;
    }

    private double remaining(IndexedNeed n) {
      double q = n.slot().quantity();
      return policy == AllocationPolicy.FAITHFUL ? q : Math.max(0, q - given[n.ordinal()]);
    }

    /** What this slot may still put into need slot {@code n}. */
    private double fillable(IndexedNeed n) {
      return Math.min(remaining(n), Math.max(0, capLeft[n.ordinal()]));
    }

    private void spread(AvailabilitySlot slot, Group g, Tier tier) {
      double left = g.allocation;
      double total = 0;
      for (IndexedNeed n : g.needs) {
        if (left <= 0) {
          break;
        }
        double x = Math.min(fillable(n), left);
        if (x > 0) {
          records.add(
              new SlotAllocation(slot.id(), g.pubKey, n.slot().id(), x, true, true, tier));
          left -= x;
          total += x;
          given[n.ordinal()] += x;
          capLeft[n.ordinal()] -= x;
        }
      }
      if (total > 0) {
        totals.merge(g.pubKey, total, Double::sum);
      }
    }

    /** Recipients with recognition and at least one compatible need slot, in pubKey order. */
    private List<Group> compatibleRecipients(AvailabilitySlot slot) {
      SlotCompatibility.dateWarning(slot).ifPresent(warnings::add);
      List<Group> groups = new ArrayList<>();
      Group current = null;
      Owner currentOwner = null;
      for (IndexedNeed n : index.compatibleWith(slot)) {
        Owner owner = owners[n.ordinal()];
        if (!owner.recognised) {
          continue;
        }
        if (owner != currentOwner) {
          currentOwner = owner;
          current = new Group(owner);
          groups.add(current);
        }
        boolean pass = true;
        if (slot.filterRule().isPresent() || n.slot().filterRule().isPresent()) {
          FilterContext forRecipient =
              new FilterContext(owner.pubKey, owner.mr, n.slot(), slot, owner.profile);
          FilterContext forProvider =
              new FilterContext(in.providerId(), owner.mr, slot, n.slot(), providerProfile);
          List<MatchWarning> filterWarnings = new ArrayList<>(0);
          pass =
              SlotCompatibility.filtersPass(n.slot(), slot, forRecipient, forProvider, filterWarnings);
          warnings.addAll(filterWarnings);
        }
        if (pass) {
          current.needs.add(n);
          index.dateWarning(n).ifPresent(warnings::add);
        }
      }
      groups.removeIf(g -> g.needs.isEmpty());
      return groups;
    }

    /** What the run needs to know about each recipient, looked up once, by need ordinal. */
    private Owner[] owners() {
      Owner[] result = new Owner[index.size()];
      Owner last = null;
      for (IndexedNeed n : index.needs()) {
        if (last == null || !last.pubKey.equals(n.owner())) {
          String pk = n.owner();
          double mr = in.mrValues().getOrDefault(pk, 0.0);
          double weight = in.providerWeights().getOrDefault(pk, 0.0);
          Commitment c = in.networkCommitments().get(pk);
          last =
              new Owner(
                  pk,
                  mr,
                  weight,
                  c == null ? Commitment.DEFAULT_DAMPING_FACTOR : c.dampingFactor(),
                  in.profiles().getOrDefault(pk, Profile.NONE),
                  (mr > 0 || weight > 0) && c != null);
        }
        result[n.ordinal()] = last;
      }
      return result;
    }
  }

  /** A recipient as the provider sees it. */
  private record Owner(
      String pubKey, double mr, double weight, double damping, Profile profile, boolean recognised) {}

  /** One recipient's compatible need slots for the current capacity slot. */
  private static final class Group {
    final String pubKey;
    final double mr;
    final double weight;
    final double damping;
    final List<IndexedNeed> needs = new ArrayList<>(2);
    double allocation;

    Group(Owner owner) {
      this.pubKey = owner.pubKey();
      this.mr = owner.mr();
      this.weight = owner.weight();
      this.damping = owner.damping();
    }
  }
}
