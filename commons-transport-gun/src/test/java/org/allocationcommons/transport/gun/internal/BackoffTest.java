package org.allocationcommons.transport.gun.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration INITIAL = Duration.ofMillis(250);
  private static final Duration MAX = Duration.ofSeconds(10);

  @Test
  void doublesFromTheInitialDelayUpToTheCapWithJitterInTheUpperHalf() {
    // attempt 1: base 250 -> [125, 250]; attempt 3: base 250*4 = 1000 -> [500, 1000]
    assertThat(Backoff.delay(1, INITIAL, MAX, 1.0)).isEqualTo(Duration.ofMillis(250));
    assertThat(Backoff.delay(1, INITIAL, MAX, 0.0)).isEqualTo(Duration.ofMillis(125));
    assertThat(Backoff.delay(3, INITIAL, MAX, 1.0)).isEqualTo(Duration.ofMillis(1000));
    assertThat(Backoff.delay(3, INITIAL, MAX, 0.5)).isEqualTo(Duration.ofMillis(750));
    // attempt 7: 250 * 64 = 16000 > 10000, capped -> [5000, 10000]
    assertThat(Backoff.delay(7, INITIAL, MAX, 1.0)).isEqualTo(Duration.ofMillis(10_000));
    assertThat(Backoff.delay(1_000_000, INITIAL, MAX, 0.0)).isEqualTo(Duration.ofMillis(5_000));
  }

  @Test
  void rejectsNonsenseNamingTheValue() {
    assertThatThrownBy(() -> Backoff.delay(0, INITIAL, MAX, 0.5)).hasMessageContaining("attempt 0");
    assertThatThrownBy(() -> Backoff.delay(1, MAX, INITIAL, 0.5)).hasMessageContaining("exceeds max");
    assertThatThrownBy(() -> Backoff.delay(1, Duration.ZERO, MAX, 0.5)).hasMessageContaining("positive");
    assertThatThrownBy(() -> Backoff.delay(1, INITIAL, MAX, 1.5)).hasMessageContaining("jitter 1.5");
  }

  @Property(tries = 300)
  void delayIsWithinHalfAndFullOfACappedExponentialBase(
      @ForAll @IntRange(min = 1, max = 80) int attempt,
      @ForAll @DoubleRange(min = 0, max = 1) double jitter,
      @ForAll @IntRange(min = 1, max = 5_000) int initialMs,
      @ForAll @IntRange(min = 0, max = 60_000) int extraMs) {
    Duration initial = Duration.ofMillis(initialMs);
    Duration max = Duration.ofMillis(initialMs + (long) extraMs);
    long base = Math.min(max.toMillis(), initialMs * (long) Math.pow(2, Math.min(attempt - 1, 40)));
    long d = Backoff.delay(attempt, initial, max, jitter).toMillis();
    assertThat(d).isBetween(base / 2, base).isLessThanOrEqualTo(max.toMillis());
  }

  @Property(tries = 200)
  void neverShrinksAsAttemptsGrowForTheSameJitter(
      @ForAll @IntRange(min = 1, max = 60) int attempt, @ForAll @DoubleRange(min = 0, max = 1) double jitter) {
    assertThat(Backoff.delay(attempt + 1, INITIAL, MAX, jitter))
        .isGreaterThanOrEqualTo(Backoff.delay(attempt, INITIAL, MAX, jitter));
  }
}
