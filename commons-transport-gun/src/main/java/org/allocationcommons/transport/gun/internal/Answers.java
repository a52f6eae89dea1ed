package org.allocationcommons.transport.gun.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Whether to answer a Holster relay's get for a document of ours. Holster answers every get itself,
 * to every client: the author answers only when the relay shows it lacks the document (its reply
 * to that get did not show our state, and it has not echoed our put of it since the connection
 * opened), instead of once more for every client. Thread-safe.
 */
final class Answers {

  private static final String KEY = Shared.KEY;

  /**
   * How long a get for a document of ours waits for the Holster relay's own reply before we decide
   * whether to answer it: the relay answers from memory at once and from disk within milliseconds,
   * and its reply reaches every client, us included.
   */
  static final long ANSWER_AFTER_MILLIS = 250;

  /** How many of the relay's recent get replies are remembered (by the get's id). */
  static final int RELAY_REPLIES = 4096;

  private final Shared s;
  /** The newest state of each soul of ours a Holster relay echoed, by relay and soul: it holds it. */
  private final Map<String, Double> echoed = new HashMap<>();
  private final Map<String, Map<String, Double>> relayReplies =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Double>> eldest) {
          return size() > RELAY_REPLIES;
        }
      };

  Answers(Shared shared) {
    this.s = shared;
  }

  /** A relay (re)connected: what it had echoed of ours before may be gone (a restart). */
  void onConnected(Connection peer) {
    String prefix = peer.uri() + " ";
    synchronized (echoed) {
      echoed.keySet().removeIf(k -> k.startsWith(prefix));
    }
  }

  /**
   * Notes what an echo of our own message shows: Holster echoes a put once it has taken it into its
   * graph (or, for a state ahead of its clock, held it back until then: readers then wait for that
   * clock, as they would for the relay's own copy).
   */
  void onEcho(Connection peer, GunMessage m) {
    if (m instanceof GunMessage.Put put) {
      synchronized (echoed) {
        for (GunMessage.Value v : put.values()) {
          echoed.merge(peer.uri() + " " + v.soul(), v.state(), Math::max);
        }
      }
    }
  }

  /** A get for our {@code soul}: decided once the relay has had time to reply to it. */
  void onOwnGet(Connection peer, String getId, String soul) {
    try {
      s.scheduler.schedule(() -> answerUnlessRelayHolds(peer, getId, soul), ANSWER_AFTER_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  /** Records what a Holster relay's reply to a get (an ack or put naming the get's id) shows. */
  void onRelayMessage(GunMessage m) {
    Map<String, Double> shown = new HashMap<>();
    String ackOf;
    if (m instanceof GunMessage.Put put && put.ackOf().isPresent()) {
      ackOf = put.ackOf().get();
      for (GunMessage.Value v : put.values()) {
        if (v.key().equals(KEY) && !v.value().isNull()) {
          shown.merge(v.soul(), v.state(), Math::max);
        }
      }
    } else if (m instanceof GunMessage.Ack ack) {
      ackOf = ack.ackOf(); // a reply without a put: the relay holds nothing for that get
    } else {
      return;
    }
    synchronized (relayReplies) {
      relayReplies.merge(ackOf, shown, (a, b) -> {
        Map<String, Double> both = new HashMap<>(a);
        b.forEach((soul, state) -> both.merge(soul, state, Math::max));
        return both;
      });
    }
  }

  /** Answers get {@code getId} for our {@code soul} unless the relay showed it holds our state. */
  private void answerUnlessRelayHolds(Connection peer, String getId, String soul) {
    Shared.Held h;
    synchronized (s.lock) {
      if (s.isClosed()) {
        return;
      }
      h = s.held(soul);
    }
    if (h == null) {
      return;
    }
    Double shown;
    synchronized (relayReplies) {
      Map<String, Double> reply = relayReplies.get(getId);
      shown = reply == null ? null : reply.get(soul);
    }
    Double echo;
    synchronized (echoed) {
      echo = echoed.get(peer.uri() + " " + soul);
    }
    // Either the relay's reply showed our state, or the relay echoed our put of it (and a relay
    // asking the wire itself, as 1.0.21 does before each put it stores, answers from its graph).
    if ((shown != null && shown >= h.state()) || (echo != null && echo >= h.state())) {
      s.counters.getsLeftToRelay.incrementAndGet();
      return;
    }
    s.counters.getsAnswered.incrementAndGet();
    peer.send(Frames.reply(s.ids.next(), getId, soul, KEY, h.state(), h.value()));
  }
}
