package org.allocationcommons.sync.spi;

/** A live subscription to one path. Closing it is idempotent. */
public interface Subscription extends AutoCloseable {

  /**
   * The path this subscription listens to.
   *
   * @return the path
   */
  String path();

  /** Stops delivery to this subscription's listener. Idempotent. */
  @Override
  void close();
}
