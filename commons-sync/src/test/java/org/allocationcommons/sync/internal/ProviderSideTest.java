package org.allocationcommons.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allocationcommons.core.allocation.Allocation;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.subgroups.Subgroups;
import org.allocationcommons.itc.Stamp;
import org.junit.jupiter.api.Test;

/** The provider side alone: allocation capped by need and by the residual-need report, local convergence, changes. */
class ProviderSideTest {

  private static final long T = 1_700_000_000_000L;

  private static Commitment provider(String key, double quantity) {
    return Commitment.builder(key).timestamp(T).capacitySlot(AvailabilitySlot.of("c", "bread", quantity)).recognize("r", 1.0).build();
  }

  private static Commitment recipient() {
    return Commitment.builder("r").timestamp(T).needSlot(NeedSlot.of("n", "bread", 6)).recognize("p", 1.0).recognize("q", 1.0).build();
  }

  private static AllocationState stateOf(String key, Commitment r) {
    Commitment p = provider(key, 10);
    return Allocation.compute(AllocationInput.of(key, p, Map.of("r", 1.0), p.recognitionWeights(), Map.of("r", r)), AllocationPolicy.FAITHFUL)
        .toState(false, List.of(), Stamp.seed(), T);
  }

  @Test
  void itGivesAMutualPartnerItsNeedAndNoMore() {
    ProviderSide p = new ProviderSide("p", AllocationPolicy.FAITHFUL, Optional.empty());
    ProviderSide.Computed c = p.compute(Optional.of(provider("p", 10)), Map.of("r", recipient()), Map.of(), Optional.empty(), T);
    assertThat(c.result().recipientTotals().get("r")).isCloseTo(6.0, within(1e-9));
    assertThat(p.mutualRecognition()).containsEntry("r", 1.0);
    assertThat(p.positiveMutualRecognition()).containsOnlyKeys("r");
    assertThat(c.subgroups().allMutualPartners()).contains("r");
    assertThat(p.computations()).isEqualTo(1);
  }

  /**
   * The index is kept while no need slot changes (a report, a damping factor, recognition) and
   * rebuilt when one does; either way the allocation is exactly the one computed from scratch.
   */
  @Test
  void theIndexIsReusedWhileNeedSlotsStayAsTheyWereAndTheAllocationIsTheSame() {
    Commitment r = recipient();
    Commitment other = Commitment.builder("s").timestamp(T).needSlot(NeedSlot.of("m", "bread", 3)).recognize("p", 1.0).build();
    Commitment reported =
        new RecipientSide("r").update(Optional.of(r), Map.of("p", stateOf("p", r), "q", stateOf("q", r)), T).commitment().orElseThrow();
    Commitment damped = r.toBuilder().dampingFactor(0.5).build();
    Commitment moreNeed = r.toBuilder().needSlots(List.of(NeedSlot.of("n", "bread", 9))).build();
    Commitment mine = provider("p", 10).toBuilder().recognize("s", 0.5).build();
    ProviderSide p = new ProviderSide("p", AllocationPolicy.FAITHFUL, Optional.empty());
    long t = T;
    long[] builds = {1, 1, 1, 2, 2, 3};
    // replayed: after the report (it acts in the capped run only) and after p's own entry appeared
    long[] reused = {0, 1, 1, 1, 2, 2};
    List<Map<String, Commitment>> networks =
        List.of(
            Map.of("r", r, "s", other),
            Map.of("r", reported, "s", other),
            Map.of("r", damped, "s", other),
            Map.of("r", moreNeed, "s", other),
            Map.of("r", moreNeed, "s", other, "p", mine),
            Map.of("r", moreNeed));
    for (int i = 0; i < networks.size(); i++) {
      Map<String, Commitment> net = networks.get(i);
      ProviderSide.Computed c = p.compute(Optional.of(mine), net, Map.of(), Optional.empty(), ++t);
      Map<String, Commitment> others = new java.util.HashMap<>(net);
      others.remove("p");
      assertThat(c.result())
          .as("computation %d", i)
          .isEqualTo(
              Allocation.compute(
                  AllocationInput.of(
                      "p", mine, c.subgroups().mutualRecognition(), mine.recognitionWeights(), Subgroups.active(others, t)),
                  AllocationPolicy.FAITHFUL));
      assertThat(p.indexBuilds()).as("index builds after computation %d", i).isEqualTo(builds[i]);
      assertThat(p.reusedSlots()).as("capacity slots replayed after computation %d", i).isEqualTo(reused[i]);
    }
  }

  @Test
  void aResidualNeedReportCapsWhatItGives() {
    // r is served by p and q, each able to give its whole need; r reports receiving from both
    Commitment r = recipient();
    Commitment reported =
        new RecipientSide("r").update(Optional.of(r), Map.of("p", stateOf("p", r), "q", stateOf("q", r)), T).commitment().orElseThrow();
    ProviderSide p = new ProviderSide("p", AllocationPolicy.FAITHFUL, Optional.empty());
    double before = p.compute(Optional.of(provider("p", 10)), Map.of("r", r), Map.of(), Optional.empty(), T).result().recipientTotals().get("r");
    double after = p.compute(Optional.of(provider("p", 10)), Map.of("r", reported), Map.of(), Optional.empty(), T + 1).result().recipientTotals().get("r");
    assertThat(before).isCloseTo(6.0, within(1e-9));
    assertThat(after).isLessThan(before - 1e-6); // what q gives is no longer p's to give
  }

  @Test
  void theSameInputsTwiceConvergeAndChangeNothingAgainstThePublishedState() {
    ProviderSide p = new ProviderSide("p", AllocationPolicy.FAITHFUL, Optional.empty());
    Optional<Commitment> mine = Optional.of(provider("p", 10));
    ProviderSide.Computed first = p.compute(mine, Map.of("r", recipient()), Map.of(), Optional.empty(), T);
    assertThat(first.changed()).isTrue(); // nothing published yet
    AllocationState published = p.state(first, Stamp.seed(), T);
    ProviderSide.Computed second = p.compute(mine, Map.of("r", recipient()), Map.of(), Optional.of(published), T + 1);
    assertThat(second.converged()).isTrue();
    assertThat(p.converged()).isTrue();
    assertThat(second.changed()).isTrue(); // the converged flag flipped against the published state
    AllocationState again = p.state(second, Stamp.seed(), T + 1);
    assertThat(p.compute(mine, Map.of("r", recipient()), Map.of(), Optional.of(again), T + 2).changed()).isFalse();
  }

  @Test
  void aRestartedProviderComparesWithItsLastStateSoItsFirstComputationCanConverge() {
    ProviderSide before = new ProviderSide("p", AllocationPolicy.FAITHFUL, Optional.empty());
    Optional<Commitment> mine = Optional.of(provider("p", 10));
    AllocationState last = before.state(before.compute(mine, Map.of("r", recipient()), Map.of(), Optional.empty(), T), Stamp.seed(), T);
    ProviderSide restarted = new ProviderSide("p", AllocationPolicy.FAITHFUL, Optional.of(last));
    assertThat(restarted.compute(mine, Map.of("r", recipient()), Map.of(), Optional.of(last), T + 1).converged()).isTrue();
    assertThat(new ProviderSide("p", AllocationPolicy.FAITHFUL, Optional.empty())
        .compute(mine, Map.of("r", recipient()), Map.of(), Optional.empty(), T + 1).converged()).isFalse();
  }
}
