package org.allocationcommons.sync.codec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A document or input that the codec or the validator refused. The message lists every
 * {@link Violation} (field, value, rule); {@link #violations()} gives them to programs.
 */
public final class InvalidDocumentException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /**
   * An exception for {@code what} (such as {@code "commitment"}) with at least one violation.
   *
   * @param what the kind of document or input rejected; starts the message
   * @param violations every reason for the rejection, in order; copied
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public InvalidDocumentException(String what, List<Violation> violations) {
    super(what + " rejected: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("at least one violation is required");
    }
    this.violations = List.copyOf(violations);
  }

  /**
   * An exception for {@code what} with a single violation.
   *
   * @param what the kind of document or input rejected; starts the message
   * @param field JSON property path of the offending value; empty for the document as a whole
   * @param value the offending value, shown with {@link String#valueOf(Object)}
   * @param rule the rule that was broken, in words
   * @return the exception, to be thrown by the caller
   */
  public static InvalidDocumentException of(String what, String field, Object value, String rule) {
    return new InvalidDocumentException(what, List.of(Violation.of(field, value, rule)));
  }

  /**
   * Every reason, in the order found.
   *
   * @return the violations, unmodifiable and never empty
   */
  public List<Violation> violations() {
    return violations;
  }
}
