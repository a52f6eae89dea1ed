package org.allocationcommons.core.damping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.DampingEntry;
import org.allocationcommons.core.model.NeedSlot;
import org.junit.jupiter.api.Test;

/** SPEC 4.4: history window, factor patterns, one step on a commitment. */
class DampingTest {

  private static final long NOW = 1_700_000_100_000L;

  private static List<DampingEntry> values(double... overAllocations) {
    DampingEntry[] e = new DampingEntry[overAllocations.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = DampingEntry.of(overAllocations[i], NOW - (e.length - i) * 1000L);
    }
    return List.of(e);
  }

  @Test
  void factorPatterns() {
    assertThat(Damping.factor(values())).isEqualTo(1.0);
    assertThat(Damping.factor(values(5, 1))).isEqualTo(1.0); // fewer than 3
    assertThat(Damping.factor(values(1, 5, 2))).isEqualTo(0.5); // a < b > c: up-down
    assertThat(Damping.factor(values(5, 1, 4))).isEqualTo(0.5); // a > b < c: down-up
    assertThat(Damping.factor(values(5, 3, 1))).isEqualTo(1.0); // falling
    assertThat(Damping.factor(values(2, 2, 2))).isEqualTo(1.0); // flat counts as smooth
    assertThat(Damping.factor(values(3, 3, 1))).isEqualTo(1.0); // a = b > c
    assertThat(Damping.factor(values(1, 2, 3))).isEqualTo(0.8); // rising
    assertThat(Damping.factor(values(1, 2, 2))).isEqualTo(0.8); // a < b = c
    assertThat(Damping.factor(values(2, 2, 3))).isEqualTo(0.8); // a = b < c
    assertThat(Damping.factor(values(9, 9, 1, 5, 2))).isEqualTo(0.5); // only the last three count
  }

  @Test
  void historyKeepsTheLast30SecondsIfThereAreAtLeastThree() {
    List<DampingEntry> old =
        List.of(DampingEntry.of(1, NOW - 50_000), DampingEntry.of(2, NOW - 40_000), DampingEntry.of(3, NOW - 31_000));
    // all old, plus the new one: only 1 recent -> keep the last 3 entries
    List<DampingEntry> h = Damping.record(old, DampingEntry.of(4, NOW), NOW);
    assertThat(h).extracting(DampingEntry::overAllocation).containsExactly(2.0, 3.0, 4.0);
    // 4 entries within the window: keep them all, drop the older
    List<DampingEntry> recent =
        List.of(
            DampingEntry.of(1, NOW - 45_000),
            DampingEntry.of(2, NOW - 29_000),
            DampingEntry.of(3, NOW - 20_000),
            DampingEntry.of(4, NOW - 10_000));
    assertThat(Damping.record(recent, DampingEntry.of(5, NOW), NOW))
        .extracting(DampingEntry::overAllocation)
        .containsExactly(2.0, 3.0, 4.0, 5.0);
    // exactly 30 s old is outside the window (timestamp > now - 30000)
    List<DampingEntry> edge =
        List.of(DampingEntry.of(1, NOW - 30_000), DampingEntry.of(2, NOW - 20_000), DampingEntry.of(3, NOW - 10_000), DampingEntry.of(4, NOW - 5_000));
    assertThat(Damping.trim(edge, NOW)).extracting(DampingEntry::overAllocation).containsExactly(2.0, 3.0, 4.0);
  }

  @Test
  void overAllocationAndUpdate() {
    assertThat(Damping.overAllocation(12, 10)).isEqualTo(2.0);
    assertThat(Damping.overAllocation(8, 10)).isZero();
    assertThatThrownBy(() -> Damping.overAllocation(Double.NaN, 1))
        .hasMessage("totalReceived = NaN: must be a finite number");
    Damping.Update u = Damping.update(values(1, 5), 12, 10, NOW); // over = 2: 1 < 5 > 2
    assertThat(u.factor()).isEqualTo(0.5);
    assertThat(u.history()).extracting(DampingEntry::overAllocation).containsExactly(1.0, 5.0, 2.0);
  }

  @Test
  void applyToACommitment() {
    Commitment c =
        Commitment.builder("r")
            .timestamp(NOW - 5000)
            .needSlot(NeedSlot.of("n1", "", 4), NeedSlot.of("n2", "", 6))
            .dampingHistory(values(0, 3))
            .build();
    // stated need 10, received 11 -> over 1; history 0, 3, 1: 0 < 3 > 1 -> oscillating
    Commitment d = Damping.apply(c, 11, NOW);
    assertThat(d.dampingFactor()).isEqualTo(0.5);
    assertThat(d.dampingHistory()).last().isEqualTo(DampingEntry.of(1, NOW));
    assertThat(d.timestamp()).isEqualTo(c.timestamp());
    assertThat(d.needSlots()).isEqualTo(c.needSlots());
  }
}
