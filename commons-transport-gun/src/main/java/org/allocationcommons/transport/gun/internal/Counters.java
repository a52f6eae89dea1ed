package org.allocationcommons.transport.gun.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.allocationcommons.transport.gun.GunStats;
import org.allocationcommons.transport.gun.HolsterCounters;

/** The counters of one transport, shared by its parts; read as {@link GunStats} and {@link HolsterCounters}. */
public final class Counters {

  public final AtomicLong framesIn = new AtomicLong();
  public final AtomicLong framesOut = new AtomicLong();
  public final AtomicLong malformed = new AtomicLong();
  public final AtomicLong acks = new AtomicLong();
  public final AtomicLong rejected = new AtomicLong();
  public final AtomicLong reconnects = new AtomicLong();
  public final AtomicLong delivered = new AtomicLong();
  public final AtomicLong duplicates = new AtomicLong();
  public final AtomicLong stale = new AtomicLong();
  public final AtomicLong superseded = new AtomicLong();
  public final AtomicLong listenerFailures = new AtomicLong();
  public final AtomicLong echoes = new AtomicLong();
  public final AtomicLong throttled = new AtomicLong();
  public final AtomicLong resent = new AtomicLong();
  public final AtomicLong getsAnswered = new AtomicLong();
  public final AtomicLong getsLeftToRelay = new AtomicLong();

  /** A snapshot, with {@code unconfirmed} paths still waiting for a relay. */
  public GunStats stats(int unconfirmed) {
    return new GunStats(
        framesIn.get(), framesOut.get(), malformed.get(), acks.get(), rejected.get(),
        reconnects.get(), delivered.get(), duplicates.get(), stale.get(), listenerFailures.get(),
        superseded.get(), unconfirmed);
  }

  /** A snapshot of what the Holster dialect counted. */
  public HolsterCounters holster() {
    return new HolsterCounters(
        echoes.get(), throttled.get(), resent.get(), getsAnswered.get(), getsLeftToRelay.get());
  }
}
