package org.allocationcommons.transport.gun.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The publishes waiting for a relay's confirmation, by message id and by soul. A newer publish of a
 * soul supersedes the older unconfirmed ones: they keep no payload and complete with it, so at most
 * one payload per soul is held however long the relays are down. Not thread-safe: every method is
 * called under the transport's lock.
 */
public final class Ledger {

  private final Map<String, Pending> byId = new HashMap<>();
  private final Map<String, List<Pending>> bySoul = new HashMap<>();
  private final Counters counters;

  /** An empty ledger counting acks and supersessions in {@code counters}. */
  public Ledger(Counters counters) {
    this.counters = counters;
  }

  /** Records a new publish sent under message {@code id}; it supersedes the waiting ones of its soul. */
  public Pending add(String id, String path, String soul, double state, String value) {
    Pending pending = new Pending(path, soul, state, value);
    pending.ids.add(id);
    List<Pending> older = bySoul.remove(soul);
    if (older != null) {
      for (Pending o : older) {
        o.ids.forEach(byId::remove);
        synchronized (o.superseded) { // o may be confirmed meanwhile: completing twice is harmless
          pending.superseded.add(o.done);
          pending.superseded.addAll(o.superseded); // flat: completing them never nests
          o.superseded.clear();
        }
      }
      counters.superseded.addAndGet(older.size());
    }
    byId.put(id, pending);
    bySoul.computeIfAbsent(soul, s -> new ArrayList<>()).add(pending);
    return pending;
  }

  /** The publish sent under message {@code id}, or null. */
  public Pending byId(String id) {
    return byId.get(id);
  }

  /** Whether {@code p} is still the waiting publish of its soul (not superseded, not finished). */
  public boolean isWaiting(Pending p) {
    List<Pending> list = bySoul.get(p.soul);
    return list != null && list.contains(p);
  }

  /** Records that {@code p} is (also) sent under message {@code id}. */
  public void addId(Pending p, String id) {
    p.ids.add(id);
    byId.put(id, p);
  }

  /** Removes and returns the pending publishes of {@code soul} whose state the relay now holds. */
  public List<Pending> confirmUpTo(String soul, double state) {
    List<Pending> list = bySoul.get(soul);
    if (list == null) {
      return List.of();
    }
    List<Pending> done = new ArrayList<>();
    for (Pending p : List.copyOf(list)) {
      if (p.state <= state) {
        forget(p);
        counters.acks.incrementAndGet(); // counted here, under the lock, exactly once per publish
        done.add(p);
      }
    }
    return done;
  }

  /** Stops waiting for {@code p} (it failed, or another writer's value replaced it). */
  public void forget(Pending p) {
    p.ids.forEach(byId::remove);
    List<Pending> list = bySoul.get(p.soul);
    if (list != null) {
      list.remove(p);
      if (list.isEmpty()) {
        bySoul.remove(p.soul);
      }
    }
  }

  /** The newest waiting publish of each soul (the ones to send again after a reconnect). */
  public List<Pending> newestPerSoul() {
    List<Pending> latest = new ArrayList<>();
    for (List<Pending> list : bySoul.values()) {
      Pending newest = list.get(0);
      for (Pending p : list) {
        if (p.state > newest.state) {
          newest = p;
        }
      }
      latest.add(newest);
    }
    return latest;
  }

  /** How many souls have a publish waiting. */
  public int souls() {
    return bySoul.size();
  }

  /** Removes and returns every waiting publish (on close). */
  public List<Pending> clear() {
    List<Pending> unfinished = new ArrayList<>(new LinkedHashSet<>(byId.values()));
    byId.clear();
    bySoul.clear();
    return unfinished;
  }
}
