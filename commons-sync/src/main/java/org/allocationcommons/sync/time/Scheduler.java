package org.allocationcommons.sync.time;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Where the sync layer takes time from and runs its delayed work: debounces, heartbeats, persistence.
 *
 * <p>Every implementation runs its tasks <em>one at a time</em>, in order of due time and, for equal
 * due times, of submission. A component that does all its work on one scheduler therefore needs no
 * locks. {@link #system(String)} runs on a real thread against the system clock;
 * {@link VirtualScheduler} runs in virtual time, so tests and the simulator are fast and reproducible.
 */
public interface Scheduler {

  /**
   * The clock all time readings of components on this scheduler come from.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * Runs {@code task} once, {@code delay} from now. A task that throws is isolated: the failure is
   * reported (logged) and later tasks still run.
   *
   * @param delay how long from now, not negative
   * @param task what to run
   * @return a handle that cancels the task if it has not run
   * @throws IllegalArgumentException if {@code delay} is negative
   * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
   */
  Cancellable schedule(Duration delay, Runnable task);

  /**
   * Runs {@code task} as soon as possible, after the tasks already due.
   *
   * @param task what to run
   * @return a handle that cancels the task if it has not run
   */
  default Cancellable execute(Runnable task) {
    return schedule(Duration.ZERO, task);
  }

  /**
   * Whether the calling thread is the one that runs this scheduler's tasks, so a component confined
   * to the scheduler may do its work inline instead of handing it over and waiting. Implementations
   * driven by the caller (like {@link VirtualScheduler}) answer {@code true}; the default,
   * {@code false}, is the safe answer for a scheduler whose tasks run on another thread.
   *
   * @return true when called from this scheduler's thread
   */
  default boolean inSchedulerThread() {
    return false;
  }

  /**
   * The current instant in epoch milliseconds, from {@link #clock()}.
   *
   * @return the current time, epoch milliseconds
   */
  default long nowMillis() {
    return clock().millis();
  }

  /**
   * A scheduler backed by one daemon thread named {@code threadName} and the system UTC clock.
   * Close it with {@link SystemScheduler#close()} when done.
   *
   * @param threadName the name of the scheduler thread
   * @return the scheduler
   */
  static SystemScheduler system(String threadName) {
    Objects.requireNonNull(threadName, "threadName");
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, threadName);
          t.setDaemon(true);
          return t;
        };
    return new SystemScheduler(Clock.systemUTC(), factory);
  }

  /**
   * Validates a delay argument.
   *
   * @param delay the delay to check
   * @return {@code delay}, when not null and not negative
   */
  static Duration requireDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must be >= 0, was " + delay);
    }
    return delay;
  }
}
