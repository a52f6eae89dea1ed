package org.allocationcommons.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.SlotAllocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SPEC 7 "Arithmetic" at the allocation boundary (issue 10, finding 3): input beyond the limits is
 * refused with the field, the value and the rule, and accepted input of extreme magnitude never
 * gives a slot more than its quantity nor anything infinite.
 */
class ArithmeticLimitsTest {

  private static final long T = 1_700_000_000_000L;

  private static Commitment provider(double q) {
    return Commitment.builder("P").timestamp(T).capacitySlot(AvailabilitySlot.of("a", "", q)).build();
  }

  private static Commitment recipient(String id, double damping, double... needs) {
    Commitment.Builder b = Commitment.builder(id).timestamp(T).dampingFactor(damping);
    for (int i = 0; i < needs.length; i++) {
      b.needSlot(NeedSlot.of(id + "-n" + i, "", needs[i]));
    }
    return b.build();
  }

  private static AllocationResult compute(
      AllocationPolicy policy, Commitment provider, Commitment... recipients) {
    Map<String, Double> mr = new LinkedHashMap<>();
    Map<String, Commitment> network = new LinkedHashMap<>();
    for (Commitment r : recipients) {
      mr.put(r.pubKey(), 1.0);
      network.put(r.pubKey(), r);
    }
    network.put("P", provider);
    return Allocation.compute(AllocationInput.of("P", provider, mr, Map.of(), network), policy);
  }

  @ParameterizedTest
  @EnumSource(AllocationPolicy.class)
  void aNeedBeyondTheLimitIsRefusedNotAllocated(AllocationPolicy policy) {
    assertThatThrownBy(() -> compute(policy, provider(10), recipient("r", 1.0, 1e308)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("networkCommitments[r].need_slots")
        .hasMessageContaining("1.0E308")
        .hasMessageContaining("1e12");
  }

  @ParameterizedTest
  @EnumSource(AllocationPolicy.class)
  void needsSummingToInfinityAreRefusedWithTheReason(AllocationPolicy policy) {
    assertThatThrownBy(() -> compute(policy, provider(10), recipient("r", 1.0, 1e308, 1e308)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("networkCommitments[r].need_slots")
        .hasMessageContaining("sum to Infinity");
  }

  @ParameterizedTest
  @EnumSource(AllocationPolicy.class)
  void capacitiesBeyondTheLimitAreRefused(AllocationPolicy policy) {
    Commitment p =
        Commitment.builder("P")
            .timestamp(T)
            .capacitySlot(AvailabilitySlot.of("a", "", 9e11), AvailabilitySlot.of("b", "", 9e11))
            .build();
    assertThatThrownBy(() -> compute(policy, p, recipient("r", 1.0, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("providerCommitment.capacity_slots")
        .hasMessageContaining("1.8E12");
  }

  /** A tiny damping factor made the water level overflow: a 10-unit slot gave 1e12. */
  @ParameterizedTest
  @EnumSource(AllocationPolicy.class)
  void aTinyNumeratorDoesNotOverflowTheWaterLevel(AllocationPolicy policy) {
    AllocationResult r = compute(policy, provider(10), recipient("r", 1e-320, 1e12));
    assertWithinSlot(r, 10);
  }

  @ParameterizedTest
  @EnumSource(AllocationPolicy.class)
  void needsAtTheLimitShareASmallSlot(AllocationPolicy policy) {
    AllocationResult r =
        compute(
            policy,
            provider(10),
            recipient("r1", 1.0, 1e12),
            recipient("r2", 1.0, 5e11, 5e11),
            recipient("r3", 1.0, 1e-300));
    assertWithinSlot(r, 10);
    assertThat(r.allocated()).isCloseTo(10, org.assertj.core.api.Assertions.within(1e-9));
  }

  private static void assertWithinSlot(AllocationResult r, double q) {
    double sum = 0;
    for (SlotAllocation a : r.slotAllocations()) {
      assertThat(a.quantity()).isFinite().isGreaterThanOrEqualTo(0);
      sum += a.quantity();
    }
    assertThat(sum).isLessThanOrEqualTo(q * (1 + 1e-12));
    r.slotDenominators().values().forEach(d -> {
      assertThat(d.mutual()).isFinite();
      assertThat(d.nonMutual()).isFinite();
    });
  }
}
