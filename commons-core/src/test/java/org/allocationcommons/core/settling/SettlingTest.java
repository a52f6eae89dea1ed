package org.allocationcommons.core.settling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.allocationcommons.core.damping.Damping;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.DampingEntry;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.ProviderShare;
import org.junit.jupiter.api.Test;

/** {@link Settling#damp}: the original's damping without a report, suspended under one. */
class SettlingTest {

  private static final long T = 1_700_000_000_000L;

  /** A recipient needing 10 whose last two over-allocations were 0 and 5. */
  private static Commitment recipient(double factor) {
    return Commitment.builder("r")
        .timestamp(T)
        .needSlot(NeedSlot.of("n", "meals", 10))
        .dampingFactor(factor)
        .dampingHistory(List.of(DampingEntry.of(0, T - 2_000), DampingEntry.of(5, T - 1_000)))
        .build();
  }

  @Test
  void withoutAReportItDampsAsTheOriginal() {
    Commitment c = recipient(1.0);
    // received 10 after 15: over-allocation 0, 5, 0 oscillates
    Commitment d = Settling.damp(c, new Settling.Report(Map.of("p", 10.0), Map.of()), T);
    assertThat(d).isEqualTo(Damping.apply(c, 10, T));
    assertThat(d.dampingFactor()).isEqualTo(Damping.OSCILLATING);
  }

  @Test
  void underAReportDampingIsSuspendedAtOneAndTheHistoryKept() {
    Commitment c = recipient(0.5);
    Settling.Report report =
        new Settling.Report(
            Map.of("p", 10.0, "q", 5.0), Map.of("n", Map.of("p", ProviderShare.of(8, 10), "q", ProviderShare.of(8, 5))));
    Commitment d = Settling.damp(c, report, T);
    assertThat(d.dampingFactor()).isEqualTo(Damping.SMOOTH);
    assertThat(d.dampingHistory()).isEqualTo(c.dampingHistory());
    Commitment smooth = recipient(1.0);
    assertThat(Settling.damp(smooth, report, T)).isSameAs(smooth);
  }
}
