package org.allocationcommons.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.allocationcommons.core.matching.Profile;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.ProviderShare;

/**
 * The production kernel ({@code Allocation.compute}, {@code internal.Kernel}) gives exactly what the
 * readable {@link ReferenceAllocation} gives: the same doubles bit for bit, the same records in the
 * same order, the same warnings, totals, denominators and offers, for both policies.
 *
 * <p>Inputs: {@link AllocationProperties}' scenarios (random types, date ranges in every accepted
 * format plus unparseable and inverted ones, places, coordinates near cell borders, filter rules,
 * damping factors including 0, MR and one-way weights, the provider's own needs), decorated from a
 * seed with residual-need reports (SPEC 4.4: the provider listed, not listed, other providers,
 * spills), participant profiles and attribute rules, capacity slots of quantity 0 and duplicated
 * need slots (recipients with many compatible slots).
 */
class KernelProperties {

  private static final long T = 1_700_000_000_000L;

  record Case(AllocationInput input) {
    @Override
    public String toString() {
      return input.toString();
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<AllocationProperties.Scenario> base = new AllocationProperties().scenarios();
    Arbitrary<Long> seeds = net.jqwik.api.Arbitraries.longs();
    return net.jqwik.api.Combinators.combine(base, seeds).as((s, seed) -> new Case(decorate(s.input(), seed)));
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void kernelEqualsTheReferenceForBothPolicies(@ForAll("cases") Case c) {
    boolean reports =
        c.input().networkCommitments().values().stream().anyMatch(x -> !x.needSlotReports().isEmpty());
    Statistics.label("reports").collect(reports);
    for (AllocationPolicy policy : AllocationPolicy.values()) {
      AllocationResult fast = Allocation.compute(c.input(), policy);
      AllocationResult reference = ReferenceAllocation.compute(c.input(), policy);
      assertThat(fast.slotAllocations()).containsExactlyElementsOf(reference.slotAllocations());
      assertThat(fast.slotDenominators()).containsExactlyEntriesOf(reference.slotDenominators());
      assertThat(fast.recipientTotals()).containsExactlyEntriesOf(reference.recipientTotals());
      assertThat(fast.warnings()).containsExactlyElementsOf(reference.warnings());
      assertThat(fast.recipientOffers()).isEqualTo(reference.recipientOffers());
      assertThat(Double.doubleToRawLongBits(fast.capacity()))
          .isEqualTo(Double.doubleToRawLongBits(reference.capacity()));
      assertThat(fast).isEqualTo(reference);
      Statistics.label("records").collect(fast.slotAllocations().isEmpty() ? "none" : "some");
    }
  }

  /** Adds reports, profiles, attribute rules, zero-quantity slots and more need slots. */
  static AllocationInput decorate(AllocationInput in, long seed) {
    Random rnd = new Random(seed);
    Map<String, Commitment> network = new LinkedHashMap<>();
    Map<String, Profile> profiles = new TreeMap<>();
    for (Commitment c : in.networkCommitments().values()) {
      Commitment.Builder b = c.toBuilder();
      List<NeedSlot> needs = new ArrayList<>(c.needSlots());
      if (rnd.nextInt(4) == 0 && !needs.isEmpty()) {
        // copies of a need slot: a recipient with several compatible slots for one capacity slot
        NeedSlot n = needs.get(rnd.nextInt(needs.size()));
        for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
          needs.add(n.toBuilder().id(n.id() + "-copy" + k).quantity(rnd.nextInt(4) * 1.5).build());
        }
      }
      if (rnd.nextInt(5) == 0 && !needs.isEmpty()) {
        int i = rnd.nextInt(needs.size());
        needs.set(i, needs.get(i).toBuilder().filterRule(new FilterRule.Attribute(List.of("verified"), List.of())).build());
      }
      b.needSlots(needs);
      if (rnd.nextInt(3) == 0) {
        Map<String, Map<String, ProviderShare>> reports = new TreeMap<>();
        Map<String, Double> received = new TreeMap<>();
        for (NeedSlot n : needs) {
          if (rnd.nextInt(3) == 0) {
            continue;
          }
          Map<String, ProviderShare> shares = new TreeMap<>();
          for (String p : List.of(in.providerId(), "Q1", "Q2")) {
            if (rnd.nextInt(3) > 0) {
              double offered = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble() * 12;
              double got = rnd.nextBoolean() ? offered : rnd.nextDouble() * 12;
              shares.put(p, ProviderShare.of(offered, got));
              received.merge(p, got, Double::sum);
            }
          }
          if (!shares.isEmpty()) {
            reports.put(n.id(), shares);
          }
        }
        b.report(received, reports);
      }
      network.put(c.pubKey(), b.build());
      if (rnd.nextBoolean()) {
        profiles.put(c.pubKey(), Profile.withAttributes(rnd.nextBoolean() ? "verified" : "other"));
      }
    }
    List<AvailabilitySlot> caps = new ArrayList<>(in.providerCommitment().capacitySlots());
    if (rnd.nextInt(4) == 0) {
      caps.add(rnd.nextInt(caps.size() + 1), AvailabilitySlot.of("zero", "plain", 0));
    }
    if (rnd.nextInt(4) == 0) {
      int i = rnd.nextInt(caps.size());
      caps.set(i, caps.get(i).toBuilder().filterRule(new FilterRule.Attribute(List.of("verified"), List.of())).build());
    }
    Commitment provider =
        in.providerCommitment().toBuilder().timestamp(T).capacitySlots(caps).build();
    return new AllocationInput(
        in.providerId(), provider, in.mrValues(), in.providerWeights(), network, profiles);
  }
}
