package org.allocationcommons.sync.store;

import java.time.Duration;
import java.util.Objects;
import org.allocationcommons.sync.time.Cancellable;
import org.allocationcommons.sync.time.Scheduler;

/**
 * Coalesces bursts of triggers into one run of an action on a {@link Scheduler}: the first
 * {@link #trigger()} schedules the action {@code delay} later, and triggers before it runs join that
 * run (the timer is not restarted, so a steady stream of changes cannot starve it: latency is at
 * most {@code delay}). With a zero delay the action still runs as a separate scheduler task. Use it
 * from the scheduler's thread.
 */
public final class Debouncer {

  private final Scheduler scheduler;
  private final Duration delay;
  private final Runnable action;
  private Cancellable pending;

  private Debouncer(Scheduler scheduler, Duration delay, Runnable action) {
    this.scheduler = scheduler;
    this.delay = delay;
    this.action = action;
  }

  /**
   * A debouncer running {@code action} on {@code scheduler} at most once per {@code delay} burst.
   *
   * @param scheduler where the action runs
   * @param delay the quiet time after the first call of a burst
   * @param action what to run
   * @return the debouncer
   */
  public static Debouncer of(Scheduler scheduler, Duration delay, Runnable action) {
    return new Debouncer(
        Objects.requireNonNull(scheduler, "scheduler"),
        Scheduler.requireDelay(delay),
        Objects.requireNonNull(action, "action"));
  }

  /** Schedules the action unless a run is already pending. */
  public void trigger() {
    if (pending == null) {
      pending = scheduler.schedule(delay, this::fire);
    }
  }

  /**
   * Whether a run is scheduled and has not started.
   *
   * @return true when a run is scheduled and has not started
   */
  public boolean isPending() {
    return pending != null;
  }

  /** Cancels the pending run, if any. */
  public void cancel() {
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
  }

  /** Runs the action now if a run was pending (and cancels the scheduled one). */
  public void flush() {
    if (pending != null) {
      cancel();
      action.run();
    }
  }

  private void fire() {
    pending = null;
    action.run();
  }
}
