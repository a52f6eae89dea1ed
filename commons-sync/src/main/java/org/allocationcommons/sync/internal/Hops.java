package org.allocationcommons.sync.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.allocationcommons.sync.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hops of a node's callers onto its scheduler, where all its state lives. Every stage it hands out
 * completes: with the task's result, its failure, or, when the node closes or the scheduler stops
 * accepting tasks before the task ran, with an {@link IllegalStateException} saying so (a caller
 * is never stranded).
 */
public final class Hops {

  private static final Logger log = LoggerFactory.getLogger(Hops.class);

  private final Scheduler scheduler;
  private final String owner;
  private final Set<CompletableFuture<?>> pending = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private volatile boolean closed;

  public Hops(Scheduler scheduler, String owner) {
    this.scheduler = scheduler;
    this.owner = owner;
  }

  /** Whether {@link #close} was called. */
  public boolean closed() {
    return closed;
  }

  /** Fails with {@link IllegalStateException} if closed. */
  public void requireOpen() {
    if (closed) {
      throw new IllegalStateException("node " + owner + " is closed");
    }
  }

  /**
   * Runs {@code s} as a scheduler task; the stage completes with its result or failure, or fails
   * if the node closes first.
   *
   * @throws IllegalStateException if closed
   */
  public <T> CompletionStage<T> call(Supplier<T> s) {
    requireOpen();
    CompletableFuture<T> f = new CompletableFuture<>();
    pending.add(f);
    f.whenComplete((v, e) -> pending.remove(f));
    try {
      scheduler.execute(
          () -> {
            if (f.isDone()) {
              return;
            }
            try {
              f.complete(s.get());
            } catch (RuntimeException e) {
              f.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new IllegalStateException("node " + owner + " is closed: its scheduler refused the task", e));
    }
    return f;
  }

  /** Like {@link #call} for a task that itself returns a stage, flattened. */
  public <T> CompletionStage<T> compose(Supplier<? extends CompletionStage<T>> s) {
    return call(s::get).thenCompose(x -> x);
  }

  /**
   * Runs {@code s} on the scheduler and waits for its result: directly when already there (or
   * virtual) or when the scheduler no longer accepts tasks (the node is closed, nothing else runs).
   */
  public <T> T callAndWait(Supplier<T> s) {
    if (scheduler.inSchedulerThread()) {
      return s.get();
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    AtomicBoolean claimed = new AtomicBoolean();
    try {
      scheduler.execute(
          () -> {
            if (!claimed.compareAndSet(false, true)) {
              return; // the caller gave up waiting and ran it itself
            }
            try {
              f.complete(s.get());
            } catch (RuntimeException e) {
              f.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      return s.get();
    }
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      log.warn("{}: scheduler did not run a task within 10 s", owner);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    // The scheduler is stuck or was shut down with the task queued: run it here, exactly once.
    if (claimed.compareAndSet(false, true)) {
      return s.get();
    }
    return f.join(); // it started on the scheduler meanwhile
  }

  /** {@link #callAndWait} for a task without result. */
  public void runAndWait(Runnable r) {
    callAndWait(
        () -> {
          r.run();
          return null;
        });
  }

  /** Marks the hops closed and fails every stage still pending. Idempotent. */
  public void close() {
    closed = true;
    List<CompletableFuture<?>> left;
    synchronized (pending) {
      left = List.copyOf(pending);
    }
    for (CompletableFuture<?> f : left) {
      f.completeExceptionally(new IllegalStateException("node " + owner + " closed before the task ran"));
    }
  }

  /** How many stages are pending (for tests). */
  public int pending() {
    return pending.size();
  }
}
