package org.allocationcommons.sync.envelope;

import java.util.List;
import org.allocationcommons.sync.codec.Violation;

/** An envelope refused by {@link Envelopes#open}: the reason, the path it came at and the details. */
public final class RejectedEnvelopeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the envelope was refused. */
  private final Rejection reason;
  /** The path it came at (as delivered or claimed). */
  private final String path;
  private final transient List<Violation> violations;

  /**
   * A rejection with its reason, the path (as delivered or claimed) and what was wrong.
   *
   * @param reason why the envelope was rejected
   * @param path the path delivered at or claimed
   * @param violations the field, value and rule of each problem
   */
  public RejectedEnvelopeException(Rejection reason, String path, List<Violation> violations) {
    super(reason + " at " + path + ": " + violations);
    this.reason = reason;
    this.path = path;
    this.violations = List.copyOf(violations);
  }

  static RejectedEnvelopeException of(Rejection reason, String path, String field, Object value, String rule) {
    return new RejectedEnvelopeException(reason, path, List.of(Violation.of(field, value, rule)));
  }

  /**
   * Why.
   *
   * @return the reason for the rejection
   */
  public Rejection reason() {
    return reason;
  }

  /**
   * The path the envelope was delivered at or claimed.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Field, value and rule of each problem.
   *
   * @return the violations
   */
  public List<Violation> violations() {
    return violations;
  }
}
