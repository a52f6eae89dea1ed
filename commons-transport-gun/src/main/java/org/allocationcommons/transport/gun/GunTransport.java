package org.allocationcommons.transport.gun;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocationcommons.transport.gun.internal.Connection;
import org.allocationcommons.transport.gun.internal.Counters;
import org.allocationcommons.transport.gun.internal.Inbound;
import org.allocationcommons.transport.gun.internal.Listeners;
import org.allocationcommons.transport.gun.internal.Pacing;
import org.allocationcommons.transport.gun.internal.Pending;
import org.allocationcommons.transport.gun.internal.Publisher;
import org.allocationcommons.transport.gun.internal.Shared;
import org.allocationcommons.transport.gun.internal.Souls;
import org.allocationcommons.transport.gun.internal.Subscriber;
import org.allocationcommons.sync.spi.DeliveryListener;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Subscription;
import org.allocationcommons.sync.spi.Transport;

/**
 * A {@link Transport} that speaks GUN's JSON wire protocol over WebSocket to one or more GUN relays
 * (the {@code gun} npm package's server, for example).
 *
 * <p>A document at {@code ~<pubKey>/allocation/<document>} is the node
 * {@code <namespace>/<pubKey>/<document>} whose key {@value #KEY} holds the payload in base64 (see
 * {@code docs/transports.md} for why). {@link #publish} sends a {@code put} with a fresh message id
 * and HAM state and completes when a relay acknowledges it ({@code "@"} = that id, no {@code err}),
 * or, for relays that never acknowledge (no storage), when reading the node back shows the relay holds
 * it. An unacknowledged publish is looked after again after the ack timeout, then at doubling
 * intervals up to 16 times it (a slow relay is not flooded with re-sends), and sent again after
 * every reconnect. {@link #subscribe} sends a
 * {@code get} for the node (again 1 s and 5 s later, after every reconnect and every {@link
 * GunOptions#resubscribeEvery()}; Holster: only after every reconnect)
 * and delivers each newer value of it. Incoming values are de-duplicated by message id (bounded) and
 * filtered with GUN's HAM rule (an older state, or the same state and value, is not delivered again).
 * Malformed frames are ignored, logged and counted in {@link #stats()}. Connections are re-opened with
 * capped exponential backoff.
 *
 * <p>The same class speaks to Holster relays when opened with {@link Dialect#holster()} (provider
 * {@code holster}); see {@link Dialect} for what differs.
 */
public final class GunTransport implements Transport {

  /** The node key that holds a document's payload. */
  public static final String KEY = Shared.KEY;

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /**
   * How far ahead of our clock an incoming state may be. GUN relays hold such values back until
   * their clock catches up; taking one would make our own next publish (which must beat it) wait for
   * that future too, so a value further ahead is ignored as malformed.
   */
  public static final Duration MAX_FUTURE_STATE = Duration.ofMinutes(1);

  private final Shared shared;
  private final Publisher publisher;
  private final Subscriber subscriber;

  private GunTransport(GunOptions options, Clock clock, Dialect dialect) {
    int n = INSTANCES.incrementAndGet();
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(daemon("gun-transport-" + n + "-scheduler"));
    ExecutorService delivery = Executors.newSingleThreadExecutor(daemon("gun-transport-" + n + "-delivery"));
    Counters counters = new Counters();
    this.shared = new Shared(options, dialect, clock, scheduler, counters, new Listeners(delivery, counters));
    this.publisher = new Publisher(shared);
    this.subscriber = new Subscriber(shared);
    Inbound inbound = new Inbound(shared, MAX_FUTURE_STATE);
    Connection.Handler handler =
        new Connection.Handler() {
          @Override
          public void connected(Connection c) {
            inbound.onConnected(c);
            publisher.onConnected(c);
          }

          @Override
          public void frame(Connection c, String frame) {
            inbound.onFrame(c, frame);
          }

          @Override
          public void malformed(Connection c, String reason) {
            inbound.malformed(c, reason);
          }
        };
    HttpClient http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
    List<Connection> list = new ArrayList<>();
    for (URI uri : options.peers()) {
      Pacing pacing =
          dialect.framesPerMinute() > 0 ? new Pacing(dialect.framesPerMinute(), System.nanoTime()) : null;
      list.add(new Connection(uri, options, http, scheduler, counters, pacing, handler));
    }
    shared.attach(list);
  }

