package org.allocationcommons.sync.store;

import java.util.function.UnaryOperator;

/**
 * A {@link ReadableStore} its owner sets. Setting a value equal to the current one notifies nobody.
 * Notifications follow the order of {@code set} calls when the store is set from one thread at a
 * time, which is how the sync layer uses it (everything on the node's scheduler).
 *
 * @param <T> the value type, never null
 */
public interface WritableStore<T> extends ReadableStore<T> {

  /**
   * Replaces the value and, if it changed, notifies the subscribers.
   *
   * @param value the new value
   */
  void set(T value);

  /**
   * Sets {@code f(current)}.
   *
   * @param f computes the new value from the current one
   */
  default void update(UnaryOperator<T> f) {
    set(f.apply(get()));
  }
}
