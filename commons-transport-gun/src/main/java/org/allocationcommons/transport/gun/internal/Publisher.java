package org.allocationcommons.transport.gun.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.transport.gun.FrameTooLargeException;

/**
 * Sends publishes and keeps them going until a relay confirms them: each is sent to every relay,
 * looked after an ack timeout later and then at doubling intervals (up to {@link #MAX_BACKOFF_FACTOR}
 * ack timeouts) (GUN: the node is read back, since a relay without storage never
 * acks, and sent again at the same state, since a relay may drop a put; Holster: sent again with a fresh state and id, since Holster acks nothing it already holds
 * and drops ids it has seen), and the newest of each soul is sent again on every (re)connect.
 */
public final class Publisher {

  private static final String KEY = Shared.KEY;

  /**
   * The longest wait between two looks after an unconfirmed publish, in ack timeouts. The wait
   * doubles from one ack timeout: a relay that acknowledges late (overloaded) is not sent a new
   * copy every ack timeout, each of which (Holster: with a fresh state) it must store and show to
   * every client, which made it later still.
   */
  public static final int MAX_BACKOFF_FACTOR = 16;

  private final Shared s;

  /** Publishes of the transport sharing {@code shared}. */
  public Publisher(Shared shared) {
    this.s = shared;
  }

  /** Publishes {@code payload} (base64 {@code value}) at {@code path}; completes when a relay confirms it. */
  public CompletionStage<Void> publish(String path, String soul, String value, byte[] payload) {
    if (s.dialect.maxFrameBytes() > 0) {
      // Measured on a frame as long as any we may send for it: a long id, a state with a fraction
      // (re-sends carry fresh ids and states).
      long bytes = Frames.utf8Length(
          Frames.put(s.ids.prefix() + "zzzzzzzzzzzz", soul, KEY, s.clock.millis() + 0.123456789, value));
      if (bytes > s.dialect.maxFrameBytes()) {
        return CompletableFuture.failedFuture(new FrameTooLargeException(path, bytes, s.dialect.maxFrameBytes()));
      }
    }
    Pending pending;
    String id = s.ids.next();
    List<Listeners.Sub> local;
    synchronized (s.lock) {
      s.requireOpen();
      Shared.Held prev = s.held(soul);
      double now = s.clock.millis();
      double state = prev == null ? now : Math.max(now, prev.state() + 0.001);
      s.hold(soul, new Shared.Held(path, state, value));
      s.markOwn(soul);
      // A newer value supersedes the unconfirmed older ones of this soul: the relay's confirmation
      // of it confirms them too, so they keep no payload (a relay down for hours must not make the
      // node hold every heartbeat it published): one pending value per soul.
      pending = s.ledger.add(id, path, soul, state, value);
      List<Listeners.Sub> on = s.listeners.on(soul);
      local = on == null ? List.of() : on;
    }
    s.sendAll(Frames.put(id, soul, KEY, pending.state, value));
    scheduleReadback(pending);
    s.listeners.deliver(local, path, payload.clone());
    return pending.done.copy();
  }

  /** A relay (re)connected: asks it for every soul listened to, and sends it every unconfirmed publish. */
  public void onConnected(Connection peer) {
    List<String> souls;
    List<Pending> latest;
    Map<Pending, String> ids = new HashMap<>();
    synchronized (s.lock) {
      if (s.isClosed()) {
        return;
      }
      souls = s.listeners.souls();
      latest = s.ledger.newestPerSoul();
      for (Pending p : latest) {
        String id = s.ids.next();
        s.ledger.addId(p, id);
        ids.put(p, id);
      }
    }
    for (String soul : souls) {
      peer.send(Frames.get(s.ids.next(), soul, Optional.empty()));
    }
    for (Pending p : latest) {
      peer.send(Frames.put(ids.get(p), p.soul, KEY, p.state, p.value));
    }
  }

  /** Fails every unconfirmed publish: the transport closed. */
  public static void failAll(List<Pending> unfinished) {
    for (Pending p : unfinished) {
      p.done.completeExceptionally(
          new IllegalStateException("gun transport closed before a relay confirmed " + p.path));
    }
  }

  private void scheduleReadback(Pending pending) {
    int attempts;
    synchronized (s.lock) {
      attempts = pending.attempts;
    }
    try {
      s.scheduler.schedule(
          () -> readback(pending), backoff(s.options.ackTimeout().toMillis(), attempts), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile: close() completes the publish
    }
  }

  /** The wait before the next look after a publish looked after {@code attempts} times. */
  static long backoff(long ackTimeoutMillis, int attempts) {
    return ackTimeoutMillis * Math.min(MAX_BACKOFF_FACTOR, 1L << Math.min(attempts, 30));
  }

  /** Asks the relays for a node whose publish is still unconfirmed, then checks again later. */
  private void readback(Pending pending) {
    if (pending.done.isDone()) {
      return;
    }
    synchronized (s.lock) {
      pending.attempts++;
    }
    if (s.dialect.isHolster()) {
      resend(pending, true);
    } else {
      s.sendAll(Frames.get(s.ids.next(), pending.soul, Optional.of(KEY)));
      resend(pending, false);
    }
    scheduleReadback(pending);
  }

  /**
   * No ack within the ack timeout: sends the publish again with a fresh id.
   *
   * <p>Holster ({@code freshState}): Holster acknowledges nothing for a value it already holds at
   * that state and drops a message id it has seen, so the same put again could never be
   * acknowledged: it goes again with a fresh state too, unless another writer's newer value arrived
   * meanwhile (re-sending ours would overwrite it: the publish fails instead).
   *
   * <p>GUN (same state): the read-back confirms a put the relay stored but whose ack was lost; a put
   * the relay never stored (measured: 1 of 400 in a burst, neither acknowledged nor answered by a
   * get for two minutes) must be sent again. At the same state a relay that lacks it stores and
   * acknowledges it, and one that has it (and its subscribers) see a HAM duplicate and change
   * nothing, so no subscriber receives it twice.
   */
  private void resend(Pending pending, boolean freshState) {
    String id = s.ids.next();
    double state;
    synchronized (s.lock) {
      if (s.isClosed() || pending.done.isDone() || !s.ledger.isWaiting(pending)) {
        return; // superseded or finished meanwhile
      }
      Shared.Held h = s.held(pending.soul);
      if (!freshState) {
        state = pending.state;
        s.ledger.addId(pending, id);
      } else if (h != null && h.state() > pending.state && !h.value().equals(pending.value)) {
        // Another writer's newer value arrived: re-sending ours with a fresh state would overwrite it.
        s.ledger.forget(pending);
        state = Double.NaN;
      } else {
        double base = Math.max(pending.state, h == null ? pending.state : h.state());
        state = Math.max(s.clock.millis(), base + 0.001);
        pending.state = state;
        s.hold(pending.soul, new Shared.Held(pending.path, state, pending.value));
        s.ledger.addId(pending, id);
      }
    }
    if (Double.isNaN(state)) {
      pending.done.completeExceptionally(
          new IllegalStateException(
              "a newer value of " + pending.path + " from another writer arrived before a relay acknowledged ours"));
      return;
    }
    s.counters.resent.incrementAndGet();
    Shared.LOG.debug("no ack for {} within {}; sending it again at state {}", pending.path, s.options.ackTimeout(), state);
    s.sendAll(Frames.put(id, pending.soul, KEY, state, pending.value));
  }
}
