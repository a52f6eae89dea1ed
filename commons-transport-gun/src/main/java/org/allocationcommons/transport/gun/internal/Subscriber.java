package org.allocationcommons.transport.gun.internal;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.sync.spi.DeliveryListener;
import org.allocationcommons.sync.spi.Subscription;

/**
 * Subscriptions: each sends a {@code get} for its node to every relay, again shortly after (GUN: a
 * get crossing a mesh of relays while its soul is being written can go unanswered) and, for all of
 * them, every {@code resubscribeEvery}; the value already held is delivered at once.
 */
public final class Subscriber {

  /** When a new subscription's get is sent again (GUN only). */
  static final List<Duration> CONFIRMING_GETS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5));

  private final Shared s;

  /** Subscriptions of the transport sharing {@code shared}. */
  public Subscriber(Shared shared) {
    this.s = shared;
  }

  /** Subscribes {@code listener} to {@code path} (GUN soul {@code soul}). */
  public Subscription subscribe(String path, String soul, DeliveryListener listener) {
    Listeners.Sub sub;
    Shared.Held h;
    synchronized (s.lock) {
      s.requireOpen();
      sub = s.listeners.add(soul, path, listener);
      h = s.held(soul);
    }
    if (h != null) {
      s.listeners.deliver(List.of(sub), path, Base64.getDecoder().decode(h.value()));
    }
    s.sendAll(Frames.get(s.ids.next(), soul, Optional.empty()));
    // A get that crosses a mesh of relays while its soul is being written can go unanswered (we saw
    // subscribers across two relays miss a value until the periodic resubscription); asking again
    // shortly after costs two frames and closes that window early.
    // Holster has no mesh and shows every put to every client: one get is enough there.
    for (Duration after : s.dialect.isHolster() ? List.<Duration>of() : CONFIRMING_GETS) {
      s.scheduler.schedule(() -> regetIfSubscribed(sub, soul), after.toMillis(), TimeUnit.MILLISECONDS);
    }
    return new Subscription() {
      @Override
      public String path() {
        return path;
      }

      @Override
      public void close() {
        sub.open = false;
        synchronized (s.lock) {
          s.listeners.remove(soul, sub);
        }
      }
    };
  }

  /** Sends a get for every soul listened to, to every relay. */
  public void resubscribeAll() {
    List<String> souls;
    synchronized (s.lock) {
      souls = s.listeners.souls();
    }
    for (Connection p : s.peers()) {
      for (String soul : souls) {
        p.send(Frames.get(s.ids.next(), soul, Optional.empty()));
      }
    }
  }

  private void regetIfSubscribed(Listeners.Sub sub, String soul) {
    synchronized (s.lock) {
      if (!sub.open || s.isClosed()) {
        return;
      }
    }
    s.sendAll(Frames.get(s.ids.next(), soul, Optional.empty()));
  }
}
