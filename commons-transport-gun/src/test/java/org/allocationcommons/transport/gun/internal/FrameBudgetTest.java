package org.allocationcommons.transport.gun.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameBudgetTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void aBurstOfATenthThenTheRestSpreadOverTheMinute() {
    FrameBudget b = new FrameBudget(900, 0);
    for (int i = 0; i < 90; i++) {
      assertThat(b.tryTake(0)).isZero();
    }
    long wait = b.tryTake(0);
    assertThat(wait).isPositive().isLessThanOrEqualTo(SECOND / 13); // 810 per minute = 13.5 per second
    assertThat(b.tryTake(wait)).isZero();
  }

  @Test
  void neverMoreThanTheBudgetInAnySlidingMinute() {
    // A sender that always sends as soon as the bucket allows, for five minutes, checked against
    // Holster's own rule: at most N frames whose times lie within 60 s of each other.
    int budget = 900;
    FrameBudget b = new FrameBudget(budget, 0);
    ArrayDeque<Long> window = new ArrayDeque<>();
    long now = 0;
    int sent = 0;
    while (now < 5 * 60 * SECOND) {
      long wait = b.tryTake(now);
      if (wait > 0) {
        now += wait;
        continue;
      }
      sent++;
      window.addLast(now);
      while (now - window.peekFirst() >= 60 * SECOND) {
        window.removeFirst();
      }
      assertThat(window.size()).isLessThanOrEqualTo(budget);
    }
    assertThat(sent).isBetween(4 * budget, 5 * budget); // and it does use the budget
  }

  @Test
  void rejectsATinyBudget() {
    assertThatThrownBy(() -> new FrameBudget(9, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
