package org.allocationcommons.itc;

import org.allocationcommons.itc.Stamp.Event;
import org.allocationcommons.itc.Stamp.Id;

/**
 * An independent model of the trees as functions on the unit interval, sampled at 2^depth equal
 * cells: an id is the set of owned cells, an event tree the counter of each cell. Used to check the
 * algebra against its meaning rather than against its own structure.
 */
final class TreeOracle {

  private TreeOracle() {}

  static boolean[] owned(Id id, int depth) {
    boolean[] cells = new boolean[1 << depth];
    fill(id, cells, 0, cells.length);
    return cells;
  }

  private static void fill(Id id, boolean[] cells, int from, int to) {
    if (id instanceof Id.Node node) {
      int mid = (from + to) >>> 1;
      fill(node.left(), cells, from, mid);
      fill(node.right(), cells, mid, to);
    } else if (((Id.Leaf) id).one()) {
      for (int i = from; i < to; i++) {
        cells[i] = true;
      }
    }
  }

  static long[] values(Event e, int depth) {
    long[] cells = new long[1 << depth];
    fill(e, 0, cells, 0, cells.length);
    return cells;
  }

  private static void fill(Event e, long base, long[] cells, int from, int to) {
    long value = base + e.n();
    if (e instanceof Event.Node node) {
      int mid = (from + to) >>> 1;
      fill(node.left(), value, cells, from, mid);
      fill(node.right(), value, cells, mid, to);
    } else {
      for (int i = from; i < to; i++) {
        cells[i] = value;
      }
    }
  }

  static int depth(Stamp... stamps) {
    int d = 0;
    for (Stamp s : stamps) {
      d = Math.max(d, Math.max(Trees.depth(s.id()), Trees.depth(s.history())));
    }
    return d;
  }

  /** Independent check of the paper's normal form. */
  static boolean isNormal(Id id) {
    if (id instanceof Id.Node node) {
      boolean collapsible = node.left() instanceof Id.Leaf l && node.right() instanceof Id.Leaf r
          && l.one() == r.one();
      return !collapsible && isNormal(node.left()) && isNormal(node.right());
    }
    return true;
  }

  /** Independent check of the paper's normal form. */
  static boolean isNormal(Event e) {
    if (e instanceof Event.Node node) {
      boolean collapsible = node.left() instanceof Event.Leaf l && node.right() instanceof Event.Leaf r
          && l.n() == r.n();
      return !collapsible
          && Math.min(node.left().n(), node.right().n()) == 0
          && isNormal(node.left())
          && isNormal(node.right());
    }
    return e.n() >= 0;
  }
}
