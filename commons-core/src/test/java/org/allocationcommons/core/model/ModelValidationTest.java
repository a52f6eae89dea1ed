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

/** The Jakarta constraints reject bad values naming the field (path) and the value. */
class ModelValidationTest {

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

  /** "path = value: message" for each violation. */
  private static Set<String> violations(Object o) {
    Set<? extends ConstraintViolation<?>> v = VALIDATOR.validate(o);
    return v.stream()
        .map(c -> c.getPropertyPath() + " = " + c.getInvalidValue() + ": " + c.getMessage())
        .collect(Collectors.toSet());
  }

  private static Commitment.Builder valid() {
    return Commitment.builder("alice").timestamp(T).itcStamp(Stamp.seed());
  }

  @Test
  void aValidCommitmentHasNoViolations() {
    Commitment c =
        valid()
            .capacitySlot(AvailabilitySlot.builder("a").quantity(3).coordinates(-90, 180).build())
            .needSlot(NeedSlot.of("n", "", 0))
            .recognize("bob", 1.0)
            .recognize("carol", 0.0)
            .dampingFactor(0)
            .dampingHistory(List.of(DampingEntry.of(0, 1)))
            .build();
    assertThat(violations(c)).isEmpty();
  }

  @Test
  void badQuantities() {
    assertThat(violations(NeedSlot.of("n", "", Double.NaN)))
        .contains("quantity = NaN: must be a finite number (not NaN or infinite)");
    assertThat(violations(NeedSlot.of("n", "", -1)))
        .containsExactly("quantity = -1.0: must be greater than or equal to 0");
    assertThat(violations(AvailabilitySlot.of("a", "", Double.POSITIVE_INFINITY)))
        .contains("quantity = Infinity: must be a finite number (not NaN or infinite)");
  }

  @Test
  void blankIdAndOutOfRangeCoordinates() {
    NeedSlot n = NeedSlot.builder(" ").quantity(1).latitude(91.0).longitude(-180.5).build();
    assertThat(violations(n))
        .anyMatch(s -> s.startsWith("id =  : must not be blank"))
        .anyMatch(s -> s.startsWith("latitude") && s.contains("= 91.0") && s.contains("less than or equal to 90"))
        .anyMatch(s -> s.startsWith("longitude") && s.contains("= -180.5") && s.contains("greater than or equal to -180"))
        .hasSize(3);
    assertThat(violations(NeedSlot.builder("n").latitude(Double.NaN).build()))
        .anyMatch(s -> s.startsWith("latitude") && s.contains("NaN") && s.contains("finite"));
  }

  @Test
  void badWeightsDampingAndTimestampNameThePath() {
    Commitment c =
        valid()
            .timestamp(0)
            .recognize("bob", 1.5)
            .recognize("carol", Double.NaN)
            .dampingFactor(1.2)
            .capacitySlot(AvailabilitySlot.of("a", "", -2))
            .dampingHistory(List.of(DampingEntry.of(-1, T)))
            .build();
    Set<String> v = violations(c);
    assertThat(v)
        .anyMatch(s -> s.startsWith("timestamp = 0: must be greater than 0"))
        .anyMatch(s -> s.startsWith("recognitionWeights[bob]") && s.contains("= 1.5") && s.contains("less than or equal to 1"))
        .anyMatch(s -> s.startsWith("recognitionWeights[carol]") && s.contains("= NaN") && s.contains("finite"))
        .anyMatch(s -> s.startsWith("dampingFactor = 1.2") && s.contains("less than or equal to 1"))
        .anyMatch(s -> s.startsWith("capacitySlots[0].quantity = -2.0"))
        .anyMatch(s -> s.startsWith("dampingHistory[0].overAllocation = -1.0"));
  }

  @Test
  void nestedFilterRulesAreValidated() {
    NeedSlot n =
        NeedSlot.builder("n")
            .quantity(1)
            .filterRule(FilterRule.Trust.minimum(2))
            .build();
    assertThat(violations(n))
        .singleElement()
        .satisfies(s -> assertThat(s).startsWith("filterRule.minMutualRecognition").contains("= 2.0"));
    assertThat(violations(NeedSlot.builder("n").filterRule(FilterRule.Location.within(-5)).build()))
        .singleElement()
        .satisfies(s -> assertThat(s).startsWith("filterRule.maxDistanceKm").contains("= -5.0"));
  }

  @Test
  void allocationStateConstraints() {
    AllocationState s =
        new AllocationState(
            Map.of("a1", SlotDenominators.of(Double.NaN, 0)),
            List.of(new SlotAllocation("a1", "", "n1", -0.5, true, true, Tier.MUTUAL)),
            Map.of("bob", Double.POSITIVE_INFINITY),
            false,
            List.of(ConvergenceEntry.of(0.1, 0)),
            Stamp.seed(),
            T);
    assertThat(violations(s))
        .anyMatch(v -> v.startsWith("slotDenominators[a1].mutual = NaN"))
        .anyMatch(v -> v.startsWith("slotAllocations[0].recipientPubkey = : must not be blank"))
        .anyMatch(v -> v.startsWith("slotAllocations[0].quantity = -0.5"))
        .anyMatch(v -> v.startsWith("recipientTotals[bob]") && v.contains("Infinity"))
        .anyMatch(v -> v.startsWith("convergenceHistory[0].timestamp = 0"));
  }
}
