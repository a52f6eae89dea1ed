package org.allocationcommons.sync.spi;

/**
 * Told when a {@link Transport}'s {@link Connectivity} changes. Called on a transport thread, never
 * under a transport lock; must not block. A listener that throws does not stop the others.
 */
@FunctionalInterface
public interface ConnectivityListener {

  /**
   * The link changed from {@code previous} to {@code current}.
   *
   * @param previous the connectivity before the change
   * @param current the connectivity now
   */
  void onConnectivityChange(Connectivity previous, Connectivity current);
}
