package org.allocationcommons.transport.gun.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A publish waiting for a relay to confirm it. Its ids and state change only under the {@link
 * Ledger}'s lock; when {@link #done} completes, the older publishes it superseded complete with it.
 */
public final class Pending {

  final String path;
  final String soul;
  /** The state last sent; the Holster dialect re-sends with a fresh one (changed under the lock). */
  volatile double state;
  final String value;
  /** How many times it was looked after without a confirmation (under the ledger's lock). */
  int attempts;
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

  /** The document path published. */
  public String path() {
    return path;
  }

  /** The GUN soul of {@link #path()}. */
  public String soul() {
    return soul;
  }

  /** The HAM state last sent. */
  public double state() {
    return state;
  }

  /** The base64 payload. */
  public String value() {
    return value;
  }

  /** Completes when a relay confirms this publish (or it fails). */
  public CompletableFuture<Void> done() {
    return done;
  }
}
