package org.allocationcommons.sync;

import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.spi.Connectivity;

/**
 * Hooks for a host to observe a {@link CommonsNode}, in the manner of OkHttp's {@code
 * EventListener}: every method has an empty default, override what you need. Called on the node's
 * scheduler thread: return quickly and never block. A listener that throws is isolated (counted in
 * {@link Diagnostics#listenerFailures()}) and does not disturb the node.
 */
public interface NodeListener {

  /** A listener that ignores everything. */
  NodeListener NONE = new NodeListener() {};

  /**
   * The transport's link changed (connected, disconnected, reconnected).
   *
   * @param previous the connectivity before the change
   * @param current the connectivity now
   */
  default void connectivityChanged(Connectivity previous, Connectivity current) {}

  /**
   * A delivered document was refused before reaching any store, for {@code reason}.
   *
   * @param path the path delivered at
   * @param reason why it was refused
   * @param detail what was wrong, for logs
   */
  default void documentRejected(String path, Rejection reason, String detail) {}

  /**
   * The node published a document of {@code bytes} bytes at {@code path}.
   *
   * @param path the document path
   * @param bytes the envelope size
   */
  default void published(String path, int bytes) {}

  /**
   * The node did not publish at {@code path}, for {@code reason} (its storage failed, so the stamp
   * would not be durable; or the document would exceed the size limit).
   *
   * @param path the document path
   * @param reason why it was not published
   */
  default void publicationRefused(String path, String reason) {}

  /**
   * {@link CommonsNode#converged()} changed; {@code status} says why when false.
   *
   * @param status the new convergence status
   */
  default void convergenceChanged(ConvergenceStatus status) {}
}
