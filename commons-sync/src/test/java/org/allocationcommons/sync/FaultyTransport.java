package org.allocationcommons.sync;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.allocationcommons.sync.spi.Subscription;
import org.allocationcommons.sync.spi.Transport;

/** A transport around another that counts publishes by path and can drop deliveries, for tests. */
final class FaultyTransport implements Transport {

  private final Transport delegate;
  private final Map<String, AtomicLong> publishes = new ConcurrentHashMap<>();
  private volatile Predicate<String> dropDeliveriesOf = path -> false;

  FaultyTransport(Transport delegate) {
    this.delegate = Objects.requireNonNull(delegate);
  }

  /** From now on, deliveries to this transport's subscribers on matching paths are lost. */
  void dropDeliveriesOf(Predicate<String> paths) {
    this.dropDeliveriesOf = paths;
  }

  void deliverEverything() {
    this.dropDeliveriesOf = path -> false;
  }

  long publishesOf(String path) {
    AtomicLong n = publishes.get(path);
    return n == null ? 0 : n.get();
  }

  @Override
  public CompletionStage<Void> publish(String path, byte[] payload) {
    publishes.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
    return delegate.publish(path, payload);
  }

  @Override
  public Subscription subscribe(String path, org.allocationcommons.sync.spi.DeliveryListener listener) {
    return delegate.subscribe(
        path,
        (p, payload) -> {
          if (!dropDeliveriesOf.test(p)) {
            listener.onDelivery(p, payload);
          }
        });
  }

  @Override
  public String name() {
    return "faulty-" + delegate.name();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
