package org.allocationcommons.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.allocationcommons.core.matching.CompatibilityIndex;
import org.allocationcommons.core.matching.Profile;
import org.allocationcommons.core.matching.SlotCompatibility;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.ProviderShare;

/**
 * {@link IncrementalAllocation}: after every change of a random sequence, the result equals a
 * computation from scratch exactly ({@code AllocationResult} equality: same doubles, records, order,
 * warnings, offers), for both policies; and a change that cannot touch a capacity slot does not
 * recompute it.
 *
 * <p>Changes, as a node sees them: a recipient's damping factor, MR value, provider weight, profile or
 * residual-need report (the index is kept), a need slot's quantity, a recipient leaving (a new index),
 * a capacity slot's quantity, and no change at all.
 */
class IncrementalAllocationProperties {

  record Sequence(AllocationInput start, long seed, int steps) {
    @Override
    public String toString() {
      return "seed " + seed + ", " + steps + " steps from " + start;
    }
  }

  @Provide
  Arbitrary<Sequence> sequences() {
    return Combinators.combine(
            new AllocationProperties().scenarios(), Arbitraries.longs(), Arbitraries.integers().between(1, 12))
        .as((s, seed, steps) -> new Sequence(KernelProperties.decorate(s.input(), seed), seed, steps));
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void incrementalEqualsFullOnRandomChangeSequences(@ForAll("sequences") Sequence seq) {
    for (AllocationPolicy policy : AllocationPolicy.values()) {
      Random rnd = new Random(seq.seed());
      AllocationInput in = seq.start();
      CompatibilityIndex index = CompatibilityIndex.of(in.networkCommitments(), in.providerId());
      IncrementalAllocation a = IncrementalAllocation.of(in, policy, index);
      assertThat(a.result()).isEqualTo(Allocation.compute(in, policy, index));
      assertThat(a.reusedSlots()).isZero();
      for (int step = 0; step < seq.steps(); step++) {
        Change change = change(in, rnd);
        AllocationInput next = change.input();
        CompatibilityIndex nextIndex =
            change.needsChanged() ? CompatibilityIndex.of(next.networkCommitments(), next.providerId()) : index;
        IncrementalAllocation b = a.next(next, nextIndex);
        AllocationResult full = Allocation.compute(next, policy, nextIndex);
        assertThat(b.result()).as("%s at step %d", change.kind(), step).isEqualTo(full);
        assertThat(a.result()).isEqualTo(Allocation.compute(in, policy, index));
        if (policy == AllocationPolicy.FAITHFUL && !change.needsChanged() && !change.capacityChanged()) {
          // every positive slot that no need of a changed recipient meets is replayed
          assertThat(b.reusedSlots()).as(change.kind()).isGreaterThanOrEqualTo(untouched(next, change.recipient()));
        }
        Statistics.label("kind").collect(change.kind());
        Statistics.label("reused").collect(b.reusedSlots() > 0);
        a = b;
        in = next;
        index = nextIndex;
      }
    }
  }

  /** Positive capacity slots that none of {@code recipient}'s need slots is compatible with. */
  private static int untouched(AllocationInput in, String recipient) {
    Commitment c = in.networkCommitments().get(recipient);
    int n = 0;
    for (AvailabilitySlot s : in.providerCommitment().capacitySlots()) {
      if (s.quantity() > 0
          && (c == null || c.needSlots().stream().noneMatch(need -> SlotCompatibility.slotsCompatible(need, s)))) {
        n++;
      }
    }
    return n;
  }

  record Change(String kind, AllocationInput input, String recipient, boolean needsChanged, boolean capacityChanged) {}

  private static Change change(AllocationInput in, Random rnd) {
    List<String> keys = new ArrayList<>(in.networkCommitments().keySet());
    keys.remove(in.providerId());
    if (keys.isEmpty()) {
      return new Change("none", in, "", false, false);
    }
    String r = keys.get(rnd.nextInt(keys.size()));
    Commitment c = in.networkCommitments().get(r);
    Map<String, Commitment> network = new LinkedHashMap<>(in.networkCommitments());
    Map<String, Double> mr = new TreeMap<>(in.mrValues());
    Map<String, Double> weights = new TreeMap<>(in.providerWeights());
    Map<String, Profile> profiles = new TreeMap<>(in.profiles());
    Commitment provider = in.providerCommitment();
    String kind;
    boolean needs = false;
    boolean capacity = false;
    switch (rnd.nextInt(9)) {
      case 0 -> {
        kind = "damping";
        network.put(r, c.toBuilder().dampingFactor(List.of(1.0, 0.8, 0.5, 0.0).get(rnd.nextInt(4))).build());
      }
      case 1 -> {
        kind = "mr";
        mr.put(r, rnd.nextInt(3) == 0 ? 0.0 : rnd.nextDouble());
      }
      case 2 -> {
        kind = "weight";
        weights.put(r, rnd.nextInt(3) == 0 ? 0.0 : rnd.nextDouble());
      }
      case 3 -> {
        kind = "profile";
        profiles.put(r, Profile.withAttributes(rnd.nextBoolean() ? "verified" : "none"));
      }
      case 4 -> {
        kind = "report";
        Map<String, Map<String, ProviderShare>> reports = new TreeMap<>();
        Map<String, Double> received = new TreeMap<>();
        for (NeedSlot n : c.needSlots()) {
          if (rnd.nextBoolean()) {
            double got = rnd.nextDouble() * 8;
            reports.put(n.id(), Map.of(in.providerId(), ProviderShare.of(rnd.nextDouble() * 8, got)));
            received.merge(in.providerId(), got, Double::sum);
          }
        }
        network.put(r, c.toBuilder().report(received, reports).build());
      }
      case 5 -> {
        kind = "need quantity";
        needs = true;
        List<NeedSlot> slots = new ArrayList<>(c.needSlots());
        if (!slots.isEmpty()) {
          int i = rnd.nextInt(slots.size());
          slots.set(i, slots.get(i).toBuilder().quantity(rnd.nextInt(10) * 1.25).build());
        }
        network.put(r, c.toBuilder().needSlots(slots).build());
      }
      case 6 -> {
        kind = "leave";
        needs = true;
        network.remove(r);
      }
      case 7 -> {
        kind = "capacity";
        capacity = true;
        List<AvailabilitySlot> slots = new ArrayList<>(provider.capacitySlots());
        int i = rnd.nextInt(slots.size());
        slots.set(i, slots.get(i).toBuilder().quantity(rnd.nextInt(6) * 2.5).build());
        provider = provider.toBuilder().capacitySlots(slots).build();
      }
      default -> kind = "none";
    }
    return new Change(
        kind,
        new AllocationInput(in.providerId(), provider, mr, weights, network, profiles),
        r,
        needs,
        capacity);
  }
}
