package org.allocationcommons.core.allocation.internal;

import java.util.Arrays;

/** The two ways of dividing a tier's capacity among numerators with caps. */
public final class TierSplit {

  /** The original's denominator floor. */
  public static final double DENOMINATOR_FLOOR = 1e-4;

  private TierSplit() {}

  /**
   * The original's rule: {@code out[i] = min(capacity * num[i] / max(sum(num), 1e-4), cap[i])}
   * for {@code num[i] > 0}, else 0.
   */
  public static void proportional(double capacity, double[] num, double[] cap, int n, double[] out) {
    double d = 0;
    for (int i = 0; i < n; i++) {
      d += num[i];
    }
    double safe = Math.max(d, DENOMINATOR_FLOOR);
    for (int i = 0; i < n; i++) {
      // num/safe first: a fraction in [0, 1], so the product never overflows (capacity * num did).
      out[i] = num[i] > 0 ? Math.min(capacity * (num[i] / safe), cap[i]) : 0;
    }
  }

  /**
   * Water-filling: {@code out[i] = min(cap[i], level * num[i])} with the largest level whose total
   * does not exceed {@code capacity}; recipients with {@code num[i] <= 0} or {@code cap[i] <= 0} get
   * 0. Sorting by {@code cap/num} makes it O(n log n): the recipients that saturate first are
   * capped, the level rises, and the rest share what is left in proportion to their numerators.
   */
  public static void waterFill(double capacity, double[] num, double[] cap, int n, double[] out) {
    Integer[] order = new Integer[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      out[i] = 0;
      if (num[i] > 0 && cap[i] > 0) {
        order[m++] = i;
      }
    }
    if (m == 0 || !(capacity > 0)) {
      return;
    }
    Integer[] active = Arrays.copyOf(order, m);
    Arrays.sort(
        active,
        (a, b) -> {
          int c = Double.compare(cap[a] / num[a], cap[b] / num[b]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    double[] suffix = new double[m + 1];
    for (int k = m - 1; k >= 0; k--) {
      suffix[k] = suffix[k + 1] + num[active[k]];
    }
    double left = capacity;
    for (int k = 0; k < m; k++) {
      int i = active[k];
      // The level (left / suffix) overflows when the numerators are tiny (a damping factor of
      // 1e-320 gave a 10-unit slot's recipient 1e12); the fraction num / suffix is in [0, 1].
      if (left * (num[i] / suffix[k]) >= cap[i]) {
        out[i] = Math.min(cap[i], left);
        left = Math.max(0, left - out[i]);
      } else {
        for (int j = k; j < m; j++) {
          int r = active[j];
          out[r] = Math.min(cap[r], left * (num[r] / suffix[k]));
        }
        return;
      }
    }
  }
}
