package org.allocationcommons.sync.store;

import java.util.function.Consumer;

/**
 * A value that changes over time and tells its subscribers (a reactive store, like Svelte's).
 *
 * @param <T> the value type, never null
 */
public interface ReadableStore<T> {

  /** The current value. */
  T get();

  /**
   * Calls {@code listener} with the current value now, then with every new value, until the
   * returned registration is closed. Listeners are never called while the store holds a lock; a
   * listener that throws is isolated (reported, and the others are still called).
   */
  Registration subscribe(Consumer<? super T> listener);
}
