package org.allocationcommons.core.matching;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.allocationcommons.core.matching.internal.Rules;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.Slot;

/**
 * Evaluates {@link FilterRule}s. Semantics follow the original's {@code evaluateFilter}, with two
 * deliberate differences: location and resource type are read from the counterpart's slot (the
 * original read them from the commitment, which has no such fields), and {@code max_distance_km} is
 * enforced when both slots have coordinates (the original never enforced it).
 */
public final class Filters {

  private Filters() {}

  /**
   * The verdict of an optional rule: no rule passes.
   *
   * @param rule the rule, if any
   * @param context the subject and the slots
   * @return the verdict; passes when there is no rule
   */
  public static FilterVerdict evaluate(Optional<FilterRule> rule, FilterContext context) {
    return rule.isEmpty() ? FilterVerdict.PASS : evaluate(rule.get(), context);
  }

  /**
   * The verdict of a rule for a subject.
   *
   * @param rule the rule
   * @param ctx the subject and the slots
   * @return the verdict
   */
  public static FilterVerdict evaluate(FilterRule rule, FilterContext ctx) {
    if (rule instanceof FilterRule.AllowAll) {
      return FilterVerdict.PASS;
    }
    if (rule instanceof FilterRule.DenyAll) {
      return FilterVerdict.REJECT;
    }
    if (rule instanceof FilterRule.Trust t) {
      double mr = ctx.mutualRecognition();
      if (t.onlyMutual() && !(mr > 0)) {
        return FilterVerdict.REJECT;
      }
      if (t.minMutualRecognition().isPresent() && !(mr >= t.minMutualRecognition().get())) {
        return FilterVerdict.REJECT;
      }
      return FilterVerdict.PASS;
    }
    if (rule instanceof FilterRule.Location l) {
      return verdict(location(l, ctx.subjectSlot(), ctx.ownerSlot()));
    }
    if (rule instanceof FilterRule.Attribute a) {
      for (String required : a.required()) {
        if (!ctx.subjectProfile().attributes().contains(required)) {
          return FilterVerdict.REJECT;
        }
      }
      for (String forbidden : a.forbidden()) {
        if (ctx.subjectProfile().attributes().contains(forbidden)) {
          return FilterVerdict.REJECT;
        }
      }
      return FilterVerdict.PASS;
    }
    if (rule instanceof FilterRule.Certification c) {
      return verdict(certification(c, ctx.subjectProfile()));
    }
    if (rule instanceof FilterRule.ResourceType r) {
      String type = ctx.subjectSlot().resourceType().filter(s -> !s.isEmpty()).orElse(null);
      if (!r.allowedTypes().isEmpty() && (type == null || !r.allowedTypes().contains(type))) {
        return FilterVerdict.REJECT;
      }
      if (type != null && r.forbiddenTypes().contains(type)) {
        return FilterVerdict.REJECT;
      }
      return FilterVerdict.PASS;
    }
    return FilterVerdict.PASS_UNREVIEWED; // Unknown, including custom: never executed
  }

  /** The warning an unreviewed rule deserves, for the slot that carries it. */
  static MatchWarning warningFor(FilterRule rule, String slotId) {
    if (rule instanceof FilterRule.Unknown u && u.isCustomCode()) {
      return new MatchWarning(
          MatchWarning.Kind.CUSTOM_FILTER_RULE_IGNORED, slotId, "filter_rule.type 'custom' not executed");
    }
    return new MatchWarning(
        MatchWarning.Kind.UNKNOWN_FILTER_RULE, slotId, "filter_rule.type '" + rule.type() + "' unknown");
  }

  private static boolean location(FilterRule.Location l, Slot subject, Slot owner) {
    if (!l.allowedCities().isEmpty() && !containsIgnoreCase(l.allowedCities(), subject.city())) {
      return false;
    }
    if (!l.allowedCountries().isEmpty()
        && !containsIgnoreCase(l.allowedCountries(), subject.country())) {
      return false;
    }
    if (l.maxDistanceKm().isPresent()
        && subject.latitude().isPresent()
        && subject.longitude().isPresent()
        && owner.latitude().isPresent()
        && owner.longitude().isPresent()) {
      double d =
          Rules.haversineKm(
              owner.latitude().get(),
              owner.longitude().get(),
              subject.latitude().get(),
              subject.longitude().get());
      return d <= l.maxDistanceKm().get();
    }
    return true;
  }

  private static boolean certification(FilterRule.Certification c, Profile p) {
    double min = c.minLevel().orElse(Double.NEGATIVE_INFINITY);
    for (String required : c.required()) {
      Double level = p.certifications().get(required);
      if (level == null || level < min) {
        return false;
      }
    }
    if (c.required().isEmpty() && c.minLevel().isPresent()) {
      double best = 0;
      for (double level : p.certifications().values()) {
        best = Math.max(best, level);
      }
      return best >= min;
    }
    return true;
  }

  private static boolean containsIgnoreCase(List<String> allowed, Optional<String> value) {
    if (value.isEmpty() || value.get().isEmpty()) {
      return false;
    }
    String v = value.get().toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.toLowerCase(Locale.ROOT).equals(v)) {
        return true;
      }
    }
    return false;
  }

  private static FilterVerdict verdict(boolean pass) {
    return pass ? FilterVerdict.PASS : FilterVerdict.REJECT;
  }
}
