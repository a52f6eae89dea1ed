package org.allocationcommons.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allocationcommons.core.matching.CompatibilityIndex;
import org.allocationcommons.core.matching.MatchWarning;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.model.SlotDenominators;
import org.allocationcommons.core.model.Tier;
import org.allocationcommons.itc.Stamp;
import org.junit.jupiter.api.Test;

/** Hand-worked examples of SPEC 4.3, the arithmetic written out. */
class AllocationTest {

  private static final double EPS = 1e-9;
  private static final long T = 1_700_000_000_000L;

  private final Map<String, Commitment> network = new HashMap<>();
  private final Map<String, Double> mr = new HashMap<>();
  private final Map<String, Double> weights = new HashMap<>();

  private void recipient(String pubKey, double mrValue, double weight, double damping, double... needs) {
    Commitment.Builder b = Commitment.builder(pubKey).timestamp(T).dampingFactor(damping);
    for (int i = 0; i < needs.length; i++) {
      b.needSlot(NeedSlot.of(pubKey + "-n" + (i + 1), "need", needs[i]));
    }
    network.put(pubKey, b.build());
    if (mrValue > 0) {
      mr.put(pubKey, mrValue);
    }
    if (weight > 0) {
      weights.put(pubKey, weight);
    }
  }

  private AllocationResult allocate(AllocationPolicy policy, AvailabilitySlot... slots) {
    Commitment provider = Commitment.builder("P").timestamp(T).capacitySlot(slots).build();
    return Allocation.compute(AllocationInput.of("P", provider, mr, weights, network), policy);
  }

  private static double given(AllocationResult r, String slot, String recipient) {
    return r.slotAllocations().stream()
        .filter(a -> a.availabilitySlotId().equals(slot) && a.recipientPubkey().equals(recipient))
        .mapToDouble(SlotAllocation::quantity)
        .sum();
  }

