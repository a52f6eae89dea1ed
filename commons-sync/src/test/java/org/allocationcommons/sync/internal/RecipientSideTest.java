package org.allocationcommons.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.allocationcommons.itc.Stamp;
import org.junit.jupiter.api.Test;

/** The recipient side alone: what it receives, when it reports, that damping stays suspended under a report. */
class RecipientSideTest {

  private static final long T = 1_700_000_000_000L;

  private static Commitment recipient() {
    return Commitment.builder("r").timestamp(T).needSlot(NeedSlot.of("n", "bread", 6)).recognize("p", 1.0).recognize("q", 1.0).build();
  }

  /** Provider {@code key}'s state giving from {@code quantity} to {@code r} as SPEC 4.3 says. */
  private static AllocationState stateOf(String key, double quantity, Commitment r) {
    Commitment p = Commitment.builder(key).timestamp(T).capacitySlot(AvailabilitySlot.of("c", "bread", quantity)).recognize("r", 1.0).build();
    return Allocation.compute(AllocationInput.of(key, p, Map.of("r", 1.0), p.recognitionWeights(), Map.of("r", r)), AllocationPolicy.FAITHFUL)
        .toState(false, List.of(), Stamp.seed(), T);
  }

  @Test
  void oneProviderGivesTheNeedAndARepeatChangesNothing() {
    RecipientSide side = new RecipientSide("r");
    Commitment r = recipient();
    RecipientSide.Update first = side.update(Optional.of(r), Map.of("p", stateOf("p", 10, r)), T);
    assertThat(first.received().total()).isEqualTo(6.0);
    assertThat(first.received().byProvider()).containsExactly(Map.entry("p", 6.0));
    assertThat(first.totalChanged()).isTrue();
    assertThat(first.republish()).isTrue(); // the first report
    assertThat(side.reports()).isEqualTo(1);
    RecipientSide.Update again = side.update(first.commitment(), Map.of("p", stateOf("p", 10, r)), T + 1_000);
    assertThat(again.totalChanged()).isFalse();
    assertThat(again.republish()).isFalse();
    assertThat(side.reports()).isEqualTo(1);
  }

  @Test
  void twoProvidersOverAllocatingAreReportedAndDampingStaysAtOne() {
    RecipientSide side = new RecipientSide("r");
    Commitment r = recipient();
    RecipientSide.Update u = side.update(Optional.of(r), Map.of("p", stateOf("p", 10, r), "q", stateOf("q", 10, r)), T);
    assertThat(u.received().total()).isEqualTo(12.0); // both serve the whole need before any report
    Commitment next = u.commitment().orElseThrow();
    assertThat(next.needSlotReports().get("n")).containsOnlyKeys("p", "q");
    assertThat(next.dampingFactor().doubleValue()).isEqualTo(1.0); // suspended under the report
    assertThat(u.republish()).isTrue();
  }

  @Test
  void withoutACommitmentItOnlyCountsWhatArrives() {
    RecipientSide side = new RecipientSide("r");
    RecipientSide.Update u = side.update(Optional.empty(), Map.of("p", stateOf("p", 10, recipient())), T);
    assertThat(u.commitment()).isEmpty();
    assertThat(u.republish()).isFalse();
    assertThat(u.received().total()).isEqualTo(6.0);
  }

  @Test
  void resetMakesTheNextUpdateCountAsAChange() {
    RecipientSide side = new RecipientSide("r");
    Commitment r = recipient();
    RecipientSide.Update first = side.update(Optional.of(r), Map.of("p", stateOf("p", 10, r)), T);
    side.reset();
    assertThat(side.update(first.commitment(), Map.of("p", stateOf("p", 10, r)), T + 1).totalChanged()).isTrue();
  }
}
