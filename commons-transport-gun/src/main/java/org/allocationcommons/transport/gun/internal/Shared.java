package org.allocationcommons.transport.gun.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.allocationcommons.transport.gun.Dialect;
import org.allocationcommons.transport.gun.GunOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of one transport share: its settings, one lock over the values held, the publishes
 * waiting and the listeners (so that each step that reads several of them sees them together), the
 * counters and the relay connections.
 */
public final class Shared {

  /** The node key that holds a document's payload. */
  public static final String KEY = "doc";

  /**
   * Every part logs under the facade's name, so that a logging configuration written for {@code
   * GunTransport} keeps covering all of it.
   */
  public static final Logger LOG = LoggerFactory.getLogger("org.allocationcommons.transport.gun.GunTransport");

  /** The value of one node we hold: the latest by HAM. */
  public record Held(String path, double state, String value) {}

  public final GunOptions options;
  public final Dialect dialect;
  public final Clock clock;
  public final ScheduledExecutorService scheduler;
  public final Counters counters;
  public final Ids ids = Ids.random();
  /** Our GUN peer id, sent in answer to a relay's hello. */
  public final String pid = Ids.randomText(9);
  public final RecentIds seen = new RecentIds(16_384);

  /** Guards {@link #held}, {@link #ownSouls}, {@link #closed}, {@link #ledger} and {@link #listeners}. */
  public final Object lock = new Object();
  public final Ledger ledger;
  public final Listeners listeners;
  private final Map<String, Held> held = new HashMap<>();
  /** The souls this transport has published (the Holster dialect answers gets only for these). */
  private final Set<String> ownSouls = new HashSet<>();
  private boolean closed;
  private volatile List<Connection> peers = List.of();

  public Shared(
      GunOptions options, Dialect dialect, Clock clock, ScheduledExecutorService scheduler,
      Counters counters, Listeners listeners) {
    this.options = options;
    this.dialect = dialect;
    this.clock = clock;
    this.scheduler = scheduler;
    this.counters = counters;
    this.ledger = new Ledger(counters);
    this.listeners = listeners;
  }

  /** Sets the relay connections (once, before any connects). */
  public void attach(List<Connection> connections) {
    this.peers = List.copyOf(connections);
  }

  /** The relay connections. */
  public List<Connection> peers() {
    return peers;
  }

  /** Sends {@code frame} on every connected relay. */
  public void sendAll(String frame) {
    for (Connection p : peers) {
      p.send(frame);
    }
  }

  /** The value held for {@code soul}, or null (under the lock). */
  public Held held(String soul) {
    return held.get(soul);
  }

  /** Holds {@code value} for {@code soul} (under the lock). */
  public void hold(String soul, Held value) {
    held.put(soul, value);
  }

  /** Records that we published {@code soul} (under the lock). */
  public void markOwn(String soul) {
    ownSouls.add(soul);
  }

  /** Whether we published {@code soul} (under the lock). */
  public boolean isOwn(String soul) {
    return ownSouls.contains(soul);
  }

  /** Whether the transport is closed (under the lock). */
  public boolean isClosed() {
    return closed;
  }

  /** Marks the transport closed (under the lock); false if it already was. */
  public boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  /** Throws if the transport is closed (under the lock). */
  public void requireOpen() {
    if (closed) {
      throw new IllegalStateException("gun transport is closed");
    }
  }
}
