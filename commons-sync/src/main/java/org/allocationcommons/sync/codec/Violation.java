package org.allocationcommons.sync.codec;

import java.util.Objects;

/**
 * One reason a document or an input was rejected: the offending field (its JSON property path, such
 * as {@code need_slots[0].quantity}), the value found there and the rule it broke.
 *
 * @param field JSON property path of the offending value; empty for the document as a whole
 * @param value the offending value as text ({@code null} is written {@code "null"})
 * @param rule the rule, in words, such as {@code must be greater than or equal to 0}
 */
public record Violation(String field, String value, String rule) {

  /**
   * Requires every part.
   *
   * @param field JSON property path of the offending value; empty for the document as a whole
   * @param value the offending value as text
   * @param rule the rule that was broken, in words
   */
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(rule, "rule");
  }

  /**
   * A violation; a {@code null} value is written {@code "null"}.
   *
   * @param field JSON property path of the offending value; empty for the document as a whole
   * @param value the offending value, shown with {@link String#valueOf(Object)}
   * @param rule the rule that was broken, in words
   * @return the violation
   */
  public static Violation of(String field, Object value, String rule) {
    return new Violation(field, String.valueOf(value), rule);
  }

  /** {@code field = value: rule}, or {@code field: rule} when there is no value to show. */
  @Override
  public String toString() {
    return (field.isEmpty() ? "<document>" : field) + (value.isEmpty() ? "" : " = " + value) + ": " + rule;
  }
}
