package org.allocationcommons.sync.spi;

/** Receives payloads delivered by a {@link Transport}; see its delivery guarantees. */
@FunctionalInterface
public interface DeliveryListener {

  /**
   * Called with each payload delivered at {@code path}. The array is the listener's own copy.
   * Must not block for long: transports call listeners on their delivery threads.
   *
   * @param path the document path delivered at
   * @param payload the delivered bytes
   */
  void onDelivery(String path, byte[] payload);
}
