package org.allocationcommons.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.ModelArbitraries;
import org.allocationcommons.core.model.NeedSlot;

/** The index returns exactly the brute-force compatible set (SPEC 4.1: indexing is only an optimisation). */
class CompatibilityIndexProperties {

  record Scenario(List<Map.Entry<String, NeedSlot>> needs, List<AvailabilitySlot> capacity) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<List<Map.Entry<String, NeedSlot>>> needs =
        Arbitraries.integers()
            .between(0, 60)
            .flatMap(
                k -> {
                  if (k == 0) {
                    return Arbitraries.just(List.<Map.Entry<String, NeedSlot>>of());
                  }
                  List<Arbitrary<Map.Entry<String, NeedSlot>>> each = new ArrayList<>();
                  for (int i = 0; i < k; i++) {
                    String owner = "r" + (i % 7);
                    each.add(ModelArbitraries.needSlot("n" + i).map(n -> Map.entry(owner, n)));
                  }
                  return Combinators.combine(each).as(l -> l);
                });
    Arbitrary<List<AvailabilitySlot>> caps =
        Arbitraries.integers()
            .between(1, 8)
            .flatMap(
                k -> {
                  List<Arbitrary<AvailabilitySlot>> each = new ArrayList<>();
                  for (int i = 0; i < k; i++) {
                    each.add(ModelArbitraries.availabilitySlot("a" + i));
                  }
                  return Combinators.combine(each).as(l -> l);
                });
    return Combinators.combine(needs, caps).as(Scenario::new);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void indexEqualsBruteForce(@ForAll("scenarios") Scenario s) {
    CompatibilityIndex index = CompatibilityIndex.ofNeeds(s.needs());
    for (AvailabilitySlot avail : s.capacity()) {
      List<Integer> expected = new ArrayList<>();
      for (CompatibilityIndex.IndexedNeed n : index.needs()) {
        if (SlotCompatibility.slotsCompatible(n.slot(), avail)) {
          expected.add(n.ordinal());
        }
      }
      List<Integer> actual =
          index.compatibleWith(avail).stream().map(CompatibilityIndex.IndexedNeed::ordinal).toList();
      assertThat(actual).as("candidates of %s", avail).isEqualTo(expected);
    }
  }

  /**
   * Many compatible needs per capacity slot (hundreds, repeated from a small pool of shapes, with a
   * capacity slot open to every type and place among the random ones), so the ordering by bit set,
   * not only the sort, is exercised; ordinals spread over the whole range.
   */
  @Provide
  Arbitrary<Scenario> crowdedScenarios() {
    Arbitrary<List<NeedSlot>> pool = ModelArbitraries.needSlot("p").list().ofMinSize(1).ofMaxSize(6);
    Arbitrary<List<Map.Entry<String, NeedSlot>>> needs =
        Combinators.combine(pool, Arbitraries.integers().between(64, 900), Arbitraries.longs())
            .as(
                (shapes, k, seed) -> {
                  java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                  List<Map.Entry<String, NeedSlot>> l = new ArrayList<>(k);
                  for (int i = 0; i < k; i++) {
                    l.add(Map.entry("r" + (i % 37), shapes.get(r.nextInt(shapes.size()))));
                  }
                  return l;
                });
    Arbitrary<List<AvailabilitySlot>> caps =
        ModelArbitraries.availabilitySlot("a")
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(
                l -> {
                  List<AvailabilitySlot> all = new ArrayList<>(l);
                  all.add(AvailabilitySlot.of("open", "open", 1));
                  return all;
                });
    return Combinators.combine(needs, caps).as(Scenario::new);
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void crowdedIndexEqualsBruteForce(@ForAll("crowdedScenarios") Scenario s) {
    indexEqualsBruteForce(s);
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void bruteForceCheckAgreesWithRuleByRuleResult(
      @ForAll("needs") NeedSlot need, @ForAll("caps") AvailabilitySlot avail) {
    Compatibility c = SlotCompatibility.check(need, avail);
    assertThat(c.compatible()).isEqualTo(SlotCompatibility.slotsCompatible(need, avail));
    boolean unparseable = c.warnings().stream().anyMatch(w -> w.kind() == MatchWarning.Kind.UNPARSEABLE_DATE);
    if (unparseable) {
      assertThat(c.timeCompatible()).isTrue();
    }
  }

  @Provide
  Arbitrary<NeedSlot> needs() {
    return ModelArbitraries.needSlot("n");
  }

  @Provide
  Arbitrary<AvailabilitySlot> caps() {
    return ModelArbitraries.availabilitySlot("a");
  }
}
