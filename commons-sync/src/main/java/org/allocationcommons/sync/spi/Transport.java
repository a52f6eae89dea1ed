package org.allocationcommons.sync.spi;

import java.util.concurrent.CompletionStage;

/**
 * Moves opaque documents between peers, by path.
 *
 * <p>A path names one document of one participant, for example {@code ~<pubKey>/allocation/commitment}
 * (see {@link DocumentPaths}). The payload is the signed envelope produced by the layer above, as UTF-8 JSON
 * bytes; a transport never parses, validates or trusts it.
 *
 * <p>Delivery guarantees are deliberately weak so that any real network fits: <em>at least once</em>,
 * possibly duplicated, possibly reordered, with no ordering between paths. The layer above
 * de-duplicates and orders with ITC stamps and signatures. A transport must deliver to a subscriber the
 * latest payload it already holds for the path when the subscription starts, if any.
 *
 * <p>Implementations are thread-safe. Listeners are never called while the transport holds a lock,
 * and an exception thrown by one listener never prevents delivery to another.
 */
public interface Transport extends AutoCloseable {

  /**
   * Publishes {@code payload} as the current document at {@code path}.
   *
   * @param path the document path
   * @param payload the document bytes
   * @return completes normally once the transport has durably handed the document over (to the
   *     in-memory bus, or acknowledged by a relay); completes exceptionally if it never will be, for
   *     example because the transport was closed first
   * @throws IllegalArgumentException if the path is not a valid path (see {@link DocumentPaths#requireValid})
   * @throws IllegalStateException if the transport is closed
   */
  CompletionStage<Void> publish(String path, byte[] payload);

  /**
   * Starts delivering every payload published at {@code path}, by anyone, to {@code listener},
   * including the latest one already known.
   *
   * @param path the document path
   * @param listener receives each payload
   * @return a handle whose {@link Subscription#close()} stops delivery
   * @throws IllegalArgumentException if the path is not a valid path
   * @throws IllegalStateException if the transport is closed
   */
  Subscription subscribe(String path, DeliveryListener listener);

  /**
   * A short, stable name for logs and diagnostics, such as {@code memory} or {@code gun}.
   *
   * @return the transport's name
   */
  String name();

  /**
   * What this transport knows of its link now. The default, for transports that cannot tell, is
   * {@link Connectivity#UNKNOWN}; a transport with connections (relays, sockets) should override
   * this and {@link #addConnectivityListener}.
   *
   * @return the current connectivity
   */
  default Connectivity connectivity() {
    return Connectivity.UNKNOWN;
  }

  /**
   * Registers {@code listener} for changes of {@link #connectivity()}. The default never calls it
   * (its connectivity never changes).
   *
   * @param listener called on each change
   * @return a handle whose {@link AutoCloseable#close()} unregisters the listener; idempotent
   */
  default Registration addConnectivityListener(ConnectivityListener listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    return () -> {};
  }

  /** A listener's registration; closing it stops notifications. Idempotent. */
  @FunctionalInterface
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Stops all subscriptions and releases network resources. Pending publishes complete
   * exceptionally. Idempotent.
   */
  @Override
  void close();
}
