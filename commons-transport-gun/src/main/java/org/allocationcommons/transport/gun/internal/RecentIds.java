package org.allocationcommons.transport.gun.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded set of recently seen message ids (least recently seen evicted first). Thread-safe. */
public final class RecentIds {

  private final Map<String, Boolean> ids;

  /** A set holding at most {@code capacity} ids. */
  public RecentIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity + " must be >= 1");
    }
    this.ids =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Records {@code id}; returns {@code true} if it was new, {@code false} if seen recently. */
  public synchronized boolean add(String id) {
    return ids.put(id, Boolean.TRUE) == null;
  }

  /** How many ids are held (at most the capacity). */
  public synchronized int size() {
    return ids.size();
  }
}
