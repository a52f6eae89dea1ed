package org.allocationcommons.transport.gun.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.allocationcommons.sync.spi.DeliveryListener;

/**
 * The local listeners, by soul, and their delivery thread: every listener is called on it, in
 * order, and one that throws does not keep the payload from the others. The registry methods are
 * called under the transport's lock; {@link #deliver} from any thread.
 */
public final class Listeners {

  /** One listener on one soul. */
  public static final class Sub {
    final String path;
    final DeliveryListener listener;
    volatile boolean open = true;

    Sub(String path, DeliveryListener listener) {
      this.path = path;
      this.listener = listener;
    }

    /** Whether this listener still wants deliveries. */
    public boolean isOpen() {
      return open;
    }
  }

  private final Map<String, List<Sub>> bySoul = new HashMap<>();
  private final ExecutorService delivery;
  private final Counters counters;

  /** Listeners called on {@code delivery}, counted in {@code counters}. */
  public Listeners(ExecutorService delivery, Counters counters) {
    this.delivery = delivery;
    this.counters = counters;
  }

  /** Adds a listener on {@code soul}. */
  public Sub add(String soul, String path, DeliveryListener listener) {
    Sub sub = new Sub(path, listener);
    bySoul.computeIfAbsent(soul, s -> new ArrayList<>()).add(sub);
    return sub;
  }

  /** Removes a listener (it gets nothing more). */
  public void remove(String soul, Sub sub) {
    sub.open = false;
    List<Sub> list = bySoul.get(soul);
    if (list != null) {
      list.remove(sub);
      if (list.isEmpty()) {
        bySoul.remove(soul);
      }
    }
  }

  /** The listeners on {@code soul} now, or null if there is none. */
  public List<Sub> on(String soul) {
    List<Sub> list = bySoul.get(soul);
    return list == null ? null : List.copyOf(list);
  }

  /** The souls listened to. */
  public List<String> souls() {
    return List.copyOf(bySoul.keySet());
  }

  /** Closes and removes every listener. */
  public void clear() {
    bySoul.values().forEach(list -> list.forEach(s -> s.open = false));
    bySoul.clear();
  }

  /** Hands {@code payload} (a copy each) to the open listeners among {@code targets}, on the delivery thread. */
  public void deliver(List<Sub> targets, String path, byte[] payload) {
    if (targets.isEmpty()) {
      return;
    }
    try {
      delivery.execute(
          () -> {
            for (Sub s : targets) {
              if (!s.open) {
                continue;
              }
              try {
                s.listener.onDelivery(path, payload.clone());
                counters.delivered.incrementAndGet();
              } catch (RuntimeException e) {
                counters.listenerFailures.incrementAndGet();
                Shared.LOG.warn("listener on {} threw; other listeners still get the payload", path, e);
              }
            }
          });
    } catch (RejectedExecutionException e) {
      Shared.LOG.debug("transport closed; dropped a delivery on {}", path);
    }
  }

  /** Stops the delivery thread once what is queued has been delivered. */
  public void shutdown() {
    delivery.shutdown();
  }
}
