package org.allocationcommons.core.matching;

import java.util.List;

/**
 * Whether a need slot and a capacity slot match (SPEC 4.1), rule by rule, with the warnings raised
 * on the way. {@link #timeCompatible()} and {@link #locationCompatible()} are what a {@link
 * org.allocationcommons.core.model.SlotAllocation} carries.
 *
 * @param typeCompatible need_type_id equal when both present
 * @param timeCompatible date ranges overlap (or a slot is undated or has an unparseable date)
 * @param locationCompatible the location rule
 * @param filtersPass both slots' filter rules pass (true when filters were not evaluated)
 * @param warnings what was accepted optimistically (unparseable dates, unknown filter rules)
 */
public record Compatibility(
    boolean typeCompatible,
    boolean timeCompatible,
    boolean locationCompatible,
    boolean filtersPass,
    List<MatchWarning> warnings) {

  /**
   * Copies the warnings.
   *
   * @param typeCompatible whether the need types agree (rule a)
   * @param timeCompatible whether the time windows overlap (rule b)
   * @param locationCompatible whether the locations agree (rule c)
   * @param filtersPass whether both filter rules pass (rule d)
   * @param warnings what could not be judged (unparseable dates, unknown rules)
   */
  public Compatibility {
    warnings = List.copyOf(warnings);
  }

  /**
   * Whether the pair matches: every rule holds.
   *
   * @return true when every rule holds
   */
  public boolean compatible() {
    return typeCompatible && timeCompatible && locationCompatible && filtersPass;
  }
}
