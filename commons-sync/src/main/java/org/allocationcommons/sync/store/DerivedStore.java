package org.allocationcommons.sync.store;

/**
 * A {@link ReadableStore} computed from other stores (see {@link Stores#derived}). Closing it
 * unsubscribes it from its sources and cancels a pending recomputation.
 *
 * @param <T> the value type
 */
public interface DerivedStore<T> extends ReadableStore<T>, AutoCloseable {

  /** Unsubscribes from the sources. Idempotent. */
  @Override
  void close();
}
