package org.allocationcommons.testkit.sim.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.allocationcommons.sync.time.Cancellable;
import org.allocationcommons.sync.time.Scheduler;
import org.allocationcommons.sync.time.VirtualScheduler;

/**
 * One node's view of the simulation's shared {@link VirtualScheduler}, which can be killed to crash
 * the node: from {@link #kill()} on, none of the node's pending tasks runs and new ones are dropped,
 * exactly as if its process had died (nothing is flushed). Other nodes' tasks are unaffected, and the
 * order of all tasks stays the shared scheduler's, so runs stay reproducible.
 *
 * <p>Not thread-safe, like the shared scheduler: drive both from one thread.
 */
public final class NodeScheduler implements Scheduler {

  private final VirtualScheduler shared;
  private boolean dead;
  private long dropped;

  /** A live view of {@code shared}. */
  public NodeScheduler(VirtualScheduler shared) {
    this.shared = Objects.requireNonNull(shared, "shared");
  }

  @Override
  public Clock clock() {
    return shared.clock();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Scheduler.requireDelay(delay);
    Objects.requireNonNull(task, "task");
    if (dead) {
      dropped++;
      return () -> false;
    }
    Entry entry = new Entry(task);
    shared.schedule(delay, entry);
    return entry;
  }

  /** Like the shared scheduler, the node runs its tasks on the thread that drives the simulation. */
  @Override
  public boolean inSchedulerThread() {
    return shared.inSchedulerThread();
  }

  /**
   * A task and its state. Cancelling only marks it, in O(1): the shared queue drops it when due, and
   * a task of a killed node is dropped the same way.
   */
  private final class Entry implements Runnable, Cancellable {
    private final Runnable task;
    private boolean cancelled;
    private boolean started;

    Entry(Runnable task) {
      this.task = task;
    }

    @Override
    public void run() {
      if (cancelled) {
        return;
      }
      started = true;
      if (dead) {
        dropped++;
      } else {
        task.run();
      }
    }

    @Override
    public boolean cancel() {
      if (cancelled || started) {
        return false;
      }
      cancelled = true;
      return true;
    }
  }

  /** Crashes the node: its pending and future tasks never run. Idempotent. */
  public void kill() {
    dead = true;
  }

  /** Whether {@link #kill()} was called. */
  public boolean isDead() {
    return dead;
  }

  /** How many of the node's tasks were dropped because it was dead. */
  public long dropped() {
    return dropped;
  }
}
