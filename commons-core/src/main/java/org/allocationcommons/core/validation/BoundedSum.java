package org.allocationcommons.core.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The annotated list of slots must have quantities that sum to at most {@code
 * org.allocationcommons.core.model.Limits#MAX_QUANTITY_SUM} (SPEC 7, "Arithmetic"): a commitment's
 * needs, or its capacities, beyond 1e12 are refused so that allocation never overflows. The
 * violation names the sum. {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = BoundedSumValidator.class)
@Target({METHOD, FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface BoundedSum {

  /**
   * The rule, without the sum (the validator adds it).
   *
   * @return the message of a violation
   */
  String message() default "must sum to at most 1e12 (SPEC 7, arithmetic limits)";

  /**
   * Validation groups.
   *
   * @return the groups this constraint belongs to
   */
  Class<?>[] groups() default {};

  /**
   * Payload.
   *
   * @return the payload attached to this constraint
   */
  Class<? extends Payload>[] payload() default {};
}