  @Test
  void tierOneSplitsByMutualRecognitionTimesNeed() {
    recipient("A", 0.6, 0, 1.0, 10);
    recipient("B", 0.2, 0, 1.0, 10);
    // sum MR = 0.8: share A = 0.75, share B = 0.25
    // num A = 0.75 * 10 = 7.5, num B = 0.25 * 10 = 2.5, D1 = 10
    // alloc A = 10 * 7.5 / 10 = 7.5, alloc B = 10 * 2.5 / 10 = 2.5 (neither capped)
    AllocationResult r = allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("a1", "cap", 10));
    assertThat(given(r, "a1", "A")).isCloseTo(7.5, within(EPS));
    assertThat(given(r, "a1", "B")).isCloseTo(2.5, within(EPS));
    assertThat(r.slotDenominators()).containsExactly(Map.entry("a1", SlotDenominators.of(10.0, 0.0)));
    assertThat(r.slotAllocations()).extracting(SlotAllocation::tier).containsOnly(Tier.MUTUAL);
    assertThat(r.recipientTotals()).containsOnlyKeys("A", "B");
  }

  @Test
  void tierOneCapLeavesCapacityUnusedFaithfullyAndWaterFillingRedistributesIt() {
    recipient("A", 0.9, 0, 1.0, 2);
    recipient("B", 0.1, 0, 1.0, 20);
    // sum MR = 1.0; num A = 0.9 * 2 = 1.8, num B = 0.1 * 20 = 2.0, D1 = 3.8
    // FAITHFUL: A = min(10 * 1.8 / 3.8, 2) = min(4.7368.., 2) = 2 (capped)
    //           B = min(10 * 2.0 / 3.8, 20) = 5.2631578..; unused = 10 - 7.2631578.. = 2.7368421..
    AllocationResult f = allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("a1", "cap", 10));
    assertThat(given(f, "a1", "A")).isCloseTo(2.0, within(EPS));
    assertThat(given(f, "a1", "B")).isCloseTo(20.0 / 3.8, within(EPS));
    assertThat(f.unusedCapacity()).isCloseTo(10 - 2 - 20.0 / 3.8, within(EPS));
    // WATER_FILLING: A capped at 2 first (cap/num = 1.11 < 10), then B alone: level = 8 / 2 = 4,
    //                B = 4 * 2 = 8 < 20, so B takes the 8 left; nothing unused.
    AllocationResult w = allocate(AllocationPolicy.WATER_FILLING, AvailabilitySlot.of("a1", "cap", 10));
    assertThat(given(w, "a1", "A")).isCloseTo(2.0, within(EPS));
    assertThat(given(w, "a1", "B")).isCloseTo(8.0, within(EPS));
    assertThat(w.unusedCapacity()).isCloseTo(0.0, within(EPS));
    assertThat(w.slotDenominators().get("a1").mutual()).isCloseTo(3.8, within(EPS));
  }

  @Test
  void tierTwoSharesWhatTierOneLeftByWeights() {
    recipient("A", 0.9, 0, 1.0, 2);
    recipient("B", 0.1, 0, 1.0, 20);
    recipient("C", 0, 0.5, 1.0, 1);
    recipient("D", 0, 0.25, 1.0, 4);
    // Tier 1 as above: used1 = 2 + 5.2631578.. = 7.2631578..; R = 2.7368421.. > 1e-4
    // Tier 2: sum w = 0.75; share C = 2/3, D = 1/3; num C = 2/3 * 1 = 0.6667, num D = 1/3 * 4 = 1.3333
    //   D2 = 2.0; C = min(R * 0.6667 / 2, 1) = 0.9122807..; D = min(R * 1.3333 / 2, 4) = 1.8245614..
    AllocationResult r = allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("a1", "cap", 10));
    double rest = 10 - 2 - 20.0 / 3.8;
    assertThat(given(r, "a1", "C")).isCloseTo(rest * (2.0 / 3) / 2.0, within(EPS));
    assertThat(given(r, "a1", "D")).isCloseTo(rest * (4.0 / 3) / 2.0, within(EPS));
    assertThat(r.slotDenominators().get("a1").nonMutual()).isCloseTo(2.0, within(EPS));
    assertThat(r.slotAllocations())
        .filteredOn(a -> a.recipientPubkey().equals("C"))
        .extracting(SlotAllocation::tier)
        .containsOnly(Tier.NON_MUTUAL);
    // Water-filling gives all 10 to tier 1 (A 2, B 8), so tier 2 does not run: D2 = 0.
    AllocationResult w = allocate(AllocationPolicy.WATER_FILLING, AvailabilitySlot.of("a1", "cap", 10));
    assertThat(given(w, "a1", "C") + given(w, "a1", "D")).isZero();
    assertThat(w.slotDenominators().get("a1").nonMutual()).isZero();
  }

  @Test
  void tierTwoCap() {
    recipient("A", 0.9, 0, 1.0, 2);
    recipient("B", 0.1, 0, 1.0, 20);
    recipient("C", 0, 0.5, 1.0, 0.5);
    recipient("D", 0, 0.25, 1.0, 4);
    // R = 2.7368421..; num C = 2/3 * 0.5 = 0.3333, num D = 1/3 * 4 = 1.3333, D2 = 1.6667
    // C = min(R * 0.3333 / 1.6667, 0.5) = min(0.5473684.., 0.5) = 0.5 (capped)
    // D = min(R * 1.3333 / 1.6667, 4) = 2.1894736..; unused = R - 0.5 - 2.1894736.. = 0.0473684..
    AllocationResult r = allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("a1", "cap", 10));
    double rest = 10 - 2 - 20.0 / 3.8;
    assertThat(given(r, "a1", "C")).isCloseTo(0.5, within(EPS));
    assertThat(given(r, "a1", "D")).isCloseTo(rest * 0.8, within(EPS));
    assertThat(r.unusedCapacity()).isCloseTo(rest - 0.5 - rest * 0.8, within(EPS));
  }

  @Test
  void dampingScalesActiveNeed() {
    recipient("A", 0.5, 0, 0.5, 10);
    recipient("B", 0.5, 0, 1.0, 10);
    // num A = 0.5 * (10 * 0.5) = 2.5, num B = 0.5 * 10 = 5, D1 = 7.5
    // Q = 6: A = 6 * 2.5 / 7.5 = 2, B = 6 * 5 / 7.5 = 4
    AllocationResult r = allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("a1", "cap", 6));
    assertThat(given(r, "a1", "A")).isCloseTo(2.0, within(EPS));
    assertThat(given(r, "a1", "B")).isCloseTo(4.0, within(EPS));
    assertThat(r.slotDenominators().get("a1").mutual()).isCloseTo(7.5, within(EPS));
  }

  @Test
  void denominatorFloorOfTheOriginal() {
    recipient("A", 1.0, 0, 0.00005, 1);
    // num A = 1 * (1 * 0.00005) = 5e-5 = D1 < 1e-4
    // FAITHFUL: A = min(1 * 5e-5 / max(5e-5, 1e-4), 1) = 0.5; WATER_FILLING: all of Q = 1
    AllocationResult f = allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("a1", "cap", 1));
    assertThat(given(f, "a1", "A")).isCloseTo(0.5, within(EPS));
    AllocationResult w = allocate(AllocationPolicy.WATER_FILLING, AvailabilitySlot.of("a1", "cap", 1));
    assertThat(given(w, "a1", "A")).isCloseTo(1.0, within(EPS));
  }

  @Test
  void allocationFillsNeedSlotsInOrder() {
    recipient("A", 1.0, 0, 1.0, 3, 4);
    // need A = 3 + 4 = 7, num = 7, D1 = 7; A = min(5 * 7 / 7, 7) = 5 -> n1 gets 3, n2 gets 2
    AllocationResult r = allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("a1", "cap", 5));
    assertThat(r.slotAllocations())
        .extracting(SlotAllocation::recipientNeedSlotId, SlotAllocation::quantity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("A-n1", 3.0),
            org.assertj.core.groups.Tuple.tuple("A-n2", 2.0));
  }

  @Test
  void waterFillingReducesNeedByEarlierSlotsOfTheSameProvider() {
    recipient("A", 1.0, 0, 1.0, 6);
    // FAITHFUL sees need 6 in both slots: a1 gives 5, a2 gives min(5, 6) = 5 -> 10 > 6
    AllocationResult f =
        allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("a1", "c", 5), AvailabilitySlot.of("a2", "c", 5));
    assertThat(f.recipientTotals().get("A")).isCloseTo(10.0, within(EPS));
    // WATER_FILLING: a1 gives 5, a2 sees 6 - 5 = 1 left and gives 1 -> 6
    AllocationResult w =
        allocate(AllocationPolicy.WATER_FILLING, AvailabilitySlot.of("a1", "c", 5), AvailabilitySlot.of("a2", "c", 5));
    assertThat(given(w, "a2", "A")).isCloseTo(1.0, within(EPS));
    assertThat(w.recipientTotals().get("A")).isCloseTo(6.0, within(EPS));
    assertThat(w.slotDenominators().get("a2").mutual()).isCloseTo(1.0, within(EPS));
  }

  @Test
  void nothingForTheProviderTheUnrecognisedOrTheIncompatible() {
    recipient("A", 0, 0, 1.0, 5); // no recognition
    network.put(
        "B",
        Commitment.builder("B")
            .timestamp(T)
            .needSlot(NeedSlot.builder("b1").quantity(5).city("Paris").country("FR").build())
            .build());
    mr.put("B", 1.0);
    network.put("P", Commitment.builder("P").timestamp(T).needSlot(NeedSlot.of("p1", "self", 5)).build());
    mr.put("P", 1.0);
    AvailabilitySlot berlin = AvailabilitySlot.builder("a1").quantity(10).city("Berlin").country("DE").build();
    AllocationResult r = allocate(AllocationPolicy.FAITHFUL, berlin, AvailabilitySlot.of("a0", "empty", 0));
    assertThat(r.slotAllocations()).isEmpty();
    assertThat(r.recipientTotals()).isEmpty();
    assertThat(r.slotDenominators()).isEmpty(); // no recipients, and a0 has no quantity
    assertThat(r.capacity()).isEqualTo(10.0);
  }

  @Test
  void outputOrderIsSlotThenPubKey() {
    recipient("zed", 0.5, 0, 1.0, 1);
    recipient("amy", 0, 0.5, 1.0, 1);
    recipient("bob", 0.5, 0, 1.0, 1);
    AllocationResult r =
        allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("s2", "c", 10), AvailabilitySlot.of("s1", "c", 10));
    assertThat(r.slotAllocations())
        .extracting(a -> a.availabilitySlotId() + "/" + a.recipientPubkey())
        .containsExactly("s2/amy", "s2/bob", "s2/zed", "s1/amy", "s1/bob", "s1/zed");
    assertThat(r.slotDenominators().keySet()).containsExactly("s2", "s1");
    assertThat(r.recipientTotals().keySet()).containsExactly("amy", "bob", "zed");
  }

  @Test
  void filtersAreBilateralAndUnknownRulesAreReported() {
    network.put(
        "A",
        Commitment.builder("A")
            .timestamp(T)
            .needSlot(NeedSlot.builder("a-n").quantity(4).filterRule(new FilterRule.DenyAll()).build())
            .build());
    mr.put("A", 0.5);
    recipient("B", 0.2, 0, 1.0, 4);
    recipient("C", 0, 0.3, 1.0, 4);
    AvailabilitySlot trusting =
        AvailabilitySlot.builder("a1").quantity(6).filterRule(FilterRule.Trust.minimum(0.1)).build();
    AllocationResult r = allocate(AllocationPolicy.FAITHFUL, trusting);
    // A's own need filter rejects the provider; C fails the trust minimum (MR 0 < 0.1): only B.
    assertThat(r.recipientTotals()).containsOnlyKeys("B");
    AvailabilitySlot odd =
        AvailabilitySlot.builder("a2")
            .quantity(6)
            .startDate("soon")
            .filterRule(new FilterRule.Unknown("custom", Map.of("fn", "return true")))
            .build();
    AllocationResult r2 = allocate(AllocationPolicy.FAITHFUL, odd);
    assertThat(r2.recipientTotals()).containsOnlyKeys("B", "C");
    assertThat(r2.warnings())
        .extracting(MatchWarning::kind)
        .containsExactlyInAnyOrder(
            MatchWarning.Kind.UNPARSEABLE_DATE, MatchWarning.Kind.CUSTOM_FILTER_RULE_IGNORED);
  }

  @Test
  void resultBecomesAPublishableState() {
    recipient("A", 1.0, 0, 1.0, 2);
    AllocationResult r = allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("a1", "c", 5));
    AllocationState s = r.toState(true, List.of(), Stamp.seed(), T);
    assertThat(s.slotAllocations()).isEqualTo(r.slotAllocations());
    // the records are columns built when read; the state keeps them so, without a copy
    assertThat(s.slotAllocations()).isSameAs(r.slotAllocations());
    assertThat(r.allocated()).isCloseTo(2.0, within(EPS));
    assertThat(s.totalFor("A")).isCloseTo(2.0, within(EPS));
    assertThat(s.totalFor("nobody")).isZero();
    assertThat(s.converged()).isTrue();
  }

  @Test
  void badNumbersAreRejectedNamingFieldAndValue() {
    recipient("A", 1.0, 0, 1.0, 2);
    mr.put("A", Double.NaN);
    assertThatThrownBy(() -> allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("a1", "c", 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mrValues[A] = NaN")
        .hasMessageContaining("[0, 1]");
    mr.put("A", 1.0);
    weights.put("X", 1.5);
    assertThatThrownBy(() -> allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("a1", "c", 5)))
        .hasMessageContaining("providerWeights[X] = 1.5");
    weights.clear();
    assertThatThrownBy(() -> allocate(AllocationPolicy.WATER_FILLING, AvailabilitySlot.of("a1", "c", -1)))
        .hasMessageContaining("capacity_slots[0] (id a1).quantity = -1.0");
    network.put("Z", Commitment.builder("Z").timestamp(T).dampingFactor(1.2).build());
    assertThatThrownBy(() -> allocate(AllocationPolicy.FAITHFUL, AvailabilitySlot.of("a1", "c", 1)))
        .hasMessageContaining("networkCommitments[Z].damping_factor = 1.2");
  }

  @Test
  void recipientTotalsAreInPubKeyOrderWhateverTheIndexOrder() {
    recipient("A", 0.5, 0, 1.0, 2);
    recipient("M", 0.5, 0, 1.0, 2);
    recipient("Z", 0.5, 0, 1.0, 2);
    Commitment provider =
        Commitment.builder("P").timestamp(T).capacitySlot(AvailabilitySlot.of("a1", "c", 3)).build();
    AllocationInput in = AllocationInput.of("P", provider, mr, weights, network);
    List<Map.Entry<String, NeedSlot>> reversed = new ArrayList<>();
    for (String pk : List.of("Z", "M", "A")) {
      network.get(pk).needSlots().forEach(n -> reversed.add(Map.entry(pk, n)));
    }
    AllocationResult unsorted =
        Allocation.compute(in, AllocationPolicy.FAITHFUL, CompatibilityIndex.ofNeeds(reversed));
    AllocationResult sorted = Allocation.compute(in, AllocationPolicy.FAITHFUL);
    assertThat(unsorted.recipientTotals().keySet()).containsExactly("A", "M", "Z");
    assertThat(sorted.recipientTotals().keySet()).containsExactly("A", "M", "Z");
    assertThat(unsorted.recipientTotals()).isEqualTo(sorted.recipientTotals());
  }
}
