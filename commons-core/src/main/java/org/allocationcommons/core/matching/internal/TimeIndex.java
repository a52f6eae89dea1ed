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
    int[] byStart = dated.toArray();
    long[] starts = new long[n];
    for (int i = 0; i < n; i++) {
      starts[i] = keys[byStart[i]].start;
    }
    // by (start, ordinal), on primitive arrays (a boxed Integer[] sort was 6.5% of an allocation)
    sort(starts, byStart, new long[n], new int[n], 0, n);
    int leaves = Integer.highestOneBit(Math.max(1, n - 1)) << 1;
    if (leaves < n) {
      leaves = n;
    }
    long[] maxEnd = new long[2 * leaves];
    Arrays.fill(maxEnd, Long.MIN_VALUE);
    for (int i = 0; i < n; i++) {
      maxEnd[leaves + i] = keys[byStart[i]].end;
    }
    for (int i = leaves - 1; i >= 1; i--) {
      maxEnd[i] = Math.max(maxEnd[2 * i], maxEnd[2 * i + 1]);
    }
    return new TimeIndex(undated.toArray(), byStart, starts, maxEnd, leaves);
  }

  /** Merge sort of {@code [lo, hi)} by (start, ordinal), both arrays moved together. */
  private static void sort(long[] s, int[] o, long[] ts, int[] to, int lo, int hi) {
    if (hi - lo <= 16) {
      for (int i = lo + 1; i < hi; i++) {
        long ks = s[i];
        int ko = o[i];
        int j = i - 1;
        while (j >= lo && (s[j] > ks || (s[j] == ks && o[j] > ko))) {
          s[j + 1] = s[j];
          o[j + 1] = o[j];
          j--;
        }
        s[j + 1] = ks;
        o[j + 1] = ko;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    sort(s, o, ts, to, lo, mid);
    sort(s, o, ts, to, mid, hi);
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      if (s[i] < s[j] || (s[i] == s[j] && o[i] < o[j])) {
        ts[k] = s[i];
        to[k++] = o[i++];
      } else {
        ts[k] = s[j];
        to[k++] = o[j++];
      }
    }
    while (i < mid) {
      ts[k] = s[i];
      to[k++] = o[i++];
    }
    while (j < hi) {
      ts[k] = s[j];
      to[k++] = o[j++];
    }
    System.arraycopy(ts, lo, s, lo, hi - lo);
    System.arraycopy(to, lo, o, lo, hi - lo);
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
