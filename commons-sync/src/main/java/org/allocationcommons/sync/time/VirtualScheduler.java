package org.allocationcommons.sync.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} in virtual time: nothing runs until the caller drives it with {@link #runNext()},
 * {@link #advanceBy(Duration)}, {@link #runUntil(Instant)} or {@link #runUntilIdle(int)}; time jumps
 * straight to the next due task. Tasks due at the same instant run in submission order, so a run is
 * reproducible bit for bit. Not thread-safe: drive it from one thread (tasks may schedule more tasks).
 *
 * <p>A task that throws is isolated: the failure is logged, kept in {@link #failures()}, and later
 * tasks still run.
 */
public final class VirtualScheduler implements Scheduler {

  private static final Logger log = LoggerFactory.getLogger(VirtualScheduler.class);

  private final PriorityQueue<Task> queue =
      new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private final List<Throwable> failures = new ArrayList<>();
  private final VirtualClock clock = new VirtualClock();
  private long nowNanos;
  private long sequence;
  private int live;
  private long executed;

  private VirtualScheduler(Instant start) {
    this.nowNanos = Math.multiplyExact(start.getEpochSecond(), 1_000_000_000L) + start.getNano();
  }

  /**
   * A scheduler whose virtual clock starts at {@code start}.
   *
   * @param start the first instant of the clock
   * @return the scheduler
   */
  public static VirtualScheduler startingAt(Instant start) {
    return new VirtualScheduler(Objects.requireNonNull(start, "start"));
  }

  /**
   * A scheduler whose virtual clock starts at 2026-01-01T00:00:00Z.
   *
   * @return the scheduler
   */
  public static VirtualScheduler startingAtDefaultEpoch() {
    return startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /**
   * The current virtual instant.
   *
   * @return the current virtual instant
   */
  public Instant now() {
    return Instant.ofEpochSecond(Math.floorDiv(nowNanos, 1_000_000_000L), Math.floorMod(nowNanos, 1_000_000_000L));
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Scheduler.requireDelay(delay);
    Objects.requireNonNull(task, "task");
    Task t = new Task(Math.addExact(nowNanos, delay.toNanos()), sequence++, task);
    queue.add(t);
    live++;
    return () -> {
      if (t.done) {
        return false;
      }
      // Amortised O(1): the task is only marked; the queue drops it when it comes due, or all
      // marked tasks at once when they outnumber the live ones (so garbage never dominates memory).
      t.done = true;
      live--;
      if (queue.size() > 64 && queue.size() > 2 * live) {
        queue.removeIf(x -> x.done);
      }
      return true;
    };
  }

  /** Always {@code true}: a virtual scheduler runs its tasks on the thread that drives it. */
  @Override
  public boolean inSchedulerThread() {
    return true;
  }

  private void dropCancelledHead() {
    while (!queue.isEmpty() && queue.peek().done) {
      queue.poll();
    }
  }

  /**
   * Runs the next due task, moving the clock forward to its due time.
   *
   * @return {@code false} if no task was pending
   */
  public boolean runNext() {
    dropCancelledHead();
    Task t = queue.poll();
    if (t == null) {
      return false;
    }
    nowNanos = Math.max(nowNanos, t.due);
    t.done = true;
    live--;
    executed++;
    try {
      t.task.run();
    } catch (RuntimeException | Error e) {
      failures.add(e);
      log.error("virtual task {} failed at {}; later tasks still run", t.task, now(), e);
    }
    return true;
  }

  /**
   * Runs every task due up to and including {@code until}, then sets the clock to {@code until}.
   *
   * @param until the instant to run up to
   */
  public void runUntil(Instant until) {
    long limit = Math.multiplyExact(until.getEpochSecond(), 1_000_000_000L) + until.getNano();
    dropCancelledHead();
    while (!queue.isEmpty() && queue.peek().due <= limit) {
      runNext();
      dropCancelledHead();
    }
    nowNanos = Math.max(nowNanos, limit);
  }

  /**
   * Runs every task due within {@code duration} from now and advances the clock by it.
   *
   * @param duration how far to advance the clock
   */
  public void advanceBy(Duration duration) {
    Scheduler.requireDelay(duration);
    runUntil(now().plus(duration));
  }

  /**
   * Runs tasks until none is pending or {@code maxTasks} have run (a guard against tasks that
   * reschedule themselves forever, like heartbeats).
   *
   * @param maxTasks the most tasks to run
   * @return the number of tasks run
   */
  public int runUntilIdle(int maxTasks) {
    int n = 0;
    while (n < maxTasks && runNext()) {
      n++;
    }
    return n;
  }

  /**
   * How many tasks are waiting.
   *
   * @return the number of tasks waiting
   */
  public int pending() {
    return live;
  }

  /**
   * How many tasks have run so far.
   *
   * @return the number of tasks run
   */
  public long executed() {
    return executed;
  }

  /**
   * Failures of tasks run so far, oldest first.
   *
   * @return the failures
   */
  public List<Throwable> failures() {
    return List.copyOf(failures);
  }

  private static final class Task {
    final long due;
    final long seq;
    final Runnable task;
    boolean done;

    Task(long due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }
  }

  private final class VirtualClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a virtual clock is always UTC");
    }

    @Override
    public Instant instant() {
      return now();
    }

    @Override
    public long millis() {
      return Math.floorDiv(nowNanos, 1_000_000L);
    }
  }
}
