package org.allocationcommons.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.Limits;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.itc.Stamp;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * SPEC 7 "Arithmetic": for every accepted input, magnitudes from 1e-300 to the 1e12 limit, tiny
 * damping factors and recognition included, both policies return finite values, give no slot more
 * than its quantity and no recipient more than its need, never throw, and publish a state that
 * validation accepts (so no peer refuses it).
 */
class ExtremeMagnitudeProperties {

  private static final long T = 1_700_000_000_000L;
  /** Relative tolerance for sums of many terms. */
  private static final double REL = 1e-9;
  /** Absolute slack for rounding among subnormals (about 2,000 x Double.MIN_VALUE). */
  private static final double ABS = 1e-320;

  private static final ValidatorFactory FACTORY =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory();
  private static final Validator VALIDATOR = FACTORY.getValidator();

  @AfterContainer
  static void close() {
    FACTORY.close();
  }

  /** Log-uniform from 1e-300 to 1e12, with the ends, 0 and subnormals' neighbours as edge cases. */
  private static Arbitrary<Double> magnitudes() {
    Arbitrary<Double> logUniform =
        Arbitraries.doubles().between(-300, 12).map(e -> Math.min(Limits.MAX_QUANTITY, Math.pow(10, e)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, logUniform),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(0.0, 1e-300, Double.MIN_NORMAL, 1.0, 1e12, 5e11)));
  }

  /** Shares in [0, 1], tiny ones included (MR, weights, damping factors). */
  private static Arbitrary<Double> shares() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.doubles().between(0, 1)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(0.0, 1.0, 0.5, 0.8, Double.MIN_VALUE, 1e-320, 1e-300)),
        net.jqwik.api.Tuple.of(2, Arbitraries.doubles().between(-300, 0).map(e -> Math.pow(10, e))));
  }

  /** Quantities scaled down, if needed, so that they sum to at most the limit (accepted input). */
  private static List<Double> bounded(List<Double> qs) {
    double sum = 0;
    for (double q : qs) {
      sum += q;
    }
    if (sum <= Limits.MAX_QUANTITY_SUM) {
      return qs;
    }
    double f = Limits.MAX_QUANTITY_SUM / sum * (1 - 1e-12);
    List<Double> out = new ArrayList<>();
    for (double q : qs) {
      out.add(q * f);
    }
    return out;
  }

  record Recipient(List<Double> needs, double damping, double mr, double weight) {}

  record Scenario(List<Double> capacities, List<Recipient> recipients) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<List<Double>> caps = magnitudes().list().ofMinSize(1).ofMaxSize(40).map(ExtremeMagnitudeProperties::bounded);
    Arbitrary<Recipient> recipient =
        Combinators.combine(
                magnitudes().list().ofMinSize(1).ofMaxSize(6).map(ExtremeMagnitudeProperties::bounded),
                shares(),
                shares(),
                shares())
            .as(Recipient::new);
    return Combinators.combine(caps, recipient.list().ofMinSize(1).ofMaxSize(25)).as(Scenario::new);
  }

  private static AllocationInput input(Scenario s) {
    Commitment.Builder p = Commitment.builder("P").timestamp(T);
    for (int i = 0; i < s.capacities().size(); i++) {
      p.capacitySlot(AvailabilitySlot.of("a" + i, "", s.capacities().get(i)));
    }
    Map<String, Double> mr = new HashMap<>();
    Map<String, Double> weights = new HashMap<>();
    Map<String, Commitment> network = new LinkedHashMap<>();
    for (int r = 0; r < s.recipients().size(); r++) {
      Recipient rec = s.recipients().get(r);
      String id = String.format("r%03d", r);
      Commitment.Builder b = Commitment.builder(id).timestamp(T).dampingFactor(rec.damping());
      for (int n = 0; n < rec.needs().size(); n++) {
        b.needSlot(NeedSlot.of(id + "-n" + n, "", rec.needs().get(n)));
      }
      network.put(id, b.build());
      mr.put(id, rec.mr());
      weights.put(id, rec.weight());
    }
    Commitment provider = p.build();
    network.put("P", provider);
    return AllocationInput.of("P", provider, mr, weights, network);
  }

  @Property(tries = 300)
  void invariantsHoldForExtremeMagnitudes(@ForAll("scenarios") Scenario s) {
    AllocationInput in = input(s);
    for (Commitment c : in.networkCommitments().values()) {
      Assume.that(VALIDATOR.validate(c).isEmpty());
    }
    for (AllocationPolicy policy : AllocationPolicy.values()) {
      AllocationResult r = Allocation.compute(in, policy);
      Map<String, Double> perSlot = new HashMap<>();
      Map<String, Double> perSlotRecipient = new HashMap<>();
      Map<String, Double> perNeed = new HashMap<>();
      Map<String, Double> perRecipient = new HashMap<>();
      for (SlotAllocation a : r.slotAllocations()) {
        assertThat(a.quantity()).isFinite().isGreaterThanOrEqualTo(0);
        perSlot.merge(a.availabilitySlotId(), a.quantity(), Double::sum);
        perSlotRecipient.merge(a.availabilitySlotId() + "/" + a.recipientPubkey(), a.quantity(), Double::sum);
        perNeed.merge(a.recipientNeedSlotId(), a.quantity(), Double::sum);
        perRecipient.merge(a.recipientPubkey(), a.quantity(), Double::sum);
      }
      Map<String, Double> q = new HashMap<>();
      in.providerCommitment().capacitySlots().forEach(a -> q.put(a.id(), a.quantity()));
      perSlot.forEach((slot, sum) -> assertThat(sum).as("%s %s", policy, slot).isLessThanOrEqualTo(q.get(slot) * (1 + REL) + ABS));
      perSlotRecipient.forEach(
          (key, sum) -> {
            String recipient = key.substring(key.indexOf('/') + 1);
            double need = in.networkCommitments().get(recipient).statedNeed();
            assertThat(sum).as("%s %s", policy, key).isLessThanOrEqualTo(need * (1 + REL) + ABS);
          });
      Map<String, Double> needQ = new HashMap<>();
      in.networkCommitments().values().forEach(c -> c.needSlots().forEach(n -> needQ.put(n.id(), n.quantity())));
      if (policy == AllocationPolicy.WATER_FILLING) {
        perNeed.forEach((n, sum) -> assertThat(sum).as("%s %s", policy, n).isLessThanOrEqualTo(needQ.get(n) * (1 + REL) + ABS));
        perRecipient.forEach(
            (rec, sum) ->
                assertThat(sum).isLessThanOrEqualTo(in.networkCommitments().get(rec).statedNeed() * (1 + REL) + ABS));
      }
      r.recipientTotals().values().forEach(v -> assertThat(v).isFinite().isGreaterThanOrEqualTo(0));
      r.slotDenominators().values().forEach(d -> {
        assertThat(d.mutual()).isFinite();
        assertThat(d.nonMutual()).isFinite();
      });
      AllocationState state = r.toState(false, List.of(), Stamp.seed(), T);
      assertThat(VALIDATOR.validate(state)).as("%s state accepted", policy).isEmpty();
    }
  }
}
