package org.allocationcommons.core.settling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.allocationcommons.core.allocation.Allocation;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.allocation.AllocationResult;
import org.allocationcommons.core.allocation.MutualRecognition;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.ProviderShare;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.itc.Stamp;

/** The residual-need rule of SPEC 4.4 on random commons, for both policies. */
class SettlingProperties {

  private static final long T = 1_700_000_000_000L;
  private static final double EPS = 1e-9;

  /** A small commons: participants p0..pk with capacity and needs of two kinds and random weights. */
  @Provide
  Arbitrary<Map<String, Commitment>> commons() {
    return Arbitraries.integers()
        .between(2, 7)
        .flatMap(
            n -> {
              List<Arbitrary<Commitment>> people = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                people.add(participant("p" + i, n));
              }
              return Combinators.combine(people)
                  .as(
                      l -> {
                        Map<String, Commitment> m = new LinkedHashMap<>();
                        l.forEach(c -> m.put(c.pubKey(), c));
                        return m;
                      });
            });
  }

  private static Arbitrary<Commitment> participant(String me, int n) {
    Arbitrary<List<AvailabilitySlot>> caps =
        slots(me + "-c").map(l -> l.stream().map(t -> AvailabilitySlot.of(t.id, t.kind, t.quantity)).toList());
    Arbitrary<List<NeedSlot>> needs =
        slots(me + "-n").map(l -> l.stream().map(t -> NeedSlot.of(t.id, t.kind, t.quantity)).toList());
    Arbitrary<Map<String, Double>> weights =
        Arbitraries.doubles()
            .between(0, 1)
            .ofScale(3)
            .injectDuplicates(0.3)
            .list()
            .ofSize(n)
            .map(
                ws -> {
                  Map<String, Double> m = new TreeMap<>();
                  for (int i = 0; i < ws.size(); i++) {
                    if (!("p" + i).equals(me) && ws.get(i) > 0.2) {
                      m.put("p" + i, ws.get(i));
                    }
                  }
                  return m;
                });
    return Combinators.combine(caps, needs, weights)
        .as(
            (c, ns, w) ->
                Commitment.builder(me).timestamp(T).capacitySlots(c).needSlots(ns).recognitionWeights(w).build());
  }

  private record SlotSpec(String id, String kind, double quantity) {}

  private static Arbitrary<List<SlotSpec>> slots(String prefix) {
    return Combinators.combine(Arbitraries.of("a", "b"), Arbitraries.doubles().between(0, 20).ofScale(2))
        .as((k, q) -> new SlotSpec("", k, q))
        .list()
        .ofMaxSize(2)
        .map(
            l -> {
              List<SlotSpec> out = new ArrayList<>();
              for (int i = 0; i < l.size(); i++) {
                out.add(new SlotSpec(prefix + i, l.get(i).kind, l.get(i).quantity));
              }
              return out;
            });
  }

  @Property(tries = 500)
  void theCapsOfTheListedProvidersAddUpToTheNeedSlotsQuantity(
      @ForAll @Size(min = 1, max = 6) List<@DoubleRange(min = 0, max = 50) Double> offers,
      @ForAll @Size(min = 6, max = 6) List<@DoubleRange(min = 0, max = 50) Double> given,
      @ForAll @DoubleRange(min = 0, max = 40) double quantity) {
    Map<String, ProviderShare> shares = new TreeMap<>();
    for (int i = 0; i < offers.size(); i++) {
      if (offers.get(i) > 0 || given.get(i) > 0) {
        shares.put("q" + i, ProviderShare.of(offers.get(i), given.get(i)));
      }
    }
    NeedSlot need = NeedSlot.of("n", "a", quantity);
    Commitment r =
        Commitment.builder("r").timestamp(T).needSlot(need).report(Map.of(), Map.of("n", shares)).build();
    double caps = 0;
    for (String p : shares.keySet()) {
      double cap = Settling.cap(r, p, need);
      assertThat(cap).isFinite().isGreaterThanOrEqualTo(0);
      caps += cap;
    }
    if (shares.isEmpty()) {
      assertThat(Settling.cap(r, "q0", need)).isInfinite();
    } else {
      assertThat(caps).isCloseTo(quantity, within(1e-9 * Math.max(1, quantity)));
      assertThat(Settling.cap(r, "someone else", need)).isZero();
    }
    assertThat(Settling.cap(r, "q0", NeedSlot.of("other", "a", 3))).isInfinite();
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void offersAreWhatSpec43GivesWhateverTheReports(@ForAll("commons") Map<String, Commitment> commons) {
    for (AllocationPolicy policy : AllocationPolicy.values()) {
      // round 1 without reports; then every recipient reports, and the same providers allocate again
      CentralisedSolver.Solution plain = CentralisedSolver.solve(stripReports(commons), policy, 1);
      Map<String, AllocationState> states = states(plain.results());
      Map<String, Commitment> reported = new LinkedHashMap<>();
      commons.forEach((k, c) -> reported.put(k, Settling.report(k, c, states).applyTo(c)));
      for (String provider : plain.results().keySet()) {
        AllocationResult again = allocate(provider, reported, policy);
        AllocationState s = again.toState(false, List.of(), Stamp.seed(), T);
        AllocationState before = states.get(provider);
        for (String r : commons.keySet()) {
          Map<String, Double> expected = positive(before.givenTo(r));
          Map<String, Double> actual = positive(s.offeredTo(r));
          assertThat(actual.keySet()).as("%s offers %s (%s)", provider, r, policy).isEqualTo(expected.keySet());
          expected.forEach((k, v) -> assertThat(actual.get(k)).isCloseTo(v, within(1e-9)));
        }
      }
    }
  }

  private static Map<String, Double> positive(Map<String, Double> m) {
    Map<String, Double> t = new TreeMap<>(m);
    t.values().removeIf(v -> v <= EPS);
    return t;
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void theSolverSettlesAndNoNeedSlotReceivesMoreThanItsQuantity(@ForAll("commons") Map<String, Commitment> commons) {
    for (AllocationPolicy policy : AllocationPolicy.values()) {
      CentralisedSolver.Solution s = CentralisedSolver.solve(commons, policy, 20);
      assertThat(s.settled()).as("settled within 20 rounds (%s), took %d", policy, s.rounds()).isTrue();
      Map<String, Double> perNeed = new TreeMap<>();
      for (AllocationResult r : s.results().values()) {
        for (SlotAllocation a : r.slotAllocations()) {
          assertThat(a.quantity()).isFinite().isPositive();
          perNeed.merge(a.recipientPubkey() + "/" + a.recipientNeedSlotId(), a.quantity(), Double::sum);
        }
      }
      for (Commitment c : commons.values()) {
        double tolerance = Settling.tolerance(c.statedNeed());
        for (NeedSlot n : c.needSlots()) {
          assertThat(perNeed.getOrDefault(c.pubKey() + "/" + n.id(), 0.0))
              .as("%s/%s (%s)", c.pubKey(), n.id(), policy)
              .isLessThanOrEqualTo(n.quantity() + tolerance);
        }
        assertThat(s.receivedBy(c.pubKey())).isLessThanOrEqualTo(c.statedNeed() + tolerance);
      }
    }
  }

  /** The solver's restriction to recognised needers and to the states mentioning a recipient changes nothing. */
  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void restrictingTheSolverToWhatMattersChangesNothing(@ForAll("commons") Map<String, Commitment> commons) {
    for (AllocationPolicy policy : AllocationPolicy.values()) {
      CentralisedSolver.Solution fast = CentralisedSolver.solve(commons, policy, 20, true);
      CentralisedSolver.Solution reference = CentralisedSolver.solve(commons, policy, 20, false);
      assertThat(fast.rounds()).as(policy.toString()).isEqualTo(reference.rounds());
      assertThat(fast.settled()).isEqualTo(reference.settled());
      assertThat(fast.received()).isEqualTo(reference.received());
      assertThat(fast.results()).isEqualTo(reference.results());
      assertThat(fast.commitments()).isEqualTo(reference.commitments());
    }
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void theSolutionDoesNotDependOnTheOrderOfTheCommitments(@ForAll("commons") Map<String, Commitment> commons) {
    Map<String, Commitment> reversed = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(commons.keySet());
    for (int i = keys.size() - 1; i >= 0; i--) {
      reversed.put(keys.get(i), commons.get(keys.get(i)));
    }
    for (AllocationPolicy policy : AllocationPolicy.values()) {
      assertThat(CentralisedSolver.solve(reversed, policy, 20).received())
          .isEqualTo(CentralisedSolver.solve(commons, policy, 20).received());
    }
  }

  private static Map<String, Commitment> stripReports(Map<String, Commitment> commons) {
    Map<String, Commitment> m = new LinkedHashMap<>();
    commons.forEach((k, c) -> m.put(k, c.withReport(Map.of(), Map.of())));
    return m;
  }

  private static Map<String, AllocationState> states(Map<String, AllocationResult> results) {
    Map<String, AllocationState> m = new TreeMap<>();
    results.forEach((k, r) -> m.put(k, r.toState(false, List.of(), Stamp.seed(), T)));
    return m;
  }

  private static AllocationResult allocate(String provider, Map<String, Commitment> commons, AllocationPolicy policy) {
    Map<String, Map<String, Double>> weights = new TreeMap<>();
    commons.forEach((k, c) -> weights.put(k, c.recognitionWeights()));
    Map<String, Commitment> others = new LinkedHashMap<>(commons);
    Commitment p = others.remove(provider);
    return Allocation.compute(
        AllocationInput.of(provider, p, MutualRecognition.compute(provider, p.recognitionWeights(), weights),
            p.recognitionWeights(), others),
        policy);
  }
}
