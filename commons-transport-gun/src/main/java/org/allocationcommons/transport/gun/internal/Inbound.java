package org.allocationcommons.transport.gun.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.allocationcommons.transport.gun.PublishRejectedException;

/**
 * What the transport does with the messages relays send: acks confirm or fail publishes, puts
 * deliver newer values (by HAM), gets are answered from the values held. Both dialects share that;
 * before it, GUN answers the mesh hello, and Holster drops the echoes of our own messages, matches
 * {@code error} frames to the frame they answer and pauses on {@code throttle}. A get for a
 * document of ours is answered at once under GUN; under Holster only if the relay's own reply to
 * it (which every client sees) does not show our value.
 */
public final class Inbound {

  private static final String KEY = Shared.KEY;


  private final Shared s;
  private final Duration maxFutureState;
  private final Answers answers;
  /** The Holster relay's replies to gets, by get id: the state shown for each soul (none: lacks it). */

  /** Messages for the transport sharing {@code shared}; states beyond {@code maxFutureState} ahead are refused. */
  public Inbound(Shared shared, Duration maxFutureState) {
    this.s = shared;
    this.maxFutureState = maxFutureState;
    this.answers = new Answers(shared);
  }


  /** A relay (re)connected: what it had echoed of ours before may be gone (a restart). */
  public void onConnected(Connection peer) {
    answers.onConnected(peer);
  }

  /** One text frame from {@code peer}. */
  public void onFrame(Connection peer, String frame) {
    s.counters.framesIn.incrementAndGet();
    Frames.Parsed parsed = Frames.parse(frame, s.options.maxFrameChars());
    for (String reason : parsed.malformed()) {
      malformed(peer, reason);
    }
    for (GunMessage m : parsed.messages()) {
      if (s.dialect.isHolster()) {
        onHolsterMessage(peer, m);
      } else {
        onGunMessage(peer, m);
      }
    }
  }

  /** Counts and logs something from {@code peer} that was no valid message. */
  public void malformed(Connection peer, String reason) {
    s.counters.malformed.incrementAndGet();
    Shared.LOG.warn("ignored malformed message from {}: {}", peer.uri(), reason);
  }

  private void onGunMessage(Connection peer, GunMessage m) {
    if (m instanceof GunMessage.Throttle t) { // not GUN's: read as the refusal it is
      m = new GunMessage.Ack(t.id(), t.ackOf(), Optional.of(t.err()));
    }
    if (isDuplicate(m)) {
      return;
    }
    if (m instanceof GunMessage.Dam dam) {
      if (dam.dam().equals("?") && dam.ackOf().isEmpty() && dam.id().isPresent()) {
        peer.send(Frames.hello(s.ids.next(), s.pid, dam.id().get()));
      } else if (dam.dam().equals("!")) {
        Shared.LOG.debug("relay {} reported an error: {}", peer.uri(), dam);
      }
    } else {
      onGraphMessage(peer, m);
    }
  }

  /**
   * One message from a Holster relay. The relay sends every message it processes to every client,
   * the sender included and before storing it: our own messages come back (and are ignored, after
   * marking the frames the relay has handled in order); {@code error} frames answer our oldest
   * unanswered frame; a {@code throttle} reply means the relay dropped that frame unprocessed.
   */
  private void onHolsterMessage(Connection peer, GunMessage m) {
    if (m.id().isPresent() && s.ids.isOwn(m.id().get())) {
      s.counters.echoes.incrementAndGet();
      peer.handled(m.id().get());
      answers.onEcho(peer, m);
      return;
    }
    if (m instanceof GunMessage.RelayError e) {
      onRelayError(peer, e);
      return;
    }
    if (isDuplicate(m)) {
      return;
    }
    if (m instanceof GunMessage.Throttle t) {
      s.counters.throttled.incrementAndGet();
      Shared.LOG.info("relay {} throttled message {} ({}); pausing that connection {} ms and sending it again",
          peer.uri(), t.ackOf(), t.err(), t.millis());
      peer.throttled(t.ackOf(), t.millis());
    } else {
      onGraphMessage(peer, m);
    }
  }

  private boolean isDuplicate(GunMessage m) {
    if (m.id().isPresent() && !s.seen.add(m.id().get())) {
      s.counters.duplicates.incrementAndGet();
      return true;
    }
    return false;
  }

  /** What both dialects do: acks, puts and gets. */
  private void onGraphMessage(Connection peer, GunMessage m) {
    if (s.dialect.isHolster()) {
      answers.onRelayMessage(m);
    }
    if (m instanceof GunMessage.Put put) {
      onPut(peer, put);
    } else if (m instanceof GunMessage.Ack ack) {
      onAck(peer, ack);
    } else if (m instanceof GunMessage.Get get) {
      onGet(peer, get);
    }
  }

