package org.allocationcommons.core.validation;

/**
 * Messages for {@code @DecimalMin}/{@code @DecimalMax} that need no expression language: the
 * defaults of the specification use {@code ${inclusive ...}}, which engines configured without EL
 * (Hibernate Validator's {@code ParameterMessageInterpolator}) print verbatim.
 */
public final class Messages {

  /** For inclusive {@code @DecimalMin}. */
  public static final String MIN = "must be greater than or equal to {value}";

  /** For inclusive {@code @DecimalMax}. */
  public static final String MAX = "must be less than or equal to {value}";

  private Messages() {}
}
