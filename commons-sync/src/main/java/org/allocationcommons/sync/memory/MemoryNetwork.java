package org.allocationcommons.sync.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.allocationcommons.sync.spi.DeliveryListener;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process bus that many {@link Transport}s attach to: the embedded default transport, for
 * many nodes in one JVM (tests, the simulator, a single-process commons).
 *
 * <p>It keeps the latest payload of every path and hands it to each new subscriber, then every later
 * one. Delivery is either immediate, on the publisher's thread ({@link #create()}), or after a fixed
 * latency on a {@link Scheduler} ({@link #withLatency}). Listeners are always called outside the
 * bus's lock, each with its own copy of the bytes, and one failing listener never stops delivery to
 * the others (the failure is logged and counted). Thread-safe.
 *
 * <p>The {@code memory} {@link org.allocationcommons.sync.spi.TransportProvider} attaches to
 * {@link #shared(String) named shared buses}: transports opened with the same {@code network} option
 * (default {@code "default"}) see each other.
 */
public final class MemoryNetwork {

  private static final Logger log = LoggerFactory.getLogger(MemoryNetwork.class);
  private static final Map<String, MemoryNetwork> SHARED = new ConcurrentHashMap<>();

  private final Object lock = new Object();
  private final Map<String, byte[]> latest = new HashMap<>();
  private final Map<String, List<Sub>> subscribers = new HashMap<>();
  private final Scheduler scheduler;
  private final Duration latency;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong publishedBytes = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong deliveredBytes = new AtomicLong();
  private final AtomicLong listenerFailures = new AtomicLong();

  private MemoryNetwork(Scheduler scheduler, Duration latency) {
    this.scheduler = scheduler;
    this.latency = latency;
  }

  /**
   * A bus that delivers immediately, on the publishing thread.
   *
   * @return the bus
   */
  public static MemoryNetwork create() {
    return new MemoryNetwork(null, Duration.ZERO);
  }

  /**
   * A bus that delivers every payload {@code latency} after it was published (or subscribed to),
   * as a task on {@code scheduler}; with a virtual scheduler, delivery is reproducible.
   *
   * @param scheduler where deliveries run
   * @param latency the delay of every delivery
   * @return the bus
   */
  public static MemoryNetwork withLatency(Scheduler scheduler, Duration latency) {
    return new MemoryNetwork(Objects.requireNonNull(scheduler, "scheduler"), Scheduler.requireDelay(latency));
  }

  /**
   * The process-wide bus named {@code name}, created (immediate delivery) on first use.
   *
   * @param name the bus's name
   * @return the shared bus
   */
  public static MemoryNetwork shared(String name) {
    Objects.requireNonNull(name, "name");
    return SHARED.computeIfAbsent(name, n -> create());
  }

  /**
   * A new transport attached to this bus.
   *
   * @return the transport
   */
  public Transport transport() {
    return new MemoryTransport(this);
  }

  /**
   * The latest payload published at {@code path}, if any (a copy).
   *
   * @param path the document path
   * @return a copy of the latest payload, or empty if none
   */
  public Optional<byte[]> latest(String path) {
    synchronized (lock) {
      byte[] b = latest.get(path);
      return b == null ? Optional.empty() : Optional.of(b.clone());
    }
  }

  /**
   * Number of publishes so far.
   *
   * @return the number of publishes
   */
  public long published() {
    return published.get();
  }

  /**
   * Total payload bytes published so far.
   *
   * @return the payload bytes published
   */
  public long publishedBytes() {
    return publishedBytes.get();
  }

  /**
   * Number of deliveries to listeners so far (one publish reaches each subscriber once).
   *
   * @return the number of deliveries
   */
  public long delivered() {
    return delivered.get();
  }

  /**
   * Total payload bytes delivered to listeners so far.
   *
   * @return the payload bytes delivered
   */
  public long deliveredBytes() {
    return deliveredBytes.get();
  }

  /**
   * How many listener calls threw (each was isolated and logged).
   *
   * @return the number of listener calls that threw
   */
  public long listenerFailures() {
    return listenerFailures.get();
  }

  void publish(String path, byte[] payload) {
    DocumentPaths.requireValid(path);
    byte[] copy = payload.clone();
    List<Sub> targets;
    synchronized (lock) {
      latest.put(path, copy);
      targets = new ArrayList<>(subscribers.getOrDefault(path, List.of()));
    }
    published.incrementAndGet();
    publishedBytes.addAndGet(copy.length);
    for (Sub s : targets) {
      deliver(s, path, copy);
    }
  }

  Sub subscribe(String path, DeliveryListener listener, MemoryTransport owner) {
    DocumentPaths.requireValid(path);
    Sub sub = new Sub(path, listener, owner);
    byte[] current;
    synchronized (lock) {
      subscribers.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(sub);
      current = latest.get(path);
    }
    if (current != null) {
      deliver(sub, path, current);
    }
    return sub;
  }

  void unsubscribe(Sub sub) {
    sub.closed = true;
    synchronized (lock) {
      List<Sub> l = subscribers.get(sub.path);
      if (l != null) {
        l.remove(sub);
        if (l.isEmpty()) {
          subscribers.remove(sub.path);
        }
      }
    }
  }

  private void deliver(Sub sub, String path, byte[] payload) {
    if (scheduler == null) {
      call(sub, path, payload);
    } else {
      scheduler.schedule(latency, () -> call(sub, path, payload));
    }
  }

  private void call(Sub sub, String path, byte[] payload) {
    if (sub.closed) {
      return;
    }
    delivered.incrementAndGet();
    deliveredBytes.addAndGet(payload.length);
    try {
      sub.listener.onDelivery(path, payload.clone());
    } catch (RuntimeException e) {
      listenerFailures.incrementAndGet();
      log.error("listener of {} failed; other listeners still receive it", path, e);
    }
  }

  static final class Sub {
    final String path;
    final DeliveryListener listener;
    final MemoryTransport owner;
    volatile boolean closed;

    Sub(String path, DeliveryListener listener, MemoryTransport owner) {
      this.path = path;
      this.listener = listener;
      this.owner = owner;
    }
  }
}
