package org.allocationcommons.core.matching.internal;

import java.util.Arrays;

/**
 * A static interval index over need slots: undated ones (or with an unparseable date) always
 * match; dated ones are sorted by start with a max-end segment tree, so "start &lt;= E and end &gt;=
 * S" is answered in O(log n + k).
 */
public final class TimeIndex {

  private static final int[] NONE = new int[0];

  private final int[] always;
  private final int[] byStart;
  private final long[] starts;
  private final long[] maxEnd;
  private final int leaves;

  private TimeIndex(int[] always, int[] byStart, long[] starts, long[] maxEnd, int leaves) {
    this.always = always;
    this.byStart = byStart;
    this.starts = starts;
    this.maxEnd = maxEnd;
    this.leaves = leaves;
  }

  /** Indexes these ordinals, whose keys are {@code keys[ordinal]}. */
  public static TimeIndex of(int[] ordinals, SlotKey[] keys) {
    IntBuffer undated = new IntBuffer(8);
    IntBuffer dated = new IntBuffer(Math.max(4, ordinals.length));
    for (int o : ordinals) {
      if (keys[o].dated()) {
        dated.add(o);
      } else {
        undated.add(o);
      }
    }
    int n = dated.size();
    if (n == 0) {
      return new TimeIndex(undated.toArray(), NONE, new long[0], new long[0], 0);
    }
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = dated.get(i);
    }
    Arrays.sort(boxed, (x, y) -> {
      int c = Long.compare(keys[x].start, keys[y].start);
      return c != 0 ? c : Integer.compare(x, y);
    });
    int[] byStart = new int[n];
    long[] starts = new long[n];
    int leaves = Integer.highestOneBit(Math.max(1, n - 1)) << 1;
    if (leaves < n) {
      leaves = n;
    }
    long[] maxEnd = new long[2 * leaves];
    Arrays.fill(maxEnd, Long.MIN_VALUE);
    for (int i = 0; i < n; i++) {
      byStart[i] = boxed[i];
      starts[i] = keys[boxed[i]].start;
      maxEnd[leaves + i] = keys[boxed[i]].end;
    }
    for (int i = leaves - 1; i >= 1; i--) {
      maxEnd[i] = Math.max(maxEnd[2 * i], maxEnd[2 * i + 1]);
    }
    return new TimeIndex(undated.toArray(), byStart, starts, maxEnd, leaves);
  }

  /** Adds every indexed ordinal. */
  public void all(IntBuffer out) {
    out.addAll(always);
    out.addAll(byStart);
  }

  /** Adds every ordinal time-compatible with a slot of this key. */
  public void query(SlotKey avail, IntBuffer out) {
    if (!avail.dated()) {
      all(out);
      return;
    }
    out.addAll(always);
    if (byStart.length == 0) {
      return;
    }
    int limit = upperBound(starts, avail.end);
    if (limit > 0) {
      collect(1, 0, leaves, limit, avail.start, out);
    }
  }

  /** Number of indexed ordinals. */
  public int size() {
    return always.length + byStart.length;
  }

  private void collect(int node, int lo, int hi, int limit, long minEnd, IntBuffer out) {
    if (lo >= limit || maxEnd[node] < minEnd) {
      return;
    }
    if (hi - lo == 1) {
      out.add(byStart[lo]);
      return;
    }
    int mid = (lo + hi) >>> 1;
    collect(2 * node, lo, mid, limit, minEnd, out);
    collect(2 * node + 1, mid, hi, limit, minEnd, out);
  }

  /** Number of starts &lt;= value. */
  private static int upperBound(long[] a, long value) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
