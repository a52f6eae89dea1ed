package org.allocationcommons.core.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;
import org.allocationcommons.core.model.Limits;
import org.allocationcommons.core.model.Slot;

/** Checks {@link BoundedSum}; the message states the sum found (possibly Infinity). */
public final class BoundedSumValidator implements ConstraintValidator<BoundedSum, List<? extends Slot>> {

  /** Used by the validation engine. */
  public BoundedSumValidator() {}

  @Override
  public boolean isValid(List<? extends Slot> slots, ConstraintValidatorContext context) {
    if (slots == null) {
      return true;
    }
    double sum = Limits.sum(slots);
    if (Limits.withinSum(sum)) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    // The sum is a plain number: no braces or dollar signs reach the interpolator.
    context
        .buildConstraintViolationWithTemplate(
            "quantities sum to " + sum + ", " + context.getDefaultConstraintMessageTemplate())
        .addConstraintViolation();
    return false;
  }
}
