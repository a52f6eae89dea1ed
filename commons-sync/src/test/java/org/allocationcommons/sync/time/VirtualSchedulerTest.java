package org.allocationcommons.sync.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

  private final VirtualScheduler scheduler = VirtualScheduler.startingAt(Instant.ofEpochMilli(1_000));

  @Test
  void runsTasksInDueOrderThenSubmissionOrder() {
    List<String> ran = new ArrayList<>();
    scheduler.schedule(Duration.ofMillis(20), () -> ran.add("b@20"));
    scheduler.schedule(Duration.ofMillis(10), () -> ran.add("a@10"));
    scheduler.schedule(Duration.ofMillis(20), () -> ran.add("c@20"));
    scheduler.execute(() -> ran.add("now"));

    assertThat(scheduler.runUntilIdle(100)).isEqualTo(4);
    assertThat(ran).containsExactly("now", "a@10", "b@20", "c@20");
    assertThat(scheduler.nowMillis()).isEqualTo(1_020);
  }

  @Test
  void clockOnlyMovesWhenDriven() {
    scheduler.schedule(Duration.ofSeconds(5), () -> {});
    assertThat(scheduler.clock().millis()).isEqualTo(1_000);
    scheduler.advanceBy(Duration.ofSeconds(2));
    assertThat(scheduler.clock().millis()).isEqualTo(3_000);
    assertThat(scheduler.pending()).isEqualTo(1);
    scheduler.advanceBy(Duration.ofSeconds(3));
    assertThat(scheduler.pending()).isZero();
    assertThat(scheduler.now()).isEqualTo(Instant.ofEpochMilli(6_000));
  }

  @Test
  void cancelledTaskNeverRunsAndCancelReportsOnlyTheFirstTime() {
    List<String> ran = new ArrayList<>();
    Cancellable c = scheduler.schedule(Duration.ofMillis(5), () -> ran.add("x"));
    assertThat(c.cancel()).isTrue();
    assertThat(c.cancel()).isFalse();
    scheduler.runUntilIdle(10);
    assertThat(ran).isEmpty();
  }

  @Test
  void cancelAfterRunReturnsFalse() {
    Cancellable c = scheduler.execute(() -> {});
    scheduler.runNext();
    assertThat(c.cancel()).isFalse();
  }

  @Test
  void failingTaskIsIsolatedAndRecorded() {
    List<String> ran = new ArrayList<>();
    scheduler.execute(
        () -> {
          throw new IllegalStateException("boom");
        });
    scheduler.execute(() -> ran.add("after"));
    scheduler.runUntilIdle(10);
    assertThat(ran).containsExactly("after");
    assertThat(scheduler.failures()).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
  }

  @Test
  void tasksMayScheduleTasksAndIdleGuardStopsSelfReschedulingLoops() {
    Runnable[] heartbeat = new Runnable[1];
    heartbeat[0] = () -> scheduler.schedule(Duration.ofSeconds(1), heartbeat[0]);
    scheduler.execute(heartbeat[0]);
    assertThat(scheduler.runUntilIdle(50)).isEqualTo(50);
    assertThat(scheduler.pending()).isEqualTo(1);
    assertThat(scheduler.executed()).isEqualTo(50);
  }

  @Test
  void rejectsNegativeDelay() {
    assertThatThrownBy(() -> scheduler.schedule(Duration.ofMillis(-1), () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delay must be >= 0");
  }

  @Test
  void cancelledTasksLeaveThePendingCountAndNeverMoveTheClock() {
    List<Cancellable> tasks = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      tasks.add(scheduler.schedule(Duration.ofSeconds(1 + i % 50), () -> {}));
    }
    List<String> ran = new ArrayList<>();
    scheduler.schedule(Duration.ofSeconds(7), () -> ran.add("kept"));
    tasks.forEach(Cancellable::cancel);

    assertThat(scheduler.pending()).isEqualTo(1);
    assertThat(scheduler.runUntilIdle(100)).isEqualTo(1);
    assertThat(ran).containsExactly("kept");
    assertThat(scheduler.now()).isEqualTo(Instant.ofEpochMilli(8_000));
    assertThat(scheduler.runNext()).isFalse();
    assertThat(scheduler.now()).isEqualTo(Instant.ofEpochMilli(8_000));
  }

  @Test
  void runsTasksOnTheThreadThatDrivesIt() {
    assertThat(scheduler.inSchedulerThread()).isTrue();
  }
}
