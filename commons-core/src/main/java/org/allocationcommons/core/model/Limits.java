package org.allocationcommons.core.model;

/**
 * The numeric limits of the model, in one place (SPEC 7, "Arithmetic").
 *
 * <p>Every quantity is finite and at least 0, and a commitment's need quantities, and its capacity
 * quantities, each sum to at most {@link #MAX_QUANTITY_SUM}. Why: the allocation formulas multiply
 * capacities by needs and add up many of them; bounded inputs keep every product and every sum over
 * a commons (at most count x 1e12 per recipient) far from overflow, so nothing accepted ever
 * computes to infinity or NaN. 1e12 is beyond any real need (a trillion hours, meals or kg) while
 * leaving 1e284 of headroom.
 *
 * <p>What a provider gives or offers one recipient is bounded by its capacity, so states and reports
 * are bounded by {@link #MAX_GIVEN}: the same limit with a relative margin of 1e-9 for rounding.
 */
public final class Limits {

  /** Largest sum of one commitment's need quantities, or of its capacity quantities. */
  public static final double MAX_QUANTITY_SUM = 1e12;

  /** Largest single slot quantity (a slot alone cannot exceed the sum). */
  public static final double MAX_QUANTITY = MAX_QUANTITY_SUM;

  /** {@link #MAX_QUANTITY} as text, for {@code @DecimalMax}. */
  public static final String MAX_QUANTITY_TEXT = "1e12";

  /**
   * Largest quantity a provider's state or a recipient's report may carry for one allocation, one
   * recipient or one provider: {@link #MAX_QUANTITY_SUM} plus a relative rounding margin of 1e-9.
   */
  public static final double MAX_GIVEN = 1.000000001e12;

  /** {@link #MAX_GIVEN} as text, for {@code @DecimalMax}. */
  public static final String MAX_GIVEN_TEXT = "1.000000001e12";

  private Limits() {}

  /**
   * The sum of the slots' finite, non-negative quantities (infinite if they overflow). NaN,
   * infinite and negative quantities are left out: each is refused by its own rule.
   *
   * @param slots the slots to sum
   * @return the sum of the valid quantities
   */
  public static double sum(java.util.List<? extends Slot> slots) {
    double sum = 0;
    for (Slot s : slots) {
      if (s != null && s.quantity() >= 0 && Double.isFinite(s.quantity())) {
        sum += s.quantity();
      }
    }
    return sum;
  }

  /**
   * Whether {@code sum} is a number in [0, {@link #MAX_QUANTITY_SUM}].
   *
   * @param sum a quantity sum
   * @return true when it is within [0, {@link #MAX_QUANTITY_SUM}]
   */
  public static boolean withinSum(double sum) {
    return sum >= 0 && sum <= MAX_QUANTITY_SUM;
  }
}
