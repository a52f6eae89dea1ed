package org.allocationcommons.sync.memory;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.allocationcommons.sync.spi.DeliveryListener;
import org.allocationcommons.sync.spi.Subscription;
import org.allocationcommons.sync.spi.Transport;

/** One participant's attachment to a {@link MemoryNetwork}; see there for delivery. */
final class MemoryTransport implements Transport {

  private final MemoryNetwork network;
  private final Set<MemoryNetwork.Sub> subs = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  MemoryTransport(MemoryNetwork network) {
    this.network = network;
  }

  @Override
  public CompletionStage<Void> publish(String path, byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    requireOpen();
    network.publish(path, payload);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public Subscription subscribe(String path, DeliveryListener listener) {
    Objects.requireNonNull(listener, "listener");
    requireOpen();
    MemoryNetwork.Sub sub = network.subscribe(path, listener, this);
    subs.add(sub);
    return new Subscription() {
      @Override
      public String path() {
        return path;
      }

      @Override
      public void close() {
        if (subs.remove(sub)) {
          network.unsubscribe(sub);
        }
      }
    };
  }

  @Override
  public String name() {
    return MemoryTransportProvider.NAME;
  }

  @Override
  public void close() {
    closed = true;
    for (MemoryNetwork.Sub s : subs) {
      network.unsubscribe(s);
    }
    subs.clear();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("memory transport is closed");
    }
  }
}
