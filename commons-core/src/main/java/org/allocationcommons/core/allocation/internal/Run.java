package org.allocationcommons.core.allocation.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.allocation.AllocationResult;
import org.allocationcommons.core.matching.CompatibilityIndex;
import org.allocationcommons.core.matching.FilterContext;
import org.allocationcommons.core.matching.MatchWarning;
import org.allocationcommons.core.matching.SlotCompatibility;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.model.internal.SlotAllocationColumns;
import org.allocationcommons.core.model.SlotDenominators;
import org.allocationcommons.core.settling.Settling;

/** One computation; mutable working state, confined to one call. */
final class Run {
  private final Network net;
  private final boolean faithful;
  private final AllocationPolicy policy;
  private final double threshold;
  final double[] given;
  private final double[] capLeft;
  private final Set<MatchWarning> warnings = new LinkedHashSet<>();
  private final Map<String, SlotDenominators> denominators = new LinkedHashMap<>();
  private final double[] totals;
  private final boolean[] touched;

  // per slot scratch: groups are ranges [groupFrom, groupTo) of groupNeeds
  private int[] groupOwner = new int[16];
  private int[] groupFrom = new int[16];
  private int[] groupTo = new int[16];
  private double[] groupAlloc = new double[16];
  private int[] groupNeeds = new int[64];
  private int groups;
  private int[] tierGroups = new int[16];
  private double[] num = new double[16];
  private double[] cap = new double[16];
  private double[] out = new double[16];

  // records, handed over as the result's columns (SlotAllocationColumns)
  private int[] recSlot = new int[64];
  private int[] recNeed = new int[64];
  private double[] recQty = new double[64];
  private boolean[] recMutual = new boolean[64];
  private int records;

  // per slot position: where its records and warnings start, its denominators
  private int[] recFrom;
  private SlotDenominators[] slotDenominators;
  private int[] warnFrom;
  private final List<MatchWarning> warningLog = new ArrayList<>();
  private final Set<MatchWarning> slotWarnings = new LinkedHashSet<>();
  /** Slots replayed from a previous trace. */
  int replayed;

  Run(Network net, AllocationPolicy policy, double threshold, boolean capped) {
    this.net = net;
    this.policy = policy;
    this.faithful = policy == AllocationPolicy.FAITHFUL;
    this.threshold = threshold;
    this.given = new double[net.size];
    this.capLeft = new double[net.size];
    this.totals = new double[net.owners];
    this.touched = new boolean[net.owners];
    String provider = net.in.providerId();
    for (int o = 0; o < net.size; o++) {
      Commitment c = net.commitment[net.ownerOf[o]];
      capLeft[o] =
          c == null || !capped ? Double.POSITIVE_INFINITY : Settling.cap(c, provider, net.slot[o]);
    }
  }

  AllocationResult run() {
    return run(null, null);
  }

  /** Computes every slot, or replays from {@code previous} those that {@code reusable} marks. */
  AllocationResult run(boolean[] reusable, Trace previous) {
    double capacity = 0;
    List<AvailabilitySlot> slots = net.in.providerCommitment().capacitySlots();
    recFrom = new int[slots.size() + 1];
    warnFrom = new int[slots.size() + 1];
    slotDenominators = new SlotDenominators[slots.size()];
    for (int s = 0; s < slots.size(); s++) {
      AvailabilitySlot slot = slots.get(s);
      recFrom[s] = records;
      warnFrom[s] = warningLog.size();
      if (slot.quantity() > 0) {
        capacity += slot.quantity();
        if (reusable != null && reusable[s]) {
          replay(s, slot, previous);
        } else {
          slotWarnings.clear();
          allocateSlot(s, slot);
          warningLog.addAll(slotWarnings);
          warnings.addAll(slotWarnings);
        }
      }
    }
    recFrom[slots.size()] = records;
    warnFrom[slots.size()] = warningLog.size();
    String[] slotIds = new String[slots.size()];
    for (int s = 0; s < slotIds.length; s++) {
      slotIds[s] = slots.get(s).id();
    }
    // records stay columns, built when read (no 57 million objects at 10,000 x 1,000,000); the
    // arrays are handed over and no longer written by this run
    List<SlotAllocation> list =
        new SlotAllocationColumns(
            slotIds, net.ownerOf, net.pubKey, net.slot, recSlot, recNeed, recQty, recMutual, records);
    // by pubKey; recipients are usually already in that order (CompatibilityIndex.of), and then a
    // LinkedHashMap iterates the same without a tree's comparisons (7% of a call at 30,000)
    Map<String, Double> totalsByKey = net.ownersSorted ? new LinkedHashMap<>() : new TreeMap<>();
    for (int r = 0; r < net.owners; r++) {
      if (touched[r]) {
        totalsByKey.put(net.pubKey[r], totals[r]);
      }
    }
    return new AllocationResult(
        policy,
        Collections.unmodifiableMap(denominators),
        list,
        Collections.unmodifiableMap(totalsByKey),
        List.copyOf(warnings),
        capacity,
        Map.of());
  }

