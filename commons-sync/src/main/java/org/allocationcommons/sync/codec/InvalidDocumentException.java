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

  /** An exception for {@code what} (such as {@code "commitment"}) with at least one violation. */
  public InvalidDocumentException(String what, List<Violation> violations) {
    super(what + " rejected: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("at least one violation is required");
    }
    this.violations = List.copyOf(violations);
  }

  /** An exception for {@code what} with a single violation. */
  public static InvalidDocumentException of(String what, String field, Object value, String rule) {
    return new InvalidDocumentException(what, List.of(Violation.of(field, value, rule)));
  }

  /** Every reason, in the order found; never empty. */
  public List<Violation> violations() {
    return violations;
  }
}
