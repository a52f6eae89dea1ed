package org.allocationcommons.sync.time;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Scheduler} on one real thread; see {@link Scheduler#system(String)}. */
public final class SystemScheduler implements Scheduler, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SystemScheduler.class);

  private final Clock clock;
  private final ScheduledThreadPoolExecutor executor;
  private volatile Thread worker;

  SystemScheduler(Clock clock, ThreadFactory threadFactory) {
    this.clock = clock;
    ThreadFactory remembering =
        r -> {
          Thread t = threadFactory.newThread(r);
          worker = t;
          return t;
        };
    this.executor = new ScheduledThreadPoolExecutor(1, remembering);
    this.executor.setRemoveOnCancelPolicy(true);
    this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Scheduler.requireDelay(delay);
    ScheduledFuture<?> future =
        executor.schedule(() -> runIsolated(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public boolean inSchedulerThread() {
    return Thread.currentThread() == worker;
  }

  private static void runIsolated(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      log.error("scheduled task {} failed; later tasks still run", task, e);
    }
  }

  /** Stops the thread; tasks not yet started are dropped. Idempotent. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return executor.isShutdown();
  }
}