  /** This run's trace; it shares the record columns with the run's result (neither writes them). */
  Trace trace() {
    return new Trace(
        recFrom, recNeed, recQty, recMutual, slotDenominators, warnFrom, List.copyOf(warningLog));
  }

  /**
   * Slot {@code s} as {@code previous} computed it: the same records, denominators and warnings,
   * and the same additions to what each need and recipient has been given, in the same order.
   */
  private void replay(int s, AvailabilitySlot slot, Trace previous) {
    replayed++;
    for (int i = previous.warnFrom()[s]; i < previous.warnFrom()[s + 1]; i++) {
      MatchWarning w = previous.warnings().get(i);
      warningLog.add(w);
      warnings.add(w);
    }
    SlotDenominators d = previous.denominators()[s];
    if (d == null) {
      return;
    }
    slotDenominators[s] = d;
    denominators.put(slot.id(), d);
    int to = previous.recFrom()[s + 1];
    int owner = -1;
    double total = 0;
    for (int i = previous.recFrom()[s]; i < to; i++) {
      int o = previous.recNeed()[i];
      int r = net.ownerOf[o];
      if (r != owner) {
        addTotal(owner, total);
        owner = r;
        total = 0;
      }
      double x = previous.recQty()[i];
      append(s, o, x, previous.recMutual()[i]);
      total += x;
      given[o] += x;
      capLeft[o] -= x;
    }
    addTotal(owner, total);
  }

  private void addTotal(int r, double total) {
    if (total > 0) {
      // 0.0 + total == total, and later additions happen in the reference's merge order
      totals[r] = touched[r] ? totals[r] + total : total;
      touched[r] = true;
    }
  }

  private void append(int s, int o, double x, boolean mutual) {
    if (records == recNeed.length) {
      int len = records * 2;
      recSlot = Arrays.copyOf(recSlot, len);
      recNeed = Arrays.copyOf(recNeed, len);
      recQty = Arrays.copyOf(recQty, len);
      recMutual = Arrays.copyOf(recMutual, len);
    }
    recSlot[records] = s;
    recNeed[records] = o;
    recQty[records] = x;
    recMutual[records] = mutual;
    records++;
  }

  private void allocateSlot(int s, AvailabilitySlot slot) {
    collectGroups(slot);
    int g1 = 0;
    int g2 = 0;
    for (int g = 0; g < groups; g++) {
      int r = groupOwner[g];
      if (net.mr[r] > 0) {
        g1++;
      } else if (net.weight[r] > 0) {
        g2++;
      }
    }
    if (g1 == 0 && g2 == 0) {
      return;
    }
    double q = slot.quantity();
    double d1 = tier(true, q);
    double used1 = 0;
    for (int g = 0; g < groups; g++) {
      if (net.mr[groupOwner[g]] > 0) {
        used1 += groupAlloc[g];
      }
    }
    double left = q - used1;
    double d2 = 0;
    if (left > threshold && g2 > 0) {
      d2 = tier(false, left);
    }
    SlotDenominators d = SlotDenominators.of(d1, d2);
    slotDenominators[s] = d;
    denominators.put(slot.id(), d);
    for (int g = 0; g < groups; g++) {
      if (groupAlloc[g] > 0) {
        spread(s, g);
      }
    }
  }

