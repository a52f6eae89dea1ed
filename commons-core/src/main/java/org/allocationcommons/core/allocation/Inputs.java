package org.allocationcommons.core.allocation;

import java.util.List;
import java.util.Map;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.Limits;
import org.allocationcommons.core.model.ProviderShare;
import org.allocationcommons.core.model.Slot;

/**
 * Rejects input the formulas cannot digest, naming the field, the value and the rule: the same
 * limits as validation ({@link Limits}), for inputs built without it.
 */
final class Inputs {

  private Inputs() {}

  static void check(AllocationInput in) {
    if (in.providerId().isBlank()) {
      throw new IllegalArgumentException("providerId is blank; a pubKey is required");
    }
    shares("mrValues", in.mrValues());
    shares("providerWeights", in.providerWeights());
    quantities(
        "providerCommitment.capacity_slots", in.providerCommitment().capacitySlots());
    for (Map.Entry<String, Commitment> e : in.networkCommitments().entrySet()) {
      Commitment c = e.getValue();
      if (c == null) {
        throw new IllegalArgumentException("networkCommitments[" + e.getKey() + "] is null");
      }
      double d = c.dampingFactor();
      if (!(d >= 0 && d <= 1)) {
        throw new IllegalArgumentException(
            "networkCommitments["
                + e.getKey()
                + "].damping_factor = "
                + d
                + ": must be a finite number in [0, 1]");
      }
      quantities("networkCommitments[" + e.getKey() + "].need_slots", c.needSlots());
      reports("networkCommitments[" + e.getKey() + "]", c);
    }
  }

  /** Reported values must be finite, >= 0 and at most what one provider can give. */
  private static void reports(String field, Commitment c) {
    for (Map.Entry<String, Double> r : c.receivedByProvider().entrySet()) {
      given(field + ".received_by_provider[" + r.getKey() + "]", r.getValue());
    }
    for (Map.Entry<String, Map<String, ProviderShare>> n : c.needSlotReports().entrySet()) {
      for (Map.Entry<String, ProviderShare> p : n.getValue().entrySet()) {
        String f = field + ".need_slot_reports[" + n.getKey() + "][" + p.getKey() + "]";
        given(f + ".offered", p.getValue().offered());
        given(f + ".received", p.getValue().received());
      }
    }
  }

  private static void given(String field, Double v) {
    if (v == null || !(v >= 0 && v <= Limits.MAX_GIVEN)) {
      throw new IllegalArgumentException(
          field + " = " + v + ": must be a finite number in [0, " + Limits.MAX_GIVEN_TEXT + "]");
    }
  }

  /** Each value must be a finite number in [0, 1]. */
  static void shares(String field, Map<String, Double> values) {
    for (Map.Entry<String, Double> e : values.entrySet()) {
      Double v = e.getValue();
      if (v == null || !(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(
            field + "[" + e.getKey() + "] = " + v + ": must be a finite number in [0, 1]");
      }
    }
  }

  private static void quantities(String field, List<? extends Slot> slots) {
    for (int i = 0; i < slots.size(); i++) {
      double q = slots.get(i).quantity();
      if (!(q >= 0) || Double.isInfinite(q)) {
        throw new IllegalArgumentException(
            field
                + "["
                + i
                + "] (id "
                + slots.get(i).id()
                + ").quantity = "
                + q
                + ": must be a finite number >= 0");
      }
    }
    double sum = Limits.sum(slots);
    if (!Limits.withinSum(sum)) {
      throw new IllegalArgumentException(
          field
              + ": quantities sum to "
              + sum
              + ", must sum to at most "
              + Limits.MAX_QUANTITY_TEXT
              + " (SPEC 7, arithmetic limits)");
    }
  }
}