  /**
   * Opens a transport to these relays with the system clock; it connects in the background.
   *
   * @param options the relays and settings
   * @return the open transport, not yet necessarily connected
   */
  public static GunTransport open(GunOptions options) {
    return open(options, Clock.systemUTC());
  }

  /**
   * Opens a transport to these relays; it connects in the background and keeps reconnecting until
   * closed. {@code clock} supplies the HAM states of published documents.
   *
   * @param options the relays and settings
   * @param clock the source of HAM states for publishes
   * @return the open transport, not yet necessarily connected
   */
  public static GunTransport open(GunOptions options, Clock clock) {
    return open(options, clock, Dialect.GUN);
  }

  /**
   * Opens a transport speaking {@code dialect} to these relays; it connects in the background and
   * keeps reconnecting until closed. {@code clock} supplies the HAM states of published documents.
   *
   * @param options the relays and settings
   * @param clock the source of HAM states for publishes
   * @param dialect {@link Dialect#GUN} or a {@link Dialect#holster()} dialect
   * @return the open transport, not yet necessarily connected
   * @throws IllegalArgumentException if {@code dialect} is null
   */
  public static GunTransport open(GunOptions options, Clock clock, Dialect dialect) {
    if (dialect == null) {
      throw new IllegalArgumentException("dialect must not be null");
    }
    GunTransport t = new GunTransport(options, clock, dialect);
    for (Connection p : t.shared.peers()) {
      p.connect();
    }
    // A Holster relay shows every put to every connected client, and the gets go again on every
    // reconnect: a periodic get adds nothing there and costs the relay a reply to every client
    // (30 nodes following each other every 30 s: about 160,000 relay frames a minute, which stalled it).
    if (!options.resubscribeEvery().isZero() && !dialect.isHolster()) {
      long every = options.resubscribeEvery().toMillis();
      t.shared.scheduler.scheduleAtFixedRate(t.subscriber::resubscribeAll, every, every, TimeUnit.MILLISECONDS);
    }
    return t;
  }

  @Override
  public String name() {
    return shared.dialect.name();
  }

  /**
   * The relay dialect this transport speaks.
   *
   * @return the dialect it was opened with
   */
  public Dialect dialect() {
    return shared.dialect;
  }

  /**
   * What the Holster dialect counted; see {@link HolsterCounters}.
   *
   * @return the Holster counters, all zero for GUN
   */
  public HolsterCounters holsterCounters() {
    return shared.counters.holster();
  }

  /**
   * The settings this transport was opened with.
   *
   * @return the options passed to {@code open}
   */
  public GunOptions options() {
    return shared.options;
  }

  /**
   * How many relays are connected right now.
   *
   * @return the number of open connections, at most the number of peers
   */
  public int connectedPeers() {
    int n = 0;
    for (Connection p : shared.peers()) {
      if (p.isConnected()) {
        n++;
      }
    }
    return n;
  }

  /**
   * A snapshot of this transport's counters.
   *
   * @return the counters now, including how many paths still wait for a relay's confirmation
   */
  public GunStats stats() {
    int unconfirmed;
    synchronized (shared.lock) {
      unconfirmed = shared.ledger.souls();
    }
    return shared.counters.stats(unconfirmed);
  }

  @Override
  public CompletionStage<Void> publish(String path, byte[] payload) {
    DocumentPaths.requireValid(path);
    if (payload == null) {
      throw new IllegalArgumentException("payload for " + path + " must not be null");
    }
    String soul = Souls.soulOf(shared.options.namespace(), path);
    return publisher.publish(path, soul, Base64.getEncoder().encodeToString(payload), payload);
  }

  @Override
  public Subscription subscribe(String path, DeliveryListener listener) {
    DocumentPaths.requireValid(path);
    if (listener == null) {
      throw new IllegalArgumentException("listener for " + path + " must not be null");
    }
    return subscriber.subscribe(path, Souls.soulOf(shared.options.namespace(), path), listener);
  }

  @Override
  public void close() {
    List<Pending> unfinished;
    synchronized (shared.lock) {
      if (!shared.markClosed()) {
        return;
      }
      unfinished = shared.ledger.clear();
      shared.listeners.clear();
    }
    Publisher.failAll(unfinished);
    for (Connection p : shared.peers()) {
      p.shutdown();
    }
    shared.scheduler.shutdownNow();
    shared.listeners.shutdown();
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
