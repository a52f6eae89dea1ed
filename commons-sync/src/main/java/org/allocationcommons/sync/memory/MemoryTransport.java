package org.allocationcommons.sync.memory;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.allocationcommons.sync.spi.Connectivity;
import org.allocationcommons.sync.spi.ConnectivityListener;
import org.allocationcommons.sync.spi.DeliveryListener;
import org.allocationcommons.sync.spi.Subscription;
import org.allocationcommons.sync.spi.Transport;

/**
 * One participant's attachment to a {@link MemoryNetwork}; see there for delivery. It is connected
 * to the bus from creation until {@link #close()}.
 */
final class MemoryTransport implements Transport {

  private final MemoryNetwork network;
  private final Set<MemoryNetwork.Sub> subs = ConcurrentHashMap.newKeySet();
  private final CopyOnWriteArrayList<ConnectivityListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private static final Connectivity ATTACHED = Connectivity.connected(1, "in-memory bus");
  private static final Connectivity CLOSED = Connectivity.disconnected("transport closed");

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
  public Connectivity connectivity() {
    return closed ? CLOSED : ATTACHED;
  }

  @Override
  public Registration addConnectivityListener(ConnectivityListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ConnectivityListener l : listeners) {
      try {
        l.onConnectivityChange(ATTACHED, CLOSED);
      } catch (RuntimeException e) {
        // a failing listener must not stop the others nor the close
      }
    }
    listeners.clear();
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
