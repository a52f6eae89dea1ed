package org.allocationcommons.sync.envelope;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts and logs refused or dropped envelopes by reason. Thread-safe. */
public final class RejectionCounter {

  private static final Logger log = LoggerFactory.getLogger(RejectionCounter.class);

  private final AtomicLongArray counts = new AtomicLongArray(Rejection.values().length);

  /**
   * Records and logs (WARN) one rejection.
   *
   * @param e the rejection
   */
  public void record(RejectedEnvelopeException e) {
    counts.incrementAndGet(e.reason().ordinal());
    log.warn("rejected envelope: {} at {}: {}", e.reason(), e.path(), e.violations());
  }

  /**
   * Counts one delivery dropped unread ({@link Rejection#DUPLICATE}, {@link
   * Rejection#RATE_LIMITED}), logged at DEBUG only: a replaying relay must not flood the log.
   *
   * @param reason {@code DUPLICATE} or {@code RATE_LIMITED}
   * @param path the path delivered at
   */
  public void recordDrop(Rejection reason, String path) {
    counts.incrementAndGet(reason.ordinal());
    log.debug("dropped delivery: {} at {}", reason, path);
  }

  /**
   * How many were rejected for {@code reason}.
   *
   * @param reason the reason to count
   * @return the number of rejections for it
   */
  public long count(Rejection reason) {
    return counts.get(reason.ordinal());
  }

  /**
   * All counts, every reason present (0 when none).
   *
   * @return the counts by reason
   */
  public Map<Rejection, Long> snapshot() {
    Map<Rejection, Long> m = new EnumMap<>(Rejection.class);
    for (Rejection r : Rejection.values()) {
      m.put(r, counts.get(r.ordinal()));
    }
    return m;
  }

  /**
   * Total rejections.
   *
   * @return the number of rejections
   */
  public long total() {
    long t = 0;
    for (int i = 0; i < counts.length(); i++) {
      t += counts.get(i);
    }
    return t;
  }
}
