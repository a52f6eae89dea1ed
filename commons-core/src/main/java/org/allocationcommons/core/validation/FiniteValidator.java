package org.allocationcommons.core.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Finite}: accepts {@code null} and every finite {@link Number}. */
public final class FiniteValidator implements ConstraintValidator<Finite, Number> {

  /** Used by the validation engine. */
  public FiniteValidator() {}

  @Override
  public boolean isValid(Number value, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    if (value instanceof Double d) {
      return Double.isFinite(d);
    }
    if (value instanceof Float f) {
      return Float.isFinite(f);
    }
    return true;
  }
}
