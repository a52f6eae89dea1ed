package org.allocationcommons.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.sync.time.Scheduler;
import org.allocationcommons.sync.time.SystemScheduler;
import org.allocationcommons.sync.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

/** Every stage handed out completes: with the result, the failure, or on close (issue 10, finding 6). */
class HopsTest {

  @Test
  void aStageCompletesWithTheTasksResultOrFailure() {
    VirtualScheduler s = VirtualScheduler.startingAtDefaultEpoch();
    Hops hops = new Hops(s, "me");
    CompletableFuture<Integer> ok = hops.call(() -> 42).toCompletableFuture();
    CompletableFuture<Integer> bad = hops.<Integer>call(() -> {
      throw new IllegalArgumentException("no");
    }).toCompletableFuture();
    assertThat(hops.pending()).isEqualTo(2);
    while (s.runNext()) {}
    assertThat(ok).isCompletedWithValue(42);
    assertThat(bad).isCompletedExceptionally();
    assertThat(hops.pending()).isZero();
  }

  @Test
  void closingFailsTheStagesStillQueuedAndRefusesNewCalls() {
    VirtualScheduler s = VirtualScheduler.startingAtDefaultEpoch();
    Hops hops = new Hops(s, "me");
    CompletableFuture<Integer> queued = hops.call(() -> 1).toCompletableFuture();
    hops.close();
    assertThat(queued).isCompletedExceptionally();
    assertThatThrownBy(queued::join).hasMessageContaining("node me closed before the task ran");
    while (s.runNext()) {} // the task, run late, changes nothing
    assertThat(queued).isCompletedExceptionally();
    assertThatThrownBy(() -> hops.call(() -> 2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void aSchedulerThatRefusesTasksFailsTheStageAtOnce() throws Exception {
    SystemScheduler s = Scheduler.system("hops-test");
    Hops hops = new Hops(s, "me");
    s.close();
    CompletableFuture<Integer> f = hops.call(() -> 1).toCompletableFuture();
    assertThat(f).isCompletedExceptionally();
    assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).hasMessageContaining("scheduler refused the task");
    assertThat(hops.callAndWait(() -> 7)).isEqualTo(7); // after shutdown, run here: nothing else runs
  }
}
