package org.allocationcommons.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.Slot;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.itc.Stamp;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

class CommonsArbitrariesProperties {

  static final Validator VALIDATOR = Validation.byDefaultProvider()
      .configure()
      .messageInterpolator(new ParameterMessageInterpolator())
      .buildValidatorFactory()
      .getValidator();

  static void assertValid(Object value) {
    Set<ConstraintViolation<Object>> violations = VALIDATOR.validate(value);
    assertThat(violations).as("violations of %s", value).isEmpty();
  }

  @Provide Arbitrary<AvailabilitySlot> availabilitySlots() {
    return CommonsArbitraries.availabilitySlots();
  }

  @Provide Arbitrary<NeedSlot> needSlots() {
    return CommonsArbitraries.needSlots();
  }

  @Provide Arbitrary<Commitment> commitments() {
    return CommonsArbitraries.commitments();
  }

  @Provide Arbitrary<AllocationState> allocationStates() {
    return CommonsArbitraries.allocationStates();
  }

  @Provide Arbitrary<Stamp> stamps() {
    return CommonsArbitraries.stamps();
  }

  @Provide Arbitrary<Commons> commons() {
    return CommonsArbitraries.commons();
  }

  @Property(tries = 200)
  void availabilitySlotsAreValidAndLookReal(@ForAll("availabilitySlots") AvailabilitySlot slot) {
    assertValid(slot);
    assertRealistic(slot);
  }

  @Property(tries = 200)
  void needSlotsAreValidAndLookReal(@ForAll("needSlots") NeedSlot slot) {
    assertValid(slot);
    assertRealistic(slot);
  }

  static void assertRealistic(Slot slot) {
    assertThat(slot.quantity()).isBetween(0.0, 1_000.0);
    assertThat(slot.needTypeId()).isPresent();
    if (slot.startDate().isPresent()) {
      LocalDate start = LocalDate.parse(slot.startDate().get());
      LocalDate end = LocalDate.parse(slot.endDate().orElseThrow());
      assertThat(start.getYear()).isEqualTo(2026);
      assertThat(end).isAfterOrEqualTo(start).isBefore(start.plusDays(91));
    }
    boolean remote = slot.locationType().map(t -> t.equals("online") || t.equals("remote")).orElse(false);
    if (remote) {
      assertThat(slot.city()).isEmpty();
    }
    slot.city().ifPresent(city -> {
      Catalog.City c = Catalog.CITIES.stream().filter(x -> x.name().equals(city)).findFirst().orElseThrow();
      assertThat(slot.country()).contains(c.country());
      assertThat(slot.latitude().orElseThrow()).isCloseTo(c.latitude(), org.assertj.core.data.Offset.offset(0.05));
      assertThat(slot.longitude().orElseThrow()).isCloseTo(c.longitude(), org.assertj.core.data.Offset.offset(0.05));
    });
  }

  @Property(tries = 200)
  void commitmentsAreValidAndNeverRecogniseThemselves(@ForAll("commitments") Commitment c) {
    assertValid(c);
    assertThat(c.recognitionWeights()).doesNotContainKey(c.pubKey());
    assertThat(c.pubKey()).matches("[A-Za-z0-9_-]{43}");
    assertThat(c.capacitySlots().stream().map(AvailabilitySlot::id).distinct().count()).isEqualTo(c.capacitySlots().size());
  }

  @Property(tries = 200)
  void allocationStatesAreValidAndTheirTotalsAreTheSumsOfTheirAllocations(@ForAll("allocationStates") AllocationState s) {
    assertValid(s);
    for (SlotAllocation a : s.slotAllocations()) {
      assertThat(s.slotDenominators()).containsKey(a.availabilitySlotId());
    }
    s.recipientTotals().forEach((recipient, total) -> assertThat(total).isCloseTo(
        s.slotAllocations().stream().filter(a -> a.recipientPubkey().equals(recipient)).mapToDouble(SlotAllocation::quantity).sum(),
        org.assertj.core.data.Offset.offset(1e-9)));
  }

  @Property(tries = 200)
  void stampsAreReachableAndRoundTripThroughTheirEncodings(@ForAll("stamps") Stamp s) {
    assertThat(Stamp.parse(s.toString())).isEqualTo(s);
    assertThat(Stamp.fromByteArray(s.toByteArray())).isEqualTo(s);
    assertThat(s.peek().leq(s)).isTrue();
  }

  @Property(tries = 40)
  void wholeCommonsAreValidAndSelfContained(@ForAll("commons") Commons commons) {
    Set<String> keys = Set.copyOf(commons.pubKeys());
    assertThat(keys).hasSize(commons.size());
    for (Commitment c : commons.commitments()) {
      assertValid(c);
      assertThat(keys).containsAll(c.recognitionWeights().keySet());
      assertThat(c.recognitionWeights()).doesNotContainKey(c.pubKey());
      double sum = c.recognitionWeights().values().stream().mapToDouble(Double::doubleValue).sum();
      assertThat(sum).isLessThanOrEqualTo(1.0 + 1e-3);
      c.capacitySlots().forEach(CommonsArbitrariesProperties::assertRealistic);
      c.needSlots().forEach(CommonsArbitrariesProperties::assertRealistic);
    }
  }

  @Property(tries = 20)
  void theSameSeedGeneratesTheSameCommons(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int n) {
    Commons a = CommonsGenerator.generate(n, new SplittableRandom(seed));
    Commons b = CommonsGenerator.generate(n, new SplittableRandom(seed));
    assertThat(b).isEqualTo(a);
  }

  @Property(tries = 10)
  void renamingParticipantsRenamesEveryReference(@ForAll long seed, @ForAll @IntRange(min = 2, max = 30) int n) {
    Commons original = CommonsGenerator.generate(n, new SplittableRandom(seed));
    List<String> fresh = java.util.stream.IntStream.range(0, n).mapToObj(i -> "p" + i).toList();
    Commons renamed = original.withPubKeys(fresh);
    assertThat(renamed.pubKeys()).isEqualTo(fresh);
    for (int i = 0; i < n; i++) {
      Commitment before = original.commitments().get(i);
      Commitment after = renamed.commitments().get(i);
      assertThat(after.capacitySlots()).isEqualTo(before.capacitySlots());
      assertThat(after.recognitionWeights()).hasSameSizeAs(before.recognitionWeights());
      for (var e : before.recognitionWeights().entrySet()) {
        String newKey = fresh.get(original.pubKeys().indexOf(e.getKey()));
        assertThat(after.recognitionWeights()).containsEntry(newKey, e.getValue());
      }
    }
  }
}