  private void onRelayError(Connection peer, GunMessage.RelayError e) {
    String id = peer.oldestUnanswered();
    Pending p = null;
    if (id != null) {
      synchronized (s.lock) {
        p = s.ledger.byId(id);
        if (p != null) {
          s.ledger.forget(p);
        }
      }
    }
    if (p == null) {
      Shared.LOG.warn("relay {} refused a frame{}: {}", peer.uri(), id == null ? "" : " (message " + id + ")", e.error());
      return;
    }
    s.counters.rejected.incrementAndGet();
    Shared.LOG.warn("relay {} refused the publish of {}: {}", peer.uri(), p.path, e.error());
    p.done.completeExceptionally(new PublishRejectedException(p.path, peer.uri().toString(), e.error()));
  }

  private void onAck(Connection peer, GunMessage.Ack ack) {
    List<Pending> confirmed = new ArrayList<>();
    Pending failed = null;
    synchronized (s.lock) {
      Pending p = s.ledger.byId(ack.ackOf());
      if (p == null) {
        return;
      }
      if (ack.err().isPresent()) {
        s.ledger.forget(p);
        failed = p;
      } else {
        confirmed.addAll(s.ledger.confirmUpTo(p.soul, p.state));
      }
    }
    if (failed != null) {
      s.counters.rejected.incrementAndGet();
      Shared.LOG.warn("relay {} rejected {}: {}", peer.uri(), failed.path, ack.err().get());
      failed.done.completeExceptionally(
          new PublishRejectedException(failed.path, peer.uri().toString(), ack.err().get()));
    }
    finish(confirmed);
  }

  private void onGet(Connection peer, GunMessage.Get get) {
    if (get.key().isPresent() && !get.key().get().equals(KEY)) {
      return;
    }
    Shared.Held h;
    synchronized (s.lock) {
      h = s.held(get.soul());
      if (s.dialect.isHolster() && !s.isOwn(get.soul())) {
        // A Holster relay forwards every client's get to every client: answering all of them for
        // every soul we merely follow would cost each node a frame per get of anyone, against a
        // frame budget. The author (and the relay's storage) answer for a document.
        h = null;
      }
    }
    if (h == null || get.id().isEmpty()) {
      return;
    }
    if (!s.dialect.isHolster()) {
      peer.send(Frames.reply(s.ids.next(), get.id().get(), get.soul(), KEY, h.state(), h.value()));
      return;
    }
    // Holster answers every get itself, to every client: we answer only if its reply does not
    // show our value (a relay that lost it, or never stored it), not once more for every client.
    answers.onOwnGet(peer, get.id().get(), get.soul());
  }



  private void onPut(Connection peer, GunMessage.Put put) {
    for (GunMessage.Value v : put.values()) {
      if (!v.key().equals(KEY)) {
        continue;
      }
      Optional<String> path = Souls.pathOf(s.options.namespace(), v.soul());
      if (path.isEmpty()) {
        continue;
      }
      if (!v.value().isString()) {
        if (!v.value().isNull()) {
          malformed(peer, "key '" + KEY + "' of " + v.soul() + " is not a base64 string");
        }
        continue;
      }
      long limit = s.clock.millis() + maxFutureState.toMillis();
      if (v.state() > limit) {
        malformed(
            peer,
            "state " + (long) v.state() + " of " + v.soul() + " is more than " + maxFutureState
                + " ahead of our clock (" + s.clock.millis() + ")");
        continue;
      }
      String value = v.value().stringValue();
      byte[] payload;
      try {
        payload = Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        malformed(peer, "key '" + KEY + "' of " + v.soul() + " is not base64: " + e.getMessage());
        continue;
      }
      if (!take(v, path.get(), value, payload)) {
        return;
      }
    }
  }

  /** Takes one incoming value; false if the transport is closed. */
  private boolean take(GunMessage.Value v, String path, String value, byte[] payload) {
    List<Pending> confirmed;
    List<Listeners.Sub> targets = List.of();
    Ham.Verdict verdict;
    synchronized (s.lock) {
      if (s.isClosed()) {
        return false;
      }
      // A Holster relay shows every client a put before storing it, and acks only after its disk
      // write: with Holster only that ack confirms.
      confirmed = s.dialect.isHolster() ? List.of() : s.ledger.confirmUpTo(v.soul(), v.state());
      Shared.Held h = s.held(v.soul());
      List<Listeners.Sub> listeners = s.listeners.on(v.soul());
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
          s.hold(v.soul(), new Shared.Held(path, v.state(), value));
          targets = listeners == null ? List.of() : listeners;
        }
      }
    }
    finish(confirmed);
    if (verdict == Ham.Verdict.DUPLICATE) {
      s.counters.duplicates.incrementAndGet();
    } else if (verdict == Ham.Verdict.STALE) {
      s.counters.stale.incrementAndGet();
    } else if (verdict == Ham.Verdict.ACCEPT) {
      s.listeners.deliver(targets, path, payload);
    }
    return true;
  }

  static void finish(List<Pending> confirmed) {
    for (Pending p : confirmed) {
      p.done.complete(null);
    }
  }
}
