package org.allocationcommons.sync.codec.internal;

import java.util.List;
import java.util.Optional;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.Limits;
import org.allocationcommons.core.model.Slot;

/**
 * The constraints of {@code NeedSlot} and {@code AvailabilitySlot} (the same 35 fields, so the same
 * rules) and of their {@link FilterRule}s, and {@code @BoundedSum} over a list of slots.
 */
final class SlotChecks {

  /** {@code BoundedSum}'s message, after the sum the validator puts first. */
  static final String BOUNDED_SUM = "must sum to at most 1e12 (SPEC 7, arithmetic limits)";

  private SlotChecks() {}

  /** {@code @BoundedSum List<@NotNull @Valid S>} named {@code name} at {@code prefix}. */
  static void slots(Out out, String prefix, String name, List<? extends Slot> slots) {
    double sum = Limits.sum(slots);
    if (!Limits.withinSum(sum)) {
      out.add(prefix + name, Shown.entries(slots.size()), "quantities sum to " + sum + ", " + BOUNDED_SUM);
    }
    for (int i = 0; i < slots.size(); i++) {
      Slot s = slots.get(i);
      String at = prefix + name + "[" + i + "]";
      if (out.notNull(at, "", s)) {
        slot(out, at + ".", s);
      }
    }
  }

  /** One slot, its fields named after {@code prefix}. */
  static void slot(Out out, String prefix, Slot s) {
    out.notBlank(prefix, "id", s.id());
    out.notNull(prefix, "name", s.name());
    out.quantity(prefix, "quantity", s.quantity(), Limits.MAX_QUANTITY, Limits.MAX_QUANTITY_TEXT);
    if (s.filterRule().isPresent()) {
      filterRule(out, prefix + "filter_rule.", s.filterRule().get());
    }
    finiteAtLeastZero(out, prefix, "advance_notice_hours", s.advanceNoticeHours());
    finiteAtLeastZero(out, prefix, "booking_window_hours", s.bookingWindowHours());
    s.customRecurrenceRepeatEvery().ifPresent(n -> out.positive(prefix, "custom_recurrence_repeat_every", n));
    if (s.longitude().isPresent()) {
      double d = s.longitude().get();
      out.finite(prefix, "longitude", d);
      out.atLeast(prefix, "longitude", d, -180, "-180");
      out.atMost(prefix, "longitude", d, 180, "180");
    }
    if (s.latitude().isPresent()) {
      double d = s.latitude().get();
      out.finite(prefix, "latitude", d);
      out.atLeast(prefix, "latitude", d, -90, "-90");
      out.atMost(prefix, "latitude", d, 90, "90");
    }
    if (s.priority().isPresent()) {
      out.finite(prefix, "priority", s.priority().get());
    }
  }

  /** A filter rule (cascaded into from a slot's {@code filter_rule}). */
  static void filterRule(Out out, String prefix, FilterRule rule) {
    if (rule instanceof FilterRule.Trust t) {
      if (t.minMutualRecognition().isPresent()) {
        out.unit(prefix, "min_mutual_recognition", t.minMutualRecognition().get());
      }
    } else if (rule instanceof FilterRule.Location l) {
      out.noNullElements(prefix, "allowed_cities", l.allowedCities());
      out.noNullElements(prefix, "allowed_countries", l.allowedCountries());
      finiteAtLeastZero(out, prefix, "max_distance_km", l.maxDistanceKm());
    } else if (rule instanceof FilterRule.Attribute a) {
      out.noNullElements(prefix, "required", a.required());
      out.noNullElements(prefix, "forbidden", a.forbidden());
    } else if (rule instanceof FilterRule.Certification c) {
      out.noNullElements(prefix, "required", c.required());
      if (c.minLevel().isPresent()) {
        out.finite(prefix, "min_level", c.minLevel().get());
      }
    } else if (rule instanceof FilterRule.ResourceType r) {
      out.noNullElements(prefix, "allowed_types", r.allowedTypes());
      out.noNullElements(prefix, "forbidden_types", r.forbiddenTypes());
    }
    // AllowAll, DenyAll and Unknown carry no constraint
  }

  private static void finiteAtLeastZero(Out out, String prefix, String name, Optional<Double> d) {
    if (d.isPresent()) {
      out.finiteAtLeastZero(prefix, name, d.get());
    }
  }
}
