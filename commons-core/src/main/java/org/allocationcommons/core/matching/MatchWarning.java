package org.allocationcommons.core.matching;

import java.util.Objects;

/**
 * Something matching accepted optimistically but that a person should look at: an unparseable date
 * (treated as compatible), an unknown filter rule (passed), a {@code custom} filter rule (code in
 * data, never executed, passed).
 *
 * @param kind what happened
 * @param slotId the slot that carries the odd value
 * @param detail the field and value, for a log line
 */
public record MatchWarning(Kind kind, String slotId, String detail) {

  /** The kinds of warning. */
  public enum Kind {
    /** A start_date or end_date that is not ISO-8601; the time rule treated the slot as undated. */
    UNPARSEABLE_DATE,
    /** A filter rule of a type this version does not know; it passed. */
    UNKNOWN_FILTER_RULE,
    /** A {@code custom} filter rule; it is never executed and passed. */
    CUSTOM_FILTER_RULE_IGNORED
  }

  /**
   * Requires every part.
   *
   * @param kind what went wrong
   * @param slotId the slot concerned
   * @param detail the offending value or rule, for people
   */
  public MatchWarning {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(slotId, "slotId");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return kind + " on slot " + slotId + ": " + detail;
  }
}
