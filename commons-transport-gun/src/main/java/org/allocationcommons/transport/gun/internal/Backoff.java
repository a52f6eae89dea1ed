package org.allocationcommons.transport.gun.internal;

import java.time.Duration;

/**
 * Reconnect delays: exponential growth from an initial delay, capped, with "equal jitter" so that
 * many clients that lost the same relay do not reconnect in lock-step. Pure: the randomness comes in
 * as an argument.
 */
public final class Backoff {

  private Backoff() {}

  /**
   * The delay before reconnect attempt {@code attempt} (1 for the first retry).
   *
   * <p>{@code base = min(max, initial * 2^(attempt-1))}; the result is {@code base/2 + jitter * base/2},
   * so it always lies in {@code [base/2, base]}.
   *
   * @param jitter a number in {@code [0, 1]}, usually random
   * @throws IllegalArgumentException if {@code attempt < 1}, a duration is not positive, {@code initial
   *     > max}, or {@code jitter} is outside {@code [0, 1]}
   */
  public static Duration delay(int attempt, Duration initial, Duration max, double jitter) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt " + attempt + " must be >= 1");
    }
    if (initial.isNegative() || initial.isZero() || max.isNegative() || max.isZero()) {
      throw new IllegalArgumentException(
          "backoff durations must be positive, got initial " + initial + " and max " + max);
    }
    if (initial.compareTo(max) > 0) {
      throw new IllegalArgumentException("backoff initial " + initial + " exceeds max " + max);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter " + jitter + " must be within [0, 1]");
    }
    long initialMs = initial.toMillis();
    long maxMs = max.toMillis();
    long base = initialMs;
    for (int i = 1; i < attempt && base < maxMs; i++) {
      base = Math.min(maxMs, base * 2);
    }
    base = Math.min(maxMs, base);
    long half = base / 2;
    return Duration.ofMillis(half + Math.round(jitter * (base - half)));
  }
}
