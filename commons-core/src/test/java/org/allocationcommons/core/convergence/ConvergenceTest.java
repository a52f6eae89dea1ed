package org.allocationcommons.core.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.allocationcommons.core.model.ConvergenceEntry;
import org.allocationcommons.core.model.SlotDenominators;
import org.junit.jupiter.api.Test;

/** SPEC 4.5 edge cases. */
class ConvergenceTest {

  private static Map<String, SlotDenominators> dens(Object... idMutualNonMutual) {
    Map<String, SlotDenominators> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < idMutualNonMutual.length; i += 3) {
      m.put(
          (String) idMutualNonMutual[i],
          SlotDenominators.of((Double) idMutualNonMutual[i + 1], (Double) idMutualNonMutual[i + 2]));
    }
    return m;
  }

  @Test
  void noPreviousStateIsNotConverged() {
    Convergence.Check c = Convergence.check(Optional.empty(), dens("a", 1.0, 0.0));
    assertThat(c.converged()).isFalse();
    assertThat(c.maxDelta()).isEmpty();
    assertThat(Convergence.record(List.of(), c, 5, 10)).isEmpty();
  }

  @Test
  void exactlyTheEpsilonCountsAsConverged() {
    Convergence.Check c = Convergence.check(Optional.of(dens("a", 0.0, 0.0)), dens("a", 0.001, 0.0));
    assertThat(c.converged()).isTrue();
    assertThat(c.maxDelta()).contains(0.001);
    Convergence.Check more = Convergence.check(Optional.of(dens("a", 0.0, 0.0)), dens("a", 0.0, 0.0011));
    assertThat(more.converged()).isFalse();
    assertThat(more.maxDelta()).contains(0.0011);
  }

  @Test
  void slotsOnlyInOneStateAreIgnored() {
    // "b" vanished and "c" is new: only "a" is compared
    Convergence.Check c =
        Convergence.check(Optional.of(dens("a", 1.0, 2.0, "b", 5.0, 5.0)), dens("a", 1.0005, 2.0, "c", 9.0, 9.0));
    assertThat(c.converged()).isTrue();
    assertThat(c.maxDelta().orElseThrow()).isCloseTo(0.0005, org.assertj.core.api.Assertions.within(1e-12));
    // nothing in common: vacuously converged, delta 0
    Convergence.Check none = Convergence.check(Optional.of(dens("b", 5.0, 5.0)), dens("c", 9.0, 9.0));
    assertThat(none.converged()).isTrue();
    assertThat(none.maxDelta()).contains(0.0);
  }

  @Test
  void historyRecordsTheLargestDeltaAndIsBounded() {
    List<ConvergenceEntry> h = List.of(ConvergenceEntry.of(0.5, 1), ConvergenceEntry.of(0.2, 2));
    Convergence.Check c = Convergence.check(Optional.of(dens("a", 1.0, 1.0)), dens("a", 1.1, 0.7));
    List<ConvergenceEntry> next = Convergence.record(h, c, 3, 2);
    assertThat(next).hasSize(2);
    assertThat(next.get(1).timestamp()).isEqualTo(3);
    assertThat(next.get(1).denominatorDelta()).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(next.get(0)).isEqualTo(ConvergenceEntry.of(0.2, 2));
    assertThatThrownBy(() -> Convergence.record(h, c, 3, 0)).hasMessageContaining("limit = 0");
  }

  @Test
  void networkNeedsEightyPercentOfActiveParticipants() {
    Set<String> five = Set.of("a", "b", "c", "d", "e");
    Map<String, Boolean> four = Map.of("a", true, "b", true, "c", true, "d", true, "e", false);
    assertThat(Convergence.networkConverged(five, four)).isTrue(); // 4/5 = 80%
    Map<String, Boolean> three = Map.of("a", true, "b", true, "c", true, "x", true, "y", true);
    assertThat(Convergence.networkConverged(five, three)).isFalse(); // x, y are not active
    assertThat(Convergence.networkConverged(Set.of(), Map.of())).isFalse();
  }

  @Test
  void totalsConvergeWhenNoRecipientsTotalMovedBeyondEpsilon() {
    assertThat(Convergence.checkTotals(Optional.empty(), Map.of("r", 1.0)).converged()).isFalse();
    Convergence.Check still = Convergence.checkTotals(Optional.of(Map.of("r", 1.0)), Map.of("r", 1.0005));
    assertThat(still.converged()).isTrue();
    Convergence.Check moved = Convergence.checkTotals(Optional.of(Map.of("r", 1.0)), Map.of("r", 1.0, "s", 0.5));
    assertThat(moved.converged()).isFalse();
    assertThat(moved.maxDelta()).contains(0.5);
  }

  @Test
  void bothNeedsBothChecks() {
    Convergence.Check yes = new Convergence.Check(true, Optional.of(0.0001));
    Convergence.Check no = new Convergence.Check(false, Optional.of(0.2));
    assertThat(Convergence.both(yes, yes).converged()).isTrue();
    assertThat(Convergence.both(yes, no).converged()).isFalse();
    assertThat(Convergence.both(yes, no).maxDelta()).contains(0.2);
    assertThat(Convergence.both(yes, new Convergence.Check(false, Optional.empty())).maxDelta()).isEmpty();
  }
}
