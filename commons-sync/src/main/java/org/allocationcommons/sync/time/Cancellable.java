package org.allocationcommons.sync.time;

/** A scheduled task that may still be cancelled. */
@FunctionalInterface
public interface Cancellable {

  /**
   * Prevents the task from running if it has not started yet.
   *
   * @return {@code true} if this call cancelled it, {@code false} if it had already run, started or
   *     been cancelled
   */
  boolean cancel();
}
