package org.allocationcommons.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Histogram;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.allocationcommons.core.matching.CompatibilityIndex;
import org.allocationcommons.core.matching.FilterContext;
import org.allocationcommons.core.matching.Profile;
import org.allocationcommons.core.matching.SlotCompatibility;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.ModelArbitraries;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.model.SlotDenominators;
import org.allocationcommons.core.model.Tier;

/** The invariants of SPEC 4.3 for both policies, and FAITHFUL against a reference implementation. */
class AllocationProperties {

  private static final double EPS = 1e-9;
  private static final long T = 1_700_000_000_000L;

  /** A random provider and network. */
  record Scenario(AllocationInput input) {
    @Override
    public String toString() {
      return input.toString();
    }
  }

  private static Arbitrary<FilterRule> rules() {
    return Arbitraries.<FilterRule>of(
            FilterRule.Trust.minimum(0.3),
            FilterRule.Trust.onlyMutualRecognition(),
            new FilterRule.AllowAll(),
            new FilterRule.DenyAll(),
            new FilterRule.Unknown("custom", Map.of("fn", "x")),
            FilterRule.Location.cities("berlin"))
        .injectNull(0.8);
  }

  private static Arbitrary<Double> shares() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0.0)),
        Tuple.of(1, Arbitraries.just(1.0)),
        Tuple.of(5, Arbitraries.doubles().between(0.001, 1.0).ofScale(4)));
  }

  private static Arbitrary<Double> damping() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.just(1.0)),
        Tuple.of(1, Arbitraries.just(0.8)),
        Tuple.of(1, Arbitraries.just(0.5)),
        Tuple.of(1, Arbitraries.just(0.0)),
        Tuple.of(1, Arbitraries.doubles().between(0, 1)));
  }

  private static Arbitrary<NeedSlot> filtered(Arbitrary<NeedSlot> slot) {
    return Combinators.combine(slot, rules()).as((s, r) -> r == null ? s : s.toBuilder().filterRule(r).build());
  }

  private static Arbitrary<Commitment> recipient(String pubKey) {
    Arbitrary<List<NeedSlot>> needs =
        Arbitraries.integers()
            .between(0, 3)
            .flatMap(
                k -> {
                  if (k == 0) {
                    return Arbitraries.just(List.<NeedSlot>of());
                  }
                  List<Arbitrary<NeedSlot>> each = new ArrayList<>();
                  for (int i = 0; i < k; i++) {
                    String id = pubKey + "-n" + i;
                    Arbitrary<NeedSlot> plain = ModelArbitraries.quantities().map(q -> NeedSlot.of(id, "plain", q));
                    each.add(filtered(Arbitraries.oneOf(plain, ModelArbitraries.needSlot(id))));
                  }
                  return Combinators.combine(each).as(l -> l);
                });
    return Combinators.combine(needs, damping())
        .as((n, d) -> Commitment.builder(pubKey).timestamp(T).needSlots(n).dampingFactor(d).build());
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 7);
    return size.flatMap(
        k -> {
          List<Arbitrary<Commitment>> people = new ArrayList<>();
          List<Arbitrary<Double>> mrs = new ArrayList<>();
          List<Arbitrary<Double>> ws = new ArrayList<>();
          for (int i = 0; i < k; i++) {
            people.add(recipient("r" + i));
            mrs.add(shares());
            ws.add(shares());
          }
          people.add(recipient("P")); // the provider's own needs must be ignored
          Arbitrary<List<AvailabilitySlot>> caps =
              Arbitraries.integers()
                  .between(1, 4)
                  .flatMap(
                      m -> {
                        List<Arbitrary<AvailabilitySlot>> each = new ArrayList<>();
                        for (int i = 0; i < m; i++) {
                          String capId = "a" + i;
                          Arbitrary<AvailabilitySlot> plain =
                              ModelArbitraries.quantities()
                                  .map(q -> AvailabilitySlot.of(capId, "plain", q * 2));
                          Arbitrary<AvailabilitySlot> any =
                              Arbitraries.oneOf(plain, ModelArbitraries.availabilitySlot("a" + i));
                          each.add(
                              Combinators.combine(any, rules())
                                  .as((s, r) -> r == null ? s : s.toBuilder().filterRule(r).build()));
                        }
                        return Combinators.combine(each).as(l -> l);
                      });
          return Combinators.combine(
                  Combinators.combine(people).as(l -> l),
                  Combinators.combine(mrs).as(l -> l),
                  Combinators.combine(ws).as(l -> l),
                  caps)
              .as(
                  (cs, m, w, slots) -> {
                    Map<String, Commitment> network = new LinkedHashMap<>();
                    Map<String, Double> mr = new LinkedHashMap<>();
                    Map<String, Double> weights = new LinkedHashMap<>();
                    for (int i = 0; i < cs.size(); i++) {
                      Commitment c = cs.get(i);
                      network.put(c.pubKey(), c);
                      if (i < m.size()) {
                        mr.put(c.pubKey(), m.get(i));
                        weights.put(c.pubKey(), Math.max(w.get(i), m.get(i)));
                      }
                    }
                    mr.put("P", 1.0);
                    Commitment provider =
                        Commitment.builder("P").timestamp(T).capacitySlots(slots).build();
                    return new Scenario(AllocationInput.of("P", provider, mr, weights, network));
                  });
        });
  }

  // ---------------------------------------------------------------- reference implementation

  /** One recipient's compatible need slots for one capacity slot, by brute force. */
  private static List<NeedSlot> compatibleNeeds(AllocationInput in, AvailabilitySlot slot, String r, double mr) {
    List<NeedSlot> result = new ArrayList<>();
    for (NeedSlot n : in.networkCommitments().get(r).needSlots()) {
      FilterContext forRecipient = new FilterContext(r, mr, n, slot, Profile.NONE);
      FilterContext forProvider = new FilterContext(in.providerId(), mr, slot, n, Profile.NONE);
      if (SlotCompatibility.compatible(n, slot, forRecipient, forProvider).compatible()) {
        result.add(n);
      }
    }
    return result;
  }

  private record Reference(Map<String, SlotDenominators> denominators, Map<String, Double> perSlotRecipient) {}

  /** SPEC 4.3 written out as plainly as possible, pair by pair. */
  private static Reference reference(AllocationInput in) {
    Map<String, SlotDenominators> dens = new LinkedHashMap<>();
    Map<String, Double> given = new TreeMap<>();
    for (AvailabilitySlot slot : in.providerCommitment().capacitySlots()) {
      double q = slot.quantity();
      if (q <= 0) {
        continue;
      }
      Map<String, Double> need1 = new TreeMap<>();
      Map<String, Double> need2 = new TreeMap<>();
      for (String r : new TreeMap<>(in.networkCommitments()).keySet()) {
        if (r.equals(in.providerId())) {
          continue;
        }
        double mr = in.mrValues().getOrDefault(r, 0.0);
        double w = in.providerWeights().getOrDefault(r, 0.0);
        if (!(mr > 0 || w > 0)) {
          continue;
        }
        List<NeedSlot> needs = compatibleNeeds(in, slot, r, mr);
        if (needs.isEmpty()) {
          continue;
        }
        double need = needs.stream().mapToDouble(NeedSlot::quantity).sum();
        (mr > 0 ? need1 : need2).put(r, need);
      }
      if (need1.isEmpty() && need2.isEmpty()) {
        continue;
      }
      double[] d1 = new double[1];
      double used = tierReference(in, slot.id(), need1, true, q, d1, given);
      double rest = q - used;
      double[] d2 = new double[1];
      if (rest > 1e-4 && !need2.isEmpty()) {
        tierReference(in, slot.id(), need2, false, rest, d2, given);
      }
      dens.put(slot.id(), SlotDenominators.of(d1[0], d2[0]));
    }
    return new Reference(dens, given);
  }

  private static double tierReference(
      AllocationInput in, String slot, Map<String, Double> needs, boolean mutual, double capacity,
      double[] denominator, Map<String, Double> given) {
    double sum = 0;
    for (String r : needs.keySet()) {
      sum += mutual ? in.mrValues().get(r) : in.providerWeights().get(r);
    }
    Map<String, Double> num = new TreeMap<>();
    for (Map.Entry<String, Double> e : needs.entrySet()) {
      if (e.getValue() <= 0) {
        continue;
      }
      double share = (mutual ? in.mrValues().get(e.getKey()) : in.providerWeights().get(e.getKey())) / sum;
      double active = e.getValue() * in.networkCommitments().get(e.getKey()).dampingFactor();
      num.put(e.getKey(), share * active);
      denominator[0] += share * active;
    }
    double used = 0;
    for (Map.Entry<String, Double> e : num.entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      double alloc = Math.min(capacity * e.getValue() / Math.max(denominator[0], 1e-4), needs.get(e.getKey()));
      given.put(slot + "/" + e.getKey(), alloc);
      used += alloc;
    }
    return used;
  }

  private static Map<String, Double> perSlotRecipient(AllocationResult r) {
    Map<String, Double> m = new TreeMap<>();
    for (SlotAllocation a : r.slotAllocations()) {
      m.merge(a.availabilitySlotId() + "/" + a.recipientPubkey(), a.quantity(), Double::sum);
    }
    return m;
  }

  // ---------------------------------------------------------------- properties

  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void faithfulEqualsTheReference(@ForAll("scenarios") Scenario s) {
    AllocationResult r = Allocation.compute(s.input(), AllocationPolicy.FAITHFUL);
    Reference ref = reference(s.input());
    assertThat(r.slotDenominators().keySet()).containsExactlyElementsOf(ref.denominators().keySet());
    ref.denominators()
        .forEach(
            (slot, d) -> {
              assertThat(r.slotDenominators().get(slot).mutual()).isCloseTo(d.mutual(), within(EPS));
              assertThat(r.slotDenominators().get(slot).nonMutual()).isCloseTo(d.nonMutual(), within(EPS));
            });
    Map<String, Double> actual = perSlotRecipient(r);
    Map<String, Double> expected = new TreeMap<>(ref.perSlotRecipient());
    expected.values().removeIf(v -> v <= 0);
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isCloseTo(v, within(EPS)));
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  @StatisticsReport(format = Histogram.class)
  void invariantsHoldForBothPolicies(@ForAll("scenarios") Scenario s) {
    for (AllocationPolicy policy : AllocationPolicy.values()) {
      AllocationInput in = s.input();
      AllocationResult r = Allocation.compute(in, policy);
      Map<String, Double> perSlot = new HashMap<>();
      Map<String, Double> tier1 = new HashMap<>();
      Map<String, Double> tier2 = new HashMap<>();
      Map<String, Double> totals = new TreeMap<>();
      for (SlotAllocation a : r.slotAllocations()) {
        // nothing negative or NaN
        assertThat(a.quantity()).isPositive().isFinite();
        // never the provider; only the recognised; the tier follows MR
        String who = a.recipientPubkey();
        assertThat(who).isNotEqualTo(in.providerId());
        double mr = in.mrValues().getOrDefault(who, 0.0);
        assertThat(mr > 0 || in.providerWeights().getOrDefault(who, 0.0) > 0).isTrue();
        assertThat(a.tier()).isEqualTo(mr > 0 ? Tier.MUTUAL : Tier.NON_MUTUAL);
        // only compatible need slots
        AvailabilitySlot slot = slot(in, a.availabilitySlotId());
        assertThat(compatibleNeeds(in, slot, who, mr))
            .extracting(NeedSlot::id)
            .contains(a.recipientNeedSlotId());
        perSlot.merge(a.availabilitySlotId(), a.quantity(), Double::sum);
        (a.tier() == Tier.MUTUAL ? tier1 : tier2).merge(a.availabilitySlotId(), a.quantity(), Double::sum);
        totals.merge(who, a.quantity(), Double::sum);
      }
      for (AvailabilitySlot slot : in.providerCommitment().capacitySlots()) {
        double q = slot.quantity();
        // per slot never more than Q; tier 2 only what tier 1 left
        assertThat(perSlot.getOrDefault(slot.id(), 0.0)).isLessThanOrEqualTo(q + EPS);
        assertThat(tier2.getOrDefault(slot.id(), 0.0))
            .isLessThanOrEqualTo(q - tier1.getOrDefault(slot.id(), 0.0) + EPS);
      }
      // no recipient more than need_r from a slot
      perSlotRecipient(r)
          .forEach(
              (key, v) -> {
                String[] parts = key.split("/");
                double need =
                    compatibleNeeds(in, slot(in, parts[0]), parts[1], in.mrValues().getOrDefault(parts[1], 0.0))
                        .stream()
                        .mapToDouble(NeedSlot::quantity)
                        .sum();
                assertThat(v).isLessThanOrEqualTo(need + EPS);
              });
      r.slotDenominators().values().forEach(d -> {
        assertThat(d.mutual()).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(d.nonMutual()).isFinite().isGreaterThanOrEqualTo(0);
      });
      Statistics.label(policy + " allocates something").collect(!r.slotAllocations().isEmpty());
      assertThat(r.recipientTotals().keySet()).containsExactlyElementsOf(totals.keySet());
      totals.forEach((k, v) -> assertThat(r.recipientTotals().get(k)).isCloseTo(v, within(EPS)));
    }
    Statistics.label("FAITHFUL allocates something")
        .coverage(c -> c.check(true).percentage(p -> p > 50));
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void independentOfInputMapIterationOrder(@ForAll("scenarios") Scenario s, @ForAll long seed) {
    AllocationInput in = s.input();
    AllocationInput shuffled =
        AllocationInput.of(
            in.providerId(),
            in.providerCommitment(),
            shuffle(in.mrValues(), seed),
            shuffle(in.providerWeights(), seed + 1),
            shuffle(in.networkCommitments(), seed + 2));
    for (AllocationPolicy policy : AllocationPolicy.values()) {
      AllocationResult a = Allocation.compute(in, policy);
      AllocationResult b = Allocation.compute(shuffled, policy);
      assertThat(b).isEqualTo(a);
      // a prebuilt index gives the same result
      CompatibilityIndex index = CompatibilityIndex.of(in.networkCommitments(), in.providerId());
      assertThat(Allocation.compute(in, policy, index)).isEqualTo(a);
    }
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void waterFillingLeavesNoCapacityUnusedWhileAnUncappedRecipientRemains(@ForAll("scenarios") Scenario s) {
    AllocationInput in = s.input();
    AllocationResult r = Allocation.compute(in, AllocationPolicy.WATER_FILLING);
    Map<String, Double> givenToNeed = new HashMap<>(); // owner/needId -> cumulative
    for (AvailabilitySlot slot : in.providerCommitment().capacitySlots()) {
      if (slot.quantity() <= 0) {
        continue;
      }
      double used = 0;
      for (SlotAllocation a : r.slotAllocations()) {
        if (a.availabilitySlotId().equals(slot.id())) {
          used += a.quantity();
          givenToNeed.merge(a.recipientPubkey() + "/" + a.recipientNeedSlotId(), a.quantity(), Double::sum);
        }
      }
      double unused = slot.quantity() - used;
      if (unused <= 1e-6) {
        continue;
      }
      // capacity left: every recognised recipient with a compatible need and active need must be full
      for (String who : new TreeMap<>(in.networkCommitments()).keySet()) {
        if (who.equals(in.providerId())) {
          continue;
        }
        double mr = in.mrValues().getOrDefault(who, 0.0);
        double w = in.providerWeights().getOrDefault(who, 0.0);
        if (!(mr > 0 || w > 0) || !(in.networkCommitments().get(who).dampingFactor() > 0)) {
          continue;
        }
        double remaining = 0;
        for (NeedSlot n : compatibleNeeds(in, slot, who, mr)) {
          remaining += Math.max(0, n.quantity() - givenToNeed.getOrDefault(who + "/" + n.id(), 0.0));
        }
        assertThat(remaining).as("%s still needs while %s of %s is unused", who, unused, slot.id())
            .isLessThanOrEqualTo(1e-6);
      }
    }
    // and across slots no need slot receives more than its quantity
    for (Commitment c : in.networkCommitments().values()) {
      for (NeedSlot n : c.needSlots()) {
        assertThat(givenToNeed.getOrDefault(c.pubKey() + "/" + n.id(), 0.0)).isLessThanOrEqualTo(n.quantity() + EPS);
      }
    }
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void waterFillingNeverUsesLessCapacityThanFaithfulOnASingleSlot(@ForAll("scenarios") Scenario s) {
    AllocationInput in = s.input();
    AvailabilitySlot first = in.providerCommitment().capacitySlots().get(0);
    AllocationInput one =
        AllocationInput.of(
            in.providerId(),
            in.providerCommitment().toBuilder().capacitySlots(List.of(first)).build(),
            in.mrValues(),
            in.providerWeights(),
            in.networkCommitments());
    double faithful = Allocation.compute(one, AllocationPolicy.FAITHFUL).allocated();
    double water = Allocation.compute(one, AllocationPolicy.WATER_FILLING).allocated();
    assertThat(water).isGreaterThanOrEqualTo(faithful - EPS);
  }

  private static AvailabilitySlot slot(AllocationInput in, String id) {
    return in.providerCommitment().capacitySlots().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
  }

  private static <V> Map<String, V> shuffle(Map<String, V> m, long seed) {
    List<Map.Entry<String, V>> entries = new ArrayList<>(m.entrySet());
    Collections.shuffle(entries, new Random(seed));
    Map<String, V> result = new LinkedHashMap<>();
    entries.forEach(e -> result.put(e.getKey(), e.getValue()));
    return result;
  }
}
