package org.allocationcommons.sync.inbound;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.envelope.internal.Digest;
import org.allocationcommons.sync.spi.DocumentPaths;

/**
 * The first check of every delivery, before any signature check or parse (SPEC 7, "Work"): a node
 * calls {@link #admit} on the transport's thread, before queueing the delivery, and opens the
 * envelope only if it was admitted. Two bounds:
 *
 * <ul>
 *   <li><b>Replays cost a hash.</b> The SHA-256 of the delivered bytes is looked up among the
 *       recently seen deliveries at the same path (a bounded LRU, {@link
 *       #DEFAULT_RECENT_DELIVERIES} by default); a repeat is dropped as {@link
 *       Rejection#DUPLICATE}, with the first delivery's {@link Outcome}, whatever it was. A
 *       delivery admitted but not yet settled is remembered as {@link Outcome#PENDING}, so copies
 *       queued behind it are dropped too.
 *   <li><b>Work per peer is bounded.</b> Each path owner has an {@link InboundBudget} (bytes and
 *       deliveries per second, with bursts); a delivery beyond it is dropped unread as {@link
 *       Rejection#RATE_LIMITED} and not remembered, so a later copy may pass.
 * </ul>
 *
 * <p>After opening, the node {@link Admission#settle settles} the admission with its outcome, or
 * {@link Admission#forget forgets} it when the outcome may change with time (a document rejected
 * for a timestamp too far ahead). When it drops a document it held (an unsubscribed path), it calls
 * {@link #forget(String)} so a later copy is not taken for a repeat. Time comes from the injected
 * clock. Thread-safe; hashing happens outside the lock.
 */
public final class InboundGuard {

  /** Default number of recent deliveries remembered (all paths together). */
  public static final int DEFAULT_RECENT_DELIVERIES = 4096;
  /** Default number of path owners whose budgets are tracked; the least recent is reset beyond it. */
  public static final int DEFAULT_MAX_OWNERS = 65_536;

  private static final String INVALID_PATH_OWNER = "";

  private final LongSupplier nowMillis;
  private final InboundBudget budget;
  private final int recentDeliveries;
  private final Map<Key, Outcome> recent;
  private final Map<String, Bucket> buckets;
  private long admitted;
  private final Map<Rejection, Long> dropped = new EnumMap<>(Rejection.class);

  private InboundGuard(Builder b) {
    this.nowMillis = b.nowMillis;
    this.budget = b.budget;
    this.recentDeliveries = b.recentDeliveries;
    this.recent = lru(b.recentDeliveries);
    this.buckets = lru(b.maxOwners);
  }

  /**
   * A builder whose guard reads time from {@code nowMillis} (e.g. {@code scheduler::nowMillis}).
   *
   * @param nowMillis the current time, epoch milliseconds
   * @return the builder
   */
  public static Builder builder(LongSupplier nowMillis) {
    return new Builder(Objects.requireNonNull(nowMillis, "nowMillis"));
  }

  /**
   * A guard with the default bounds.
   *
   * @param nowMillis the current time, epoch milliseconds
   * @return the guard
   */
  public static InboundGuard withDefaults(LongSupplier nowMillis) {
    return builder(nowMillis).build();
  }

