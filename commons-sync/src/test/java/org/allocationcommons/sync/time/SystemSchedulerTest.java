package org.allocationcommons.sync.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SystemSchedulerTest {

  @Test
  void runsTasksOneAtATimeOnItsOwnThreadAndSurvivesFailures() throws InterruptedException {
    try (SystemScheduler scheduler = Scheduler.system("test-scheduler")) {
      List<String> threads = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(1);
      scheduler.execute(
          () -> {
            throw new IllegalStateException("isolated");
          });
      scheduler.execute(() -> threads.add(Thread.currentThread().getName()));
      scheduler.schedule(Duration.ofMillis(5), done::countDown);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(threads).containsExactly("test-scheduler");
    }
  }

  @Test
  void closedSchedulerRejectsWork() {
    SystemScheduler scheduler = Scheduler.system("closed");
    scheduler.close();
    assertThat(scheduler.isClosed()).isTrue();
    assertThatThrownBy(() -> scheduler.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void knowsWhetherTheCallerIsItsThread() throws Exception {
    try (SystemScheduler scheduler = Scheduler.system("test-scheduler")) {
      CompletableFuture<Boolean> inside = new CompletableFuture<>();
      scheduler.execute(() -> inside.complete(scheduler.inSchedulerThread()));
      assertThat(inside.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(scheduler.inSchedulerThread()).isFalse();
    }
  }
}
