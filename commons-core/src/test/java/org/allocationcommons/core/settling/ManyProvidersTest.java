package org.allocationcommons.core.settling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.allocationcommons.core.damping.Damping;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.DampingEntry;
import org.allocationcommons.core.model.Limits;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.ProviderShare;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.model.Tier;
import org.allocationcommons.itc.Stamp;
import org.junit.jupiter.api.Test;

/**
 * SPEC 7 "Arithmetic", recipient side: accepted states give at most {@link Limits#MAX_GIVEN} each,
 * so a recipient's total over any number of providers is finite and damping and the report never
 * throw (two claims of 1e308 made the total infinite; validation now refuses them, see
 * LimitsTest).
 */
class ManyProvidersTest {

  private static final long T = 1_700_000_000_000L;

  private static AllocationState giving(double q) {
    return new AllocationState(
        Map.of(),
        List.of(new SlotAllocation("a", "r", "n", q, true, true, Tier.MUTUAL)),
        Map.of("r", q),
        false,
        List.of(),
        Stamp.seed(),
        T);
  }

  @Test
  void aThousandProvidersAtTheLimitDampWithoutThrowing() {
    Commitment r =
        Commitment.builder("r").timestamp(T).needSlot(NeedSlot.of("n", "", Limits.MAX_QUANTITY_SUM)).build();
    Map<String, AllocationState> states = new TreeMap<>();
    for (int i = 0; i < 1000; i++) {
      states.put(String.format("p%04d", i), giving(Limits.MAX_GIVEN));
    }
    Settling.Report report = Settling.report("r", r, states);
    assertThat(report.total()).isFinite().isCloseTo(1000 * Limits.MAX_GIVEN, org.assertj.core.api.Assertions.within(1e6));
    Commitment damped = Settling.damp(r, Settling.Report.NONE, T);
    assertThat(damped.dampingFactor()).isEqualTo(Damping.SMOOTH);
    Commitment noSlots = Settling.damp(r, new Settling.Report(report.receivedByProvider(), Map.of()), T);
    DampingEntry last = noSlots.dampingHistory().get(noSlots.dampingHistory().size() - 1);
    assertThat(last.overAllocation()).isFinite().isGreaterThan(0);
    Commitment capped = Settling.damp(r, report, T);
    assertThat(capped.dampingFactor()).isEqualTo(Damping.SMOOTH);
  }

  @Test
  void capsFromReportsOfExtremeMagnitudeAreFiniteAndWithinTheNeed() {
    NeedSlot n = NeedSlot.of("n", "", Limits.MAX_QUANTITY_SUM);
    Map<String, ProviderShare> shares = new TreeMap<>();
    shares.put("p1", ProviderShare.of(0, 0));
    shares.put("p2", ProviderShare.of(1e-320, 1e-320));
    Commitment r =
        Commitment.builder("r").timestamp(T).needSlot(n).report(Map.of(), Map.of("n", shares)).build();
    for (String p : List.of("p1", "p2")) {
      double cap = Settling.cap(r, p, n);
      assertThat(cap).as(p).isNotNaN().isFinite().isBetween(0.0, n.quantity());
    }
  }
}
