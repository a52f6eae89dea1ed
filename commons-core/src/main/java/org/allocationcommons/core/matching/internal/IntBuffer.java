package org.allocationcommons.core.matching.internal;

import java.util.Arrays;

/** A growable int array (no boxing). */
public final class IntBuffer {
  private int[] data;
  private int size;

  /** An empty buffer. */
  public IntBuffer() {
    this(16);
  }

  /** An empty buffer with this capacity. */
  public IntBuffer(int capacity) {
    data = new int[Math.max(4, capacity)];
  }

  /** Appends a value. */
  public void add(int value) {
    if (size == data.length) {
      data = Arrays.copyOf(data, data.length * 2);
    }
    data[size++] = value;
  }

  /** Appends values. */
  public void addAll(int[] values) {
    if (size + values.length > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + values.length));
    }
    System.arraycopy(values, 0, data, size, values.length);
    size += values.length;
  }

  /** Number of values. */
  public int size() {
    return size;
  }

  /** The value at an index. */
  public int get(int i) {
    return data[i];
  }

  /** The values, trimmed. */
  public int[] toArray() {
    return Arrays.copyOf(data, size);
  }

  /** The values sorted ascending without duplicates. */
  public int[] sortedDistinct() {
    int[] a = toArray();
    Arrays.sort(a);
    int w = 0;
    for (int i = 0; i < a.length; i++) {
      if (w == 0 || a[i] != a[w - 1]) {
        a[w++] = a[i];
      }
    }
    return w == a.length ? a : Arrays.copyOf(a, w);
  }
}
