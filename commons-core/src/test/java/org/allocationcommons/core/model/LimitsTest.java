package org.allocationcommons.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.allocationcommons.itc.Stamp;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC 7 "Arithmetic": quantities beyond {@link Limits}, and commitments whose needs or capacities
 * sum beyond 1e12, are rejected by validation with the field, the value and the rule; so are
 * provider states and reports that claim more than one provider can give (two claims of 1e308 made
 * a recipient's total infinite).
 */
class LimitsTest {

  private static final ValidatorFactory FACTORY =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory();
  private static final Validator VALIDATOR = FACTORY.getValidator();
  private static final long T = 1_700_000_000_000L;

  @AfterAll
  static void close() {
    FACTORY.close();
  }

  private static Set<String> violations(Object o) {
    Set<? extends ConstraintViolation<?>> v = VALIDATOR.validate(o);
    return v.stream()
        .map(c -> c.getPropertyPath().toString().replace(".<map value>", "").replace(".<list element>", "")
            + ": " + c.getMessage())
        .collect(Collectors.toSet());
  }

  private static Commitment.Builder valid() {
    return Commitment.builder("alice").timestamp(T).itcStamp(Stamp.seed());
  }

  @Test
  void aSingleQuantityBeyondTheLimitIsRejected() {
    assertThat(violations(NeedSlot.of("n", "", 1e308)))
        .contains("quantity: must be less than or equal to 1e12");
    assertThat(violations(AvailabilitySlot.of("a", "", 1e13)))
        .contains("quantity: must be less than or equal to 1e12");
    assertThat(violations(NeedSlot.of("n", "", Limits.MAX_QUANTITY))).isEmpty();
  }

  @Test
  void needsThatSumBeyondTheLimitAreRejectedWithTheSum() {
    Commitment c =
        valid().needSlot(NeedSlot.of("n1", "", 6e11), NeedSlot.of("n2", "", 6e11)).build();
    assertThat(violations(c))
        .containsExactly(
            "needSlots: quantities sum to 1.2E12, must sum to at most 1e12 (SPEC 7, arithmetic limits)");
  }

  @Test
  void capacitiesThatSumBeyondTheLimitAreRejected() {
    Commitment c =
        valid()
            .capacitySlot(AvailabilitySlot.of("a1", "", 1e12), AvailabilitySlot.of("a2", "", 1))
            .build();
    assertThat(violations(c))
        .singleElement()
        .asString()
        .startsWith("capacitySlots: quantities sum to 1.000000000001E12");
  }

  @Test
  void sumsAtTheLimitAreAccepted() {
    Commitment c =
        valid()
            .needSlot(NeedSlot.of("n1", "", 5e11), NeedSlot.of("n2", "", 5e11))
            .capacitySlot(AvailabilitySlot.of("a1", "", 1e12), AvailabilitySlot.of("a2", "", 1e-300))
            .build();
    assertThat(violations(c)).isEmpty();
  }

  @Test
  void anInfiniteSumOfFiniteQuantitiesIsRejected() {
    Commitment c =
        valid().needSlot(NeedSlot.of("n1", "", 1e308), NeedSlot.of("n2", "", 1e308)).build();
    assertThat(violations(c))
        .contains("needSlots: quantities sum to Infinity, must sum to at most 1e12 (SPEC 7, arithmetic limits)");
  }

  @Test
  void reportsAndStatesCannotClaimMoreThanOneProviderCanGive() {
    Commitment reported =
        valid()
            .report(Map.of("p1", 1e308, "p2", 1e308), Map.of("n", Map.of("p1", ProviderShare.of(1e308, 0))))
            .build();
    assertThat(violations(reported))
        .anyMatch(s -> s.startsWith("receivedByProvider[p1]") && s.contains("less than or equal to " + Limits.MAX_GIVEN_TEXT))
        .anyMatch(s -> s.startsWith("needSlotReports[n][p1].offered") && s.contains("less than or equal to"));
    AllocationState state =
        new AllocationState(
            Map.of(),
            List.of(new SlotAllocation("a", "bob", "n", 1e308, true, true, Tier.MUTUAL)),
            Map.of("bob", 1e308),
            false,
            List.of(),
            Stamp.seed(),
            T,
            Map.of("bob", Map.of("n", 1e308)));
    assertThat(violations(state))
        .anyMatch(s -> s.startsWith("slotAllocations[0].quantity") && s.contains("less than or equal to"))
        .anyMatch(s -> s.startsWith("recipientTotals[bob]") && s.contains("less than or equal to"))
        .anyMatch(s -> s.startsWith("recipientOffers[bob][n]") && s.contains("less than or equal to"));
  }
}
