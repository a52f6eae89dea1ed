package org.allocationcommons.sync.store;

/** A listener's registration with a store; closing it stops notifications. Idempotent. */
@FunctionalInterface
public interface Registration extends AutoCloseable {

  /** Stops notifications to this listener. */
  @Override
  void close();
}
