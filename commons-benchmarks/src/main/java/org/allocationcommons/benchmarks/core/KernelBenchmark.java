package org.allocationcommons.benchmarks.core;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.core.allocation.Allocation;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.allocation.AllocationResult;
import org.allocationcommons.core.matching.CompatibilityIndex;
import org.allocationcommons.core.matching.CompatibilityIndex.IndexedNeed;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 13: our in-process FAITHFUL allocation against a lower bound on the same scenario. The lower
 * bound ({@link #lowerBound}) is one pass over the compatible (capacity slot, need slot) pairs,
 * precomputed in setup into primitive arrays and grouped by recipient, doing exactly the faithful
 * formula (need per recipient, shares, numerators, {@code D1}/{@code D2}, capped proportional split,
 * spreading over need slots, totals per recipient) and nothing else: no matching, no filters, no
 * records. {@link #ours} is {@code Allocation.compute} (index built in the call, records and maps
 * returned); {@link #oursPrebuiltIndex} uses an index built once.
 *
 * <p>{@code participants} recipients with 10 need slots each ({@link SyntheticCommons}). Run e.g.
 * {@code java -jar commons-benchmarks/target/benchmarks.jar KernelBenchmark -bm ss -tu ms -f 2 -wi 2
 * -i 5 -p participants=30000 -p slots=1000}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
public class KernelBenchmark {

  /** Recipients (10 need slots each). */
  @Param({"30000"})
  public int participants;

  /** Capacity slots of the provider. */
  @Param({"1000"})
  public int slots;

  private AllocationInput input;
  private CompatibilityIndex index;

  // the lower bound's precomputed pairs: slot s has groups [slotGroupFrom[s], slotGroupFrom[s+1]),
  // group g is recipient groupOwner[g] with need ordinals pairNeed[groupFrom[g] .. groupFrom[g+1])
  private double[] slotQty;
  private int[] slotGroupFrom;
  private int[] groupOwner;
  private int[] groupFrom;
  private int[] pairNeed;
  private double[] needQty;
  private double[] ownerMr;
  private double[] ownerWeight;
  private double[] ownerDamping;
  private int owners;

  /** Builds the commons and the lower bound's pairs once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    input = SyntheticCommons.input(slots, participants * 10, 42);
    index = CompatibilityIndex.of(input.networkCommitments(), input.providerId());
    List<IndexedNeed> needs = index.needs();
    int[] ownerOf = new int[needs.size()];
    needQty = new double[needs.size()];
    String last = null;
    int r = -1;
    ownerMr = new double[needs.size()];
    ownerWeight = new double[needs.size()];
    ownerDamping = new double[needs.size()];
    for (IndexedNeed n : needs) {
      if (!n.owner().equals(last)) {
        last = n.owner();
        r++;
        ownerMr[r] = input.mrValues().getOrDefault(last, 0.0);
        ownerWeight[r] = input.providerWeights().getOrDefault(last, 0.0);
        Commitment c = input.networkCommitments().get(last);
        ownerDamping[r] = c.dampingFactor();
      }
      ownerOf[n.ordinal()] = r;
      needQty[n.ordinal()] = n.slot().quantity();
    }
    owners = r + 1;
    List<AvailabilitySlot> caps = input.providerCommitment().capacitySlots();
    IntList gOwner = new IntList();
    IntList gFrom = new IntList();
    IntList pNeed = new IntList();
    slotQty = new double[caps.size()];
    slotGroupFrom = new int[caps.size() + 1];
    for (int s = 0; s < caps.size(); s++) {
      slotQty[s] = caps.get(s).quantity();
      slotGroupFrom[s] = gOwner.size;
      int current = -1;
      for (IndexedNeed n : index.compatibleWith(caps.get(s))) {
        int o = n.ordinal();
        int owner = ownerOf[o];
        if (!(ownerMr[owner] > 0 || ownerWeight[owner] > 0)) {
          continue; // the synthetic commons has no filter rules, so compatible = matched
        }
        if (owner != current) {
          current = owner;
          gOwner.add(owner);
          gFrom.add(pNeed.size);
        }
        pNeed.add(o);
      }
    }
    slotGroupFrom[caps.size()] = gOwner.size;
    gFrom.add(pNeed.size);
    groupOwner = gOwner.toArray();
    groupFrom = gFrom.toArray();
    pairNeed = pNeed.toArray();
    // the lower bound must compute what we compute
    double[] totals = lowerBound();
    AllocationResult ours = ours();
    double maxDiff = 0;
    r = -1;
    last = null;
    for (IndexedNeed n : needs) {
      if (!n.owner().equals(last)) {
        last = n.owner();
        r++;
        maxDiff = Math.max(maxDiff, Math.abs(totals[r] - ours.recipientTotals().getOrDefault(last, 0.0)));
      }
    }
    if (maxDiff > 1e-9) {
      throw new IllegalStateException("lower bound differs from Allocation.compute by " + maxDiff);
    }
    System.out.printf(
        "%n%d need slots, %d capacity slots, %d compatible recognised pairs, %d (slot, recipient) groups%n",
        needs.size(), caps.size(), pairNeed.length, groupOwner.length);
  }

  /** Allocation.compute, FAITHFUL, index built in the call (what a node pays). */
  @Benchmark
  public AllocationResult ours() {
    return Allocation.compute(input, AllocationPolicy.FAITHFUL);
  }

  /** Allocation.compute, FAITHFUL, on an index built once. */
  @Benchmark
  public AllocationResult oursPrebuiltIndex() {
    return Allocation.compute(input, AllocationPolicy.FAITHFUL, index);
  }

  /** One pass over the precomputed pairs doing the faithful formula; returns totals by recipient. */
  @Benchmark
  public double[] lowerBound() {
    double[] totals = new double[owners];
    double[] given = new double[needQty.length];
    double[] groupNeed = new double[64];
    double[] groupAlloc = new double[64];
    double[] denominators = new double[2 * slotQty.length];
    for (int s = 0; s < slotQty.length; s++) {
      double q = slotQty[s];
      int g0 = slotGroupFrom[s];
      int g1 = slotGroupFrom[s + 1];
      if (!(q > 0) || g0 == g1) {
        continue;
      }
      if (groupNeed.length < g1 - g0) {
        groupNeed = new double[g1 - g0];
        groupAlloc = new double[g1 - g0];
      }
      double sumMr = 0;
      double sumW = 0;
      for (int g = g0; g < g1; g++) {
        double need = 0;
        for (int k = groupFrom[g]; k < groupFrom[g + 1]; k++) {
          need += needQty[pairNeed[k]];
        }
        groupNeed[g - g0] = need;
        int r = groupOwner[g];
        if (ownerMr[r] > 0) {
          sumMr += ownerMr[r];
        } else {
          sumW += ownerWeight[r];
        }
      }
      double d1 = 0;
      double d2 = 0;
      for (int g = g0; g < g1; g++) {
        int r = groupOwner[g];
        double need = groupNeed[g - g0];
        if (need > 0) {
          if (ownerMr[r] > 0) {
            d1 += ownerMr[r] / sumMr * (need * ownerDamping[r]);
          } else {
            d2 += ownerWeight[r] / sumW * (need * ownerDamping[r]);
          }
        }
      }
      double safe1 = Math.max(d1, 1e-4);
      double used1 = 0;
      for (int g = g0; g < g1; g++) {
        int r = groupOwner[g];
        double need = groupNeed[g - g0];
        double a = 0;
        if (ownerMr[r] > 0 && need > 0) {
          double num = ownerMr[r] / sumMr * (need * ownerDamping[r]);
          a = num > 0 ? Math.min(q * (num / safe1), need) : 0;
          used1 += a;
        }
        groupAlloc[g - g0] = a;
      }
      double left = q - used1;
      if (left > 1e-4 && sumW > 0) {
        double safe2 = Math.max(d2, 1e-4);
        for (int g = g0; g < g1; g++) {
          int r = groupOwner[g];
          double need = groupNeed[g - g0];
          if (!(ownerMr[r] > 0) && need > 0) {
            double num = ownerWeight[r] / sumW * (need * ownerDamping[r]);
            groupAlloc[g - g0] = num > 0 ? Math.min(left * (num / safe2), need) : 0;
          }
        }
      } else {
        d2 = 0;
      }
      denominators[2 * s] = d1;
      denominators[2 * s + 1] = d2;
      for (int g = g0; g < g1; g++) {
        double rest = groupAlloc[g - g0];
        double total = 0;
        for (int k = groupFrom[g]; k < groupFrom[g + 1] && rest > 0; k++) {
          int o = pairNeed[k];
          double x = Math.min(needQty[o], rest);
          if (x > 0) {
            given[o] += x;
            rest -= x;
            total += x;
          }
        }
        totals[groupOwner[g]] += total;
      }
    }
    return totals;
  }

  /** A growable int array. */
  private static final class IntList {
    int[] data = new int[1024];
    int size;

    void add(int v) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(data, size);
    }
  }
}