  /**
   * Decides whether the delivery of {@code envelope} at {@code path} may be opened: dropped as a
   * repeat, dropped beyond its owner's budget, or admitted (and charged to that budget).
   *
   * @param path the path delivered at
   * @param envelope the delivered bytes
   * @return the decision; settle it once the envelope is opened
   */
  public Admission admit(String path, byte[] envelope) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(envelope, "envelope");
    Key key = new Key(path, Digest.of(envelope));
    String owner = DocumentPaths.owner(path).orElse(INVALID_PATH_OWNER);
    synchronized (this) {
      Outcome seen = recent.get(key);
      if (seen != null) {
        dropped.merge(Rejection.DUPLICATE, 1L, Long::sum);
        return new Admission(this, key, Optional.of(Rejection.DUPLICATE), Optional.of(seen));
      }
      Bucket bucket = buckets.computeIfAbsent(owner, o -> new Bucket(budget, nowMillis.getAsLong()));
      if (!bucket.take(budget, nowMillis.getAsLong(), envelope.length)) {
        dropped.merge(Rejection.RATE_LIMITED, 1L, Long::sum);
        return new Admission(this, key, Optional.of(Rejection.RATE_LIMITED), Optional.empty());
      }
      recent.put(key, Outcome.PENDING);
      admitted++;
      return new Admission(this, key, Optional.empty(), Optional.empty());
    }
  }

  /**
   * Forgets every delivery remembered at {@code path}: the next copy of any is admitted again.
   *
   * @param path the document path
   */
  public synchronized void forget(String path) {
    for (Iterator<Key> it = recent.keySet().iterator(); it.hasNext(); ) {
      if (it.next().path().equals(path)) {
        it.remove();
      }
    }
  }

  /**
   * How many deliveries were admitted.
   *
   * @return the number of admitted deliveries
   */
  public synchronized long admitted() {
    return admitted;
  }

  /**
   * How many deliveries were dropped for {@code reason} ({@code DUPLICATE} or {@code RATE_LIMITED}).
   *
   * @param reason {@code DUPLICATE} or {@code RATE_LIMITED}
   * @return the number of deliveries dropped for it
   */
  public synchronized long dropped(Rejection reason) {
    return dropped.getOrDefault(reason, 0L);
  }

  /**
   * How many deliveries are remembered now (at most the configured bound).
   *
   * @return the number of deliveries remembered
   */
  public synchronized int remembered() {
    return recent.size();
  }

  /**
   * The bound on remembered deliveries.
   *
   * @return the most deliveries remembered
   */
  public int recentDeliveries() {
    return recentDeliveries;
  }

  /**
   * The budget of each path owner.
   *
   * @return the per-owner budget
   */
  public InboundBudget budget() {
    return budget;
  }

  synchronized void settle(Key key, Outcome outcome) {
    recent.put(key, outcome); // also when evicted meanwhile: remember the settled outcome again
  }

  synchronized void forget(Key key) {
    recent.remove(key);
  }

  private static <K, V> Map<K, V> lru(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

  /** A delivery: its path and the digest of its bytes. */
  record Key(String path, Digest digest) {}

  /** A path owner's two token buckets. */
  private static final class Bucket {
    private double bytes;
    private double deliveries;
    private long lastMillis;

    Bucket(InboundBudget b, long now) {
      this.bytes = b.burstBytes();
      this.deliveries = b.burstDeliveries();
      this.lastMillis = now;
    }

    boolean take(InboundBudget b, long now, long size) {
      double elapsed = Math.max(0, now - lastMillis) / 1000.0; // a clock going back refills nothing
      lastMillis = Math.max(lastMillis, now);
      bytes = Math.min(b.burstBytes(), bytes + elapsed * b.bytesPerSecond());
      deliveries = Math.min(b.burstDeliveries(), deliveries + elapsed * b.deliveriesPerSecond());
      if (bytes < size || deliveries < 1) {
        return false;
      }
      bytes -= size;
      deliveries -= 1;
      return true;
    }
  }

  /** Configures an {@link InboundGuard}. */
  public static final class Builder {
    private final LongSupplier nowMillis;
    private InboundBudget budget = InboundBudget.defaults();
    private int recentDeliveries = DEFAULT_RECENT_DELIVERIES;
    private int maxOwners = DEFAULT_MAX_OWNERS;

    private Builder(LongSupplier nowMillis) {
      this.nowMillis = nowMillis;
    }

    /**
     * Each path owner's budget. Default {@link InboundBudget#defaults()}.
     *
     * @param budget the per-owner budget
     * @return this builder
     */
    public Builder budget(InboundBudget budget) {
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /**
     * How many recent deliveries are remembered to drop repeats. Default 4,096; at least 1.
     *
     * @param count how many deliveries to remember
     * @return this builder
     */
    public Builder recentDeliveries(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("recentDeliveries = " + count + ": must be at least 1");
      }
      this.recentDeliveries = count;
      return this;
    }

    /**
     * How many path owners' budgets are tracked. Default 65,536; at least 1.
     *
     * @param count how many owners to track
     * @return this builder
     */
    public Builder maxOwners(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("maxOwners = " + count + ": must be at least 1");
      }
      this.maxOwners = count;
      return this;
    }

    /**
     * The guard.
     *
     * @return the guard
     */
    public InboundGuard build() {
      return new InboundGuard(this);
    }
  }
}
