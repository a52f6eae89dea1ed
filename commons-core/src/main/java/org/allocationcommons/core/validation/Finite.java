package org.allocationcommons.core.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The annotated number must be finite: not NaN and not infinite. {@code null} is valid (combine with
 * {@code @NotNull} when the value is required). Jakarta's own range constraints let NaN through on
 * some engines, and the allocation formulas must never see NaN, so every number in the model carries
 * this constraint.
 */
@Documented
@Constraint(validatedBy = FiniteValidator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface Finite {

  /**
   * The message; {@code {validatedValue}} is not used so no expression language is needed.
   *
   * @return the message of a violation
   */
  String message() default "must be a finite number (not NaN or infinite)";

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