  /** Numerators and allocations of one tier's groups (in group order); returns D. */
  private double tier(boolean mutual, double capacity) {
    int n = 0;
    for (int g = 0; g < groups; g++) {
      int r = groupOwner[g];
      if (mutual ? net.mr[r] > 0 : !(net.mr[r] > 0) && net.weight[r] > 0) {
        if (n == tierGroups.length) {
          tierGroups = Arrays.copyOf(tierGroups, n * 2);
        }
        tierGroups[n++] = g;
      }
    }
    if (num.length < n) {
      int len = Math.max(n, num.length * 2);
      num = new double[len];
      cap = new double[len];
      out = new double[len];
    }
    double[] basis = mutual ? net.mr : net.weight;
    double basisSum = 0;
    for (int i = 0; i < n; i++) {
      basisSum += basis[groupOwner[tierGroups[i]]];
    }
    double denominator = 0;
    for (int i = 0; i < n; i++) {
      int g = tierGroups[i];
      int r = groupOwner[g];
      double need = 0;
      double c = 0;
      for (int k = groupFrom[g]; k < groupTo[g]; k++) {
        int o = groupNeeds[k];
        need += remaining(o);
        c += fillable(o);
      }
      num[i] = 0;
      cap[i] = c;
      if (need <= 0 || !(basisSum > 0)) {
        continue;
      }
      double share = basis[r] / basisSum;
      num[i] = share * (need * net.damping[r]);
      denominator += num[i];
    }
    if (faithful) {
      TierSplit.proportional(capacity, num, cap, n, out);
    } else {
      TierSplit.waterFill(capacity, num, cap, n, out);
    }
    for (int i = 0; i < n; i++) {
      groupAlloc[tierGroups[i]] = out[i];
    }
    return denominator;
  }

  private double remaining(int o) {
    double q = net.quantity[o];
    return faithful ? q : Math.max(0, q - given[o]);
  }

  private double fillable(int o) {
    return Math.min(remaining(o), Math.max(0, capLeft[o]));
  }

  private void spread(int s, int g) {
    int r = groupOwner[g];
    boolean mutual = net.mr[r] > 0;
    double left = groupAlloc[g];
    double total = 0;
    for (int k = groupFrom[g]; k < groupTo[g]; k++) {
      if (left <= 0) {
        break;
      }
      int o = groupNeeds[k];
      double x = Math.min(fillable(o), left);
      if (x > 0) {
        append(s, o, x, mutual);
        left -= x;
        total += x;
        given[o] += x;
        capLeft[o] -= x;
      }
    }
    addTotal(r, total);
  }

  /**
   * Recipients with recognition and at least one compatible need slot that passes the filters,
   * in ordinal (pubKey, then slot) order, as ranges of {@link #groupNeeds}; warnings in the
   * reference's order.
   */
  private void collectGroups(AvailabilitySlot slot) {
    SlotCompatibility.dateWarning(slot).ifPresent(slotWarnings::add);
    CompatibilityIndex index = net.index;
    int[] ordinals = index.compatibleOrdinals(slot);
    if (groupNeeds.length < ordinals.length) {
      groupNeeds = new int[Math.max(ordinals.length, groupNeeds.length * 2)];
    }
    boolean slotFilter = slot.filterRule().isPresent();
    groups = 0;
    int used = 0;
    int current = -1;
    for (int o : ordinals) {
      int r = net.ownerOf[o];
      if (!net.recognised[r]) {
        continue;
      }
      if (r != current) {
        // close the previous group; drop it when empty (the reference's removeIf)
        if (current >= 0 && groupTo[groups - 1] == groupFrom[groups - 1]) {
          groups--;
        }
        current = r;
        if (groups == groupOwner.length) {
          int len = groups * 2;
          groupOwner = Arrays.copyOf(groupOwner, len);
          groupFrom = Arrays.copyOf(groupFrom, len);
          groupTo = Arrays.copyOf(groupTo, len);
          groupAlloc = Arrays.copyOf(groupAlloc, len);
        }
        groupOwner[groups] = r;
        groupFrom[groups] = used;
        groupTo[groups] = used;
        groupAlloc[groups] = 0;
        groups++;
      }
      boolean pass = true;
      if (slotFilter || net.hasFilter[o]) {
        NeedSlot need = net.slot[o];
        FilterContext forRecipient =
            new FilterContext(net.pubKey[r], net.mr[r], need, slot, net.profile[r]);
        FilterContext forProvider =
            new FilterContext(net.in.providerId(), net.mr[r], slot, need, net.providerProfile);
        List<MatchWarning> filterWarnings = new ArrayList<>(0);
        pass = SlotCompatibility.filtersPass(need, slot, forRecipient, forProvider, filterWarnings);
        slotWarnings.addAll(filterWarnings);
      }
      if (pass) {
        groupNeeds[used++] = o;
        groupTo[groups - 1] = used;
        if (index.hasDateWarning(o)) {
          index.dateWarning(index.needs().get(o)).ifPresent(slotWarnings::add);
        }
      }
    }
    if (current >= 0 && groupTo[groups - 1] == groupFrom[groups - 1]) {
      groups--;
    }
  }
}
