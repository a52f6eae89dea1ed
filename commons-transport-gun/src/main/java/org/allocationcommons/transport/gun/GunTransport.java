package org.allocationcommons.transport.gun;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.allocationcommons.transport.gun.internal.Backoff;
import org.allocationcommons.transport.gun.internal.FrameBudget;
import org.allocationcommons.transport.gun.internal.Frames;
import org.allocationcommons.transport.gun.internal.GunMessage;
import org.allocationcommons.transport.gun.internal.Ham;
import org.allocationcommons.transport.gun.internal.RecentIds;
import org.allocationcommons.transport.gun.internal.Souls;
import org.allocationcommons.sync.spi.DeliveryListener;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Subscription;
import org.allocationcommons.sync.spi.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transport} that speaks GUN's JSON wire protocol over WebSocket to one or more GUN relays
 * (the {@code gun} npm package's server, for example).
 *
 * <p>A document at {@code ~<pubKey>/allocation/<document>} is the node
 * {@code <namespace>/<pubKey>/<document>} whose key {@value #KEY} holds the payload in base64 (see
 * {@code docs/transports.md} for why). {@link #publish} sends a {@code put} with a fresh message id
 * and HAM state and completes when a relay acknowledges it ({@code "@"} = that id, no {@code err}),
 * or, for relays that never acknowledge (no storage), when reading the node back shows the relay holds
 * it. Unacknowledged publishes are re-sent after every reconnect. {@link #subscribe} sends a
 * {@code get} for the node (again 1 s and 5 s later, after every reconnect and every {@link
 * GunOptions#resubscribeEvery()})
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
  public static final String KEY = "doc";

  private static final Logger log = LoggerFactory.getLogger(GunTransport.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int MAX_BATCH_CHARS = 1 << 20;

  /** When a new subscription's get is sent again (see {@link #subscribe}). */
  private static final List<Duration> CONFIRMING_GETS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5));

  /**
   * How far ahead of our clock an incoming state may be. GUN relays hold such values back until
   * their clock catches up; taking one would make our own next publish (which must beat it) wait for
   * that future too, so a value further ahead is ignored as malformed.
   */
  public static final Duration MAX_FUTURE_STATE = Duration.ofMinutes(1);

  private final GunOptions options;
  private final Dialect dialect;
  private final Clock clock;
  private final String pid;
  private final String idPrefix;
  private final AtomicLong nextId = new AtomicLong();
  private final ScheduledExecutorService scheduler;
  private final ExecutorService delivery;
  private final HttpClient http;
  private final List<Peer> peers;
  private final RecentIds seen = new RecentIds(16_384);

  private final Object lock = new Object();
  private final Map<String, Held> held = new HashMap<>();
  private final Map<String, List<Sub>> subs = new HashMap<>();
  private final Map<String, Pending> pendingById = new HashMap<>();
  private final Map<String, List<Pending>> pendingBySoul = new HashMap<>();
  /** The souls this transport has published (the Holster dialect answers gets only for these). */
  private final Set<String> ownSouls = new java.util.HashSet<>();
  private boolean closed;

  private final AtomicLong framesIn = new AtomicLong();
  private final AtomicLong framesOut = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong acks = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong stale = new AtomicLong();
  private final AtomicLong superseded = new AtomicLong();
  private final AtomicLong listenerFailures = new AtomicLong();
  private final AtomicLong echoes = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong resent = new AtomicLong();

  /** The value of one node we hold: the latest by HAM. */
  private record Held(String path, double state, String value) {}

  /** A publish waiting for a relay to confirm it. */
  private static final class Pending {
    final String path;
    final String soul;
    /** The state last sent; the Holster dialect re-sends with a fresh one (changed under the lock). */
    volatile double state;
    final String value;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final Set<String> ids = new LinkedHashSet<>();
    /** The stages of older publishes of this soul that this one replaced: they end with it. */
    final List<CompletableFuture<Void>> superseded = new ArrayList<>();

    Pending(String path, String soul, double state, String value) {
      this.path = path;
      this.soul = soul;
      this.state = state;
      this.value = value;
      done.whenComplete(
          (v, e) -> {
            List<CompletableFuture<Void>> waiting;
            synchronized (superseded) {
              waiting = List.copyOf(superseded);
            }
            for (CompletableFuture<Void> f : waiting) {
              if (e == null) {
                f.complete(null);
              } else {
                f.completeExceptionally(e);
              }
            }
          });
    }
  }

  /** One listener on one soul. */
  private static final class Sub {
    final String path;
    final DeliveryListener listener;
    volatile boolean open = true;

    Sub(String path, DeliveryListener listener) {
      this.path = path;
      this.listener = listener;
    }
  }

  private GunTransport(GunOptions options, Clock clock, Dialect dialect) {
    this.options = options;
    this.dialect = dialect;
    this.clock = clock;
    this.pid = randomText(9);
    this.idPrefix = randomText(6);
    int n = INSTANCES.incrementAndGet();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(daemon("gun-transport-" + n + "-scheduler"));
    this.delivery = Executors.newSingleThreadExecutor(daemon("gun-transport-" + n + "-delivery"));
    this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
    List<Peer> list = new ArrayList<>();
    for (URI uri : options.peers()) {
      list.add(new Peer(uri));
    }
    this.peers = List.copyOf(list);
  }

  /** Opens a transport to these relays with the system clock; it connects in the background. */
  public static GunTransport open(GunOptions options) {
    return open(options, Clock.systemUTC());
  }

  /**
   * Opens a transport to these relays; it connects in the background and keeps reconnecting until
   * closed. {@code clock} supplies the HAM states of published documents.
   */
  public static GunTransport open(GunOptions options, Clock clock) {
    return open(options, clock, Dialect.GUN);
  }

  /**
   * Opens a transport speaking {@code dialect} to these relays; it connects in the background and
   * keeps reconnecting until closed. {@code clock} supplies the HAM states of published documents.
   */
  public static GunTransport open(GunOptions options, Clock clock, Dialect dialect) {
    if (dialect == null) {
      throw new IllegalArgumentException("dialect must not be null");
    }
    GunTransport t = new GunTransport(options, clock, dialect);
    for (Peer p : t.peers) {
      p.connect();
    }
    if (!options.resubscribeEvery().isZero()) {
      long every = options.resubscribeEvery().toMillis();
      t.scheduler.scheduleAtFixedRate(t::resubscribeAll, every, every, TimeUnit.MILLISECONDS);
    }
    return t;
  }

  @Override
  public String name() {
    return dialect.name();
  }

  /** The relay dialect this transport speaks. */
  public Dialect dialect() {
    return dialect;
  }

  /** What the Holster dialect counted (all zero for GUN); see {@link HolsterCounters}. */
  public HolsterCounters holsterCounters() {
    return new HolsterCounters(echoes.get(), throttled.get(), resent.get());
  }

  /** The settings this transport was opened with. */
  public GunOptions options() {
    return options;
  }

  /** How many relays are connected right now. */
  public int connectedPeers() {
    int n = 0;
    for (Peer p : peers) {
      if (p.ws != null) {
        n++;
      }
    }
    return n;
  }

  /** A snapshot of this transport's counters. */
  public GunStats stats() {
    int unconfirmed;
    synchronized (lock) {
      unconfirmed = pendingBySoul.size();
    }
    return new GunStats(
        framesIn.get(), framesOut.get(), malformed.get(), acks.get(), rejected.get(),
        reconnects.get(), delivered.get(), duplicates.get(), stale.get(), listenerFailures.get(),
        superseded.get(), unconfirmed);
  }

  @Override
  public CompletionStage<Void> publish(String path, byte[] payload) {
    DocumentPaths.requireValid(path);
    if (payload == null) {
      throw new IllegalArgumentException("payload for " + path + " must not be null");
    }
    String soul = Souls.soulOf(options.namespace(), path);
    String value = Base64.getEncoder().encodeToString(payload);
    if (dialect.maxFrameBytes() > 0) {
      // Measured on a frame as long as any we may send for it: a long id, a state with a fraction
      // (re-sends carry fresh ids and states).
      long bytes =
          Frames.utf8Length(Frames.put(idPrefix + "zzzzzzzzzzzz", soul, KEY, clock.millis() + 0.123456789, value));
      if (bytes > dialect.maxFrameBytes()) {
        return CompletableFuture.failedFuture(new FrameTooLargeException(path, bytes, dialect.maxFrameBytes()));
      }
    }
    Pending pending;
    String id = newId();
    List<Sub> local;
    synchronized (lock) {
      requireOpen();
      Held prev = held.get(soul);
      double now = clock.millis();
      double state = prev == null ? now : Math.max(now, prev.state() + 0.001);
      held.put(soul, new Held(path, state, value));
      ownSouls.add(soul);
      pending = new Pending(path, soul, state, value);
      pending.ids.add(id);
      // A newer value supersedes the unconfirmed older ones of this soul: the relay's confirmation
      // of it confirms them too, so they keep no payload (a relay down for hours must not make the
      // node hold every heartbeat it published): one pending value per soul.
      List<Pending> older = pendingBySoul.remove(soul);
      if (older != null) {
        for (Pending o : older) {
          o.ids.forEach(pendingById::remove);
          synchronized (o.superseded) { // o may be confirmed meanwhile: completing twice is harmless
            pending.superseded.add(o.done);
            pending.superseded.addAll(o.superseded); // flat: completing them never nests
            o.superseded.clear();
          }
        }
        superseded.addAndGet(older.size());
      }
      pendingById.put(id, pending);
      pendingBySoul.computeIfAbsent(soul, s -> new ArrayList<>()).add(pending);
      local = List.copyOf(subs.getOrDefault(soul, List.of()));
    }
    String frame = Frames.put(id, soul, KEY, pending.state, value);
    for (Peer p : peers) {
      p.send(frame);
    }
    scheduleReadback(pending);
    deliver(local, path, payload.clone());
    return pending.done.copy();
  }

  @Override
  public Subscription subscribe(String path, DeliveryListener listener) {
    DocumentPaths.requireValid(path);
    if (listener == null) {
      throw new IllegalArgumentException("listener for " + path + " must not be null");
    }
    String soul = Souls.soulOf(options.namespace(), path);
    Sub sub = new Sub(path, listener);
    Held h;
    synchronized (lock) {
      requireOpen();
      subs.computeIfAbsent(soul, s -> new ArrayList<>()).add(sub);
      h = held.get(soul);
    }
    if (h != null) {
      deliver(List.of(sub), path, Base64.getDecoder().decode(h.value()));
    }
    String frame = Frames.get(newId(), soul, Optional.empty());
    for (Peer p : peers) {
      p.send(frame);
    }
    // A get that crosses a mesh of relays while its soul is being written can go unanswered (we saw
    // subscribers across two relays miss a value until the periodic resubscription); asking again
    // shortly after costs two frames and closes that window early.
    // Holster has no mesh and shows every put to every client: one get is enough there.
    for (Duration after : dialect.isHolster() ? List.<Duration>of() : CONFIRMING_GETS) {
      scheduler.schedule(() -> regetIfSubscribed(sub, soul), after.toMillis(), TimeUnit.MILLISECONDS);
    }
    return new Subscription() {
      @Override
      public String path() {
        return path;
      }

      @Override
      public void close() {
        sub.open = false;
        synchronized (lock) {
          List<Sub> list = subs.get(soul);
          if (list != null) {
            list.remove(sub);
            if (list.isEmpty()) {
              subs.remove(soul);
            }
          }
        }
      }
    };
  }

  @Override
  public void close() {
    List<Pending> unfinished;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      unfinished = new ArrayList<>(new LinkedHashSet<>(pendingById.values()));
      pendingById.clear();
      pendingBySoul.clear();
      subs.values().forEach(list -> list.forEach(s -> s.open = false));
      subs.clear();
    }
    for (Pending p : unfinished) {
      p.done.completeExceptionally(
          new IllegalStateException("gun transport closed before a relay confirmed " + p.path));
    }
    for (Peer p : peers) {
      p.shutdown();
    }
    scheduler.shutdownNow();
    delivery.shutdown();
  }

  // ---- inbound ----

  private void onFrame(Peer peer, String frame) {
    framesIn.incrementAndGet();
    Frames.Parsed parsed = Frames.parse(frame, options.maxFrameChars());
    for (String reason : parsed.malformed()) {
      malformedFrom(peer, reason);
    }
    for (GunMessage m : parsed.messages()) {
      if (dialect.isHolster()) {
        onHolsterMessage(peer, m);
        continue;
      }
      if (m instanceof GunMessage.Throttle t) { // not GUN's: read as the refusal it is
        m = new GunMessage.Ack(t.id(), t.ackOf(), Optional.of(t.err()));
      }
      if (m.id().isPresent() && !seen.add(m.id().get())) {
        duplicates.incrementAndGet();
        continue;
      }
      if (m instanceof GunMessage.Put put) {
        onPut(peer, put);
      } else if (m instanceof GunMessage.Ack ack) {
        onAck(peer, ack);
      } else if (m instanceof GunMessage.Get get) {
        onGet(peer, get);
      } else if (m instanceof GunMessage.Dam dam) {
        if (dam.dam().equals("?") && dam.ackOf().isEmpty() && dam.id().isPresent()) {
          peer.send(Frames.hello(newId(), pid, dam.id().get()));
        } else if (dam.dam().equals("!")) {
          log.debug("relay {} reported an error: {}", peer.uri, dam);
        }
      }
    }
  }

  /**
   * One message from a Holster relay. The relay sends every message it processes to every client,
   * the sender included and before storing it: our own messages come back (and are ignored, after
   * marking the frames the relay has handled in order); {@code error} frames answer our oldest
   * unanswered frame; a {@code throttle} reply means the relay dropped that frame unprocessed.
   */
  private void onHolsterMessage(Peer peer, GunMessage m) {
    if (m.id().isPresent() && isOwnId(m.id().get())) {
      echoes.incrementAndGet();
      peer.handled(m.id().get());
      return;
    }
    if (m instanceof GunMessage.RelayError e) {
      String id = peer.oldestUnanswered();
      Pending p = null;
      if (id != null) {
        synchronized (lock) {
          p = pendingById.get(id);
          if (p != null) {
            forget(p);
          }
        }
      }
      if (p == null) {
        log.warn("relay {} refused a frame{}: {}", peer.uri, id == null ? "" : " (message " + id + ")", e.error());
        return;
      }
      rejected.incrementAndGet();
      log.warn("relay {} refused the publish of {}: {}", peer.uri, p.path, e.error());
      p.done.completeExceptionally(new PublishRejectedException(p.path, peer.uri.toString(), e.error()));
      return;
    }
    if (m.id().isPresent() && !seen.add(m.id().get())) {
      duplicates.incrementAndGet();
      return;
    }
    if (m instanceof GunMessage.Throttle t) {
      throttled.incrementAndGet();
      log.info("relay {} throttled message {} ({}); pausing that connection {} ms and sending it again",
          peer.uri, t.ackOf(), t.err(), t.millis());
      peer.throttled(t.ackOf(), t.millis());
    } else if (m instanceof GunMessage.Ack ack) {
      onAck(peer, ack);
    } else if (m instanceof GunMessage.Put put) {
      onPut(peer, put);
    } else if (m instanceof GunMessage.Get get) {
      onGet(peer, get);
    }
  }

  private boolean isOwnId(String id) {
    if (id.length() <= idPrefix.length() || !id.startsWith(idPrefix)) {
      return false;
    }
    for (int i = idPrefix.length(); i < id.length(); i++) {
      if (Character.digit(id.charAt(i), 36) < 0 || Character.isUpperCase(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private void malformedFrom(Peer peer, String reason) {
    malformed.incrementAndGet();
    log.warn("ignored malformed message from {}: {}", peer.uri, reason);
  }

  private void onAck(Peer peer, GunMessage.Ack ack) {
    List<Pending> confirmed = new ArrayList<>();
    Pending failed = null;
    synchronized (lock) {
      Pending p = pendingById.get(ack.ackOf());
      if (p == null) {
        return;
      }
      if (ack.err().isPresent()) {
        forget(p);
        failed = p;
      } else {
        confirmed.addAll(confirmUpTo(p.soul, p.state));
      }
    }
    if (failed != null) {
      rejected.incrementAndGet();
      log.warn("relay {} rejected {}: {}", peer.uri, failed.path, ack.err().get());
      failed.done.completeExceptionally(
          new PublishRejectedException(failed.path, peer.uri.toString(), ack.err().get()));
    }
    finish(confirmed);
  }

  private void onGet(Peer peer, GunMessage.Get get) {
    if (get.key().isPresent() && !get.key().get().equals(KEY)) {
      return;
    }
    Held h;
    synchronized (lock) {
      h = held.get(get.soul());
      if (dialect.isHolster() && !ownSouls.contains(get.soul())) {
        // A Holster relay sends every client a get for each soul it is about to store (its check)
        // and forwards every client's get to every client: answering all of them for every soul we
        // merely follow would cost each node a frame per put of anyone, against a frame budget.
        // The author (and the relay's storage) answer for a document.
        h = null;
      }
    }
    if (h != null && get.id().isPresent()) {
      String reply = Frames.reply(newId(), get.id().get(), get.soul(), KEY, h.state(), h.value());
      if (dialect.isHolster()) {
        peer.sendIfIdle(reply); // an answer is a courtesy: never queued behind a backlog
      } else {
        peer.send(reply);
      }
    }
  }

  private void onPut(Peer peer, GunMessage.Put put) {
    for (GunMessage.Value v : put.values()) {
      if (!v.key().equals(KEY)) {
        continue;
      }
      Optional<String> path = Souls.pathOf(options.namespace(), v.soul());
      if (path.isEmpty()) {
        continue;
      }
      if (!v.value().isString()) {
        if (!v.value().isNull()) {
          malformedFrom(peer, "key '" + KEY + "' of " + v.soul() + " is not a base64 string");
        }
        continue;
      }
      long limit = clock.millis() + MAX_FUTURE_STATE.toMillis();
      if (v.state() > limit) {
        malformedFrom(
            peer,
            "state " + (long) v.state() + " of " + v.soul() + " is more than " + MAX_FUTURE_STATE
                + " ahead of our clock (" + clock.millis() + ")");
        continue;
      }
      String value = v.value().stringValue();
      byte[] payload;
      try {
        payload = Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        malformedFrom(peer, "key '" + KEY + "' of " + v.soul() + " is not base64: " + e.getMessage());
        continue;
      }
      List<Pending> confirmed;
      List<Sub> targets = List.of();
      Ham.Verdict verdict;
      synchronized (lock) {
        if (closed) {
          return;
        }
        // A Holster relay shows every client a put before storing it, and acks only after its disk
        // write: with Holster only that ack confirms.
        confirmed = dialect.isHolster() ? List.of() : confirmUpTo(v.soul(), v.state());
        Held h = held.get(v.soul());
        List<Sub> listeners = subs.get(v.soul());
        if (h == null && listeners == null) {
          verdict = null; // neither subscribed nor ours: not our business
        } else {
          verdict =
              Ham.compare(
                  h == null ? 0 : h.state(),
                  h == null ? null : Ham.jsonString(h.value()),
                  v.state(),
                  Ham.jsonString(value));
          if (verdict == Ham.Verdict.ACCEPT) {
            held.put(v.soul(), new Held(path.get(), v.state(), value));
            targets = listeners == null ? List.of() : List.copyOf(listeners);
          }
        }
      }
      finish(confirmed);
      if (verdict == Ham.Verdict.DUPLICATE) {
        duplicates.incrementAndGet();
      } else if (verdict == Ham.Verdict.STALE) {
        stale.incrementAndGet();
      } else if (verdict == Ham.Verdict.ACCEPT) {
        deliver(targets, path.get(), payload);
      }
    }
  }

  /** Removes and returns the pending publishes of {@code soul} whose state the relay now holds. */
  private List<Pending> confirmUpTo(String soul, double state) {
    List<Pending> list = pendingBySoul.get(soul);
    if (list == null) {
      return List.of();
    }
    List<Pending> done = new ArrayList<>();
    for (Pending p : List.copyOf(list)) {
      if (p.state <= state) {
        forget(p);
        acks.incrementAndGet(); // counted here, under the lock, exactly once per publish
        done.add(p);
      }
    }
    return done;
  }

  private void forget(Pending p) {
    p.ids.forEach(pendingById::remove);
    List<Pending> list = pendingBySoul.get(p.soul);
    if (list != null) {
      list.remove(p);
      if (list.isEmpty()) {
        pendingBySoul.remove(p.soul);
      }
    }
  }

  private void finish(List<Pending> confirmed) {
    for (Pending p : confirmed) {
      p.done.complete(null);
    }
  }

  private void deliver(List<Sub> targets, String path, byte[] payload) {
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
                delivered.incrementAndGet();
              } catch (RuntimeException e) {
                listenerFailures.incrementAndGet();
                log.warn("listener on {} threw; other listeners still get the payload", path, e);
              }
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("transport closed; dropped a delivery on {}", path);
    }
  }

  // ---- outbound upkeep ----

  private void scheduleReadback(Pending pending) {
    try {
      scheduler.schedule(
          () -> readback(pending), options.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile: close() completes the publish
    }
  }

  /** Asks the relays for a node whose publish is still unconfirmed, then checks again later. */
  private void readback(Pending pending) {
    if (pending.done.isDone()) {
      return;
    }
    if (dialect.isHolster()) {
      resendFresh(pending);
      scheduleReadback(pending);
      return;
    }
    String frame = Frames.get(newId(), pending.soul, Optional.of(KEY));
    for (Peer p : peers) {
      p.send(frame);
    }
    scheduleReadback(pending);
  }

  /**
   * Holster: no ack within the ack timeout. Holster acknowledges nothing for a value it already holds
   * at that state and drops a message id it has seen, so the same put again could never be
   * acknowledged: send it again with a fresh state and a fresh id.
   */
  private void resendFresh(Pending pending) {
    String id = newId();
    double state;
    Pending stillOurs;
    synchronized (lock) {
      if (closed || pending.done.isDone()) {
        return;
      }
      List<Pending> list = pendingBySoul.get(pending.soul);
      if (list == null || !list.contains(pending)) {
        return; // superseded or finished meanwhile
      }
      Held h = held.get(pending.soul);
      if (h != null && h.state() > pending.state && !h.value().equals(pending.value)) {
        // Another writer's newer value arrived: re-sending ours with a fresh state would overwrite it.
        forget(pending);
        stillOurs = null;
        state = 0;
      } else {
        double base = Math.max(pending.state, h == null ? pending.state : h.state());
        state = Math.max(clock.millis(), base + 0.001);
        pending.state = state;
        held.put(pending.soul, new Held(pending.path, state, pending.value));
        pending.ids.add(id);
        pendingById.put(id, pending);
        stillOurs = pending;
      }
    }
    if (stillOurs == null) {
      pending.done.completeExceptionally(
          new IllegalStateException(
              "a newer value of " + pending.path + " from another writer arrived before a relay acknowledged ours"));
      return;
    }
    resent.incrementAndGet();
    log.debug("no ack for {} within {}; sending it again at state {}", pending.path, options.ackTimeout(), state);
    String frame = Frames.put(id, pending.soul, KEY, state, pending.value);
    for (Peer p : peers) {
      p.send(frame);
    }
  }

  private void onConnected(Peer peer) {
    List<String> souls;
    List<Pending> latest = new ArrayList<>();
    Map<Pending, String> ids = new HashMap<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      souls = List.copyOf(subs.keySet());
      for (List<Pending> list : pendingBySoul.values()) {
        Pending newest = list.get(0);
        for (Pending p : list) {
          if (p.state > newest.state) {
            newest = p;
          }
        }
        String id = newId();
        newest.ids.add(id);
        pendingById.put(id, newest);
        latest.add(newest);
        ids.put(newest, id);
      }
    }
    for (String soul : souls) {
      peer.send(Frames.get(newId(), soul, Optional.empty()));
    }
    for (Pending p : latest) {
      peer.send(Frames.put(ids.get(p), p.soul, KEY, p.state, p.value));
    }
  }

  private void regetIfSubscribed(Sub sub, String soul) {
    synchronized (lock) {
      if (!sub.open || closed) {
        return;
      }
    }
    String frame = Frames.get(newId(), soul, Optional.empty());
    for (Peer p : peers) {
      p.send(frame);
    }
  }

  private void resubscribeAll() {
    List<String> souls;
    synchronized (lock) {
      souls = List.copyOf(subs.keySet());
    }
    for (Peer p : peers) {
      for (String soul : souls) {
        p.send(Frames.get(newId(), soul, Optional.empty()));
      }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("gun transport is closed");
    }
  }

  private String newId() {
    return idPrefix + Long.toString(nextId.incrementAndGet(), 36);
  }

  private static String randomText(int length) {
    SecureRandom random = new SecureRandom();
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /** The id of a frame we wrote: every one starts {@code {"#":"<id>"}} (ids are letters and digits). */
  private static String ownIdOf(String frame) {
    String head = "{\"#\":\"";
    if (!frame.startsWith(head)) {
      return null;
    }
    int end = frame.indexOf('"', head.length());
    return end < 0 ? null : frame.substring(head.length(), end);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** One relay connection, re-opened with backoff whenever it is lost. */
  private final class Peer implements WebSocket.Listener {
    final URI uri;
    volatile WebSocket ws;
    private int attempt;
    private boolean everConnected;
    private boolean stopped;
    private final StringBuilder partial = new StringBuilder();
    private boolean oversized;
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private boolean sending;
    /** Holster: our frames sent on this connection that the relay has not yet echoed, by id, oldest first. */
    private final java.util.LinkedHashMap<String, String> unanswered = new java.util.LinkedHashMap<>();
    /** Holster: the per-connection frame budget, and until when a throttle reply paused sending. */
    private final FrameBudget budget;
    private long pausedUntil = System.nanoTime();

    Peer(URI uri) {
      this.uri = uri;
      this.budget =
          dialect.framesPerMinute() > 0 ? new FrameBudget(dialect.framesPerMinute(), System.nanoTime()) : null;
    }

    /** Holster echoed our message {@code id}: it and every older frame are handled. */
    synchronized void handled(String id) {
      if (!unanswered.containsKey(id)) {
        return;
      }
      var it = unanswered.keySet().iterator();
      while (it.hasNext()) {
        String next = it.next();
        it.remove();
        if (next.equals(id)) {
          return;
        }
      }
    }

    /** Holster answered a frame with an {@code error}: it is the oldest one not yet handled. */
    synchronized String oldestUnanswered() {
      var it = unanswered.keySet().iterator();
      if (!it.hasNext()) {
        return null;
      }
      String id = it.next();
      it.remove();
      return id;
    }

    /** Holster dropped our message {@code id} unprocessed: pause, then send it first. */
    void throttled(String id, long millis) {
      synchronized (this) {
        pausedUntil = Math.max(pausedUntil, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        String frame = unanswered.remove(id);
        if (frame == null || ws == null || stopped) {
          return;
        }
        outbox.addFirst(frame);
        if (sending) {
          return;
        }
        sending = true;
      }
      drain(null);
    }

    void connect() {
      synchronized (this) {
        if (stopped) {
          return;
        }
      }
      http.newWebSocketBuilder()
          .connectTimeout(options.connectTimeout())
          .buildAsync(uri, this)
          .whenComplete(
              (socket, error) -> {
                if (error != null) {
                  lost(null, error);
                }
              });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      boolean again;
      synchronized (this) {
        if (stopped) {
          webSocket.abort();
          return;
        }
        ws = webSocket;
        attempt = 0;
        again = everConnected;
        everConnected = true;
        partial.setLength(0);
        oversized = false;
      }
      if (again) {
        reconnects.incrementAndGet();
      }
      log.info(again ? "reconnected to {}" : "connected to {}", uri);
      webSocket.request(1);
      onConnected(this);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      String frame = null;
      synchronized (this) {
        if (!oversized) {
          partial.append(data);
          if (partial.length() > options.maxFrameChars()) {
            oversized = true;
            partial.setLength(0);
          }
        }
        if (last) {
          if (oversized) {
            oversized = false;
          } else {
            frame = partial.toString();
          }
          partial.setLength(0);
        }
      }
      if (last && frame == null) {
        framesIn.incrementAndGet();
        malformedFrom(this, "frame exceeds the limit of " + options.maxFrameChars() + " chars");
      } else if (frame != null) {
        try {
          onFrame(this, frame);
        } catch (RuntimeException e) {
          malformedFrom(this, "frame could not be handled: " + e);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      if (last) {
        framesIn.incrementAndGet();
        malformedFrom(this, "binary frame (GUN speaks text)");
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      lost(webSocket, null);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      lost(webSocket, error);
    }

    private void lost(WebSocket socket, Throwable error) {
      Duration delay;
      int failures;
      boolean wasConnected;
      synchronized (this) {
        if (socket != null && socket != ws) {
          return; // an old socket's late news
        }
        ws = null;
        outbox.clear();
        unanswered.clear();
        sending = false;
        if (stopped) {
          return;
        }
        failures = ++attempt;
        wasConnected = everConnected;
        delay =
            Backoff.delay(
                attempt,
                options.backoffInitial(),
                options.backoffMax(),
                ThreadLocalRandom.current().nextDouble());
      }
      if (socket != null) {
        socket.abort();
      }
      String why = error == null ? "closed" : error.toString();
      if (failures == 1) { // the first failure since the link was up (or since the start): worth an INFO
        log.info(wasConnected ? "connection to {} lost ({}); reconnecting, first retry in {}"
            : "cannot connect to {} ({}); retrying, first retry in {}", uri, why, delay);
      } else {
        log.debug("connection to {} still down ({}); retry {} in {}", uri, why, failures, delay);
      }
      try {
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // transport closed
      }
    }

    /** Sends a message if connected; messages sent while disconnected are re-created on connect. */
    void send(String message) {
      synchronized (this) {
        if (ws == null || stopped) {
          return;
        }
        outbox.add(message);
        if (sending) {
          return;
        }
        sending = true;
      }
      drain(null);
    }

    /** Sends a message only if the connection has no backlog (else drops it: for optional answers). */
    void sendIfIdle(String message) {
      synchronized (this) {
        if (outbox.size() >= 4) {
          return;
        }
      }
      send(message);
    }

    /** Sends what is queued, one batch at a time; {@code expected} is the socket of the last send. */
    private void drain(WebSocket expected) {
      WebSocket socket;
      List<String> batch = new ArrayList<>();
      synchronized (this) {
        socket = ws;
        if (expected != null && socket != expected) {
          return; // that socket was lost: lost() reset the outbox and whoever sends next drains
        }
        if (socket == null || outbox.isEmpty()) {
          sending = false;
          return;
        }
        if (dialect.isHolster()) {
          // One message per frame, within the budget: Holster processes only single-message frames
          // and drops frames beyond its rate limit.
          long now = System.nanoTime();
          long wait = Math.max(0, pausedUntil - now);
          if (wait == 0) {
            wait = budget.tryTake(now);
          }
          if (wait > 0) {
            try {
              scheduler.schedule(() -> drain(socket), wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
              sending = false; // closed
            }
            return;
          }
          String m = outbox.poll();
          String id = ownIdOf(m);
          if (id != null) {
            unanswered.put(id, m);
            if (unanswered.size() > 4096) { // frames the relay dropped silently (seen ids): forget the oldest
              oldestUnanswered();
            }
          }
          batch.add(m);
        }
        int chars = 0;
        while (!dialect.isHolster() && !outbox.isEmpty() && (batch.isEmpty() || chars + outbox.peek().length() < MAX_BATCH_CHARS)) {
          String m = outbox.poll();
          chars += m.length() + 1;
          batch.add(m);
        }
      }
      framesOut.incrementAndGet();
      socket
          .sendText(batch.size() == 1 ? batch.get(0) : Frames.batch(batch), true)
          .whenComplete(
              (s, error) -> {
                if (error != null) {
                  lost(socket, error);
                } else {
                  drain(socket);
                }
              });
    }

    void shutdown() {
      WebSocket socket;
      synchronized (this) {
        stopped = true;
        socket = ws;
        ws = null;
        outbox.clear();
      }
      if (socket != null) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "closed").whenComplete((s, e) -> socket.abort());
      }
    }
  }
}
