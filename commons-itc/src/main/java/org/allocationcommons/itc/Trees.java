package org.allocationcommons.itc;

import org.allocationcommons.itc.Stamp.Event;
import org.allocationcommons.itc.Stamp.Id;

/**
 * The algebra of id and event trees (section 3 and 4 of the paper). Every method takes and returns
 * trees in normal form unless it says otherwise; recursion depth is bounded by the depth of the
 * trees, which {@link Stamp#MAX_DEPTH} bounds.
 */
final class Trees {

  /**
   * Cost of expanding an event leaf into a node while growing: larger than any path length, so a
   * growth that needs no expansion is always preferred (the paper's "large constant N").
   */
  private static final long EXPANSION_COST = 1L << 20;

  private Trees() {}

  // ---------------------------------------------------------------------------------- validation

  static void checkDepth(Id id, int depth) {
    if (id instanceof Id.Node node) {
      if (depth >= Stamp.MAX_DEPTH) {
        throw new IllegalArgumentException(
            "id tree is deeper than Stamp.MAX_DEPTH = " + Stamp.MAX_DEPTH);
      }
      checkDepth(node.left(), depth + 1);
      checkDepth(node.right(), depth + 1);
    }
  }

  static void checkDepth(Event event, int depth) {
    if (event instanceof Event.Node node) {
      if (depth >= Stamp.MAX_DEPTH) {
        throw new IllegalArgumentException(
            "event tree is deeper than Stamp.MAX_DEPTH = " + Stamp.MAX_DEPTH);
      }
      checkDepth(node.left(), depth + 1);
      checkDepth(node.right(), depth + 1);
    }
  }

  /** Rejects trees where a counter summed along its path (its absolute value) overflows a long. */
  static void checkAbsoluteValues(Event event, long offset, int depth) {
    long absolute;
    try {
      absolute = Math.addExact(offset, event.n());
    } catch (ArithmeticException overflow) {
      throw new IllegalArgumentException(
          "event counter at depth " + depth + " sums with its ancestors to more than Long.MAX_VALUE",
          overflow);
    }
    if (event instanceof Event.Node node) {
      checkAbsoluteValues(node.left(), absolute, depth + 1);
      checkAbsoluteValues(node.right(), absolute, depth + 1);
    }
  }

  static int depth(Id id) {
    return id instanceof Id.Node n ? 1 + Math.max(depth(n.left()), depth(n.right())) : 0;
  }

  static int depth(Event event) {
    return event instanceof Event.Node n ? 1 + Math.max(depth(n.left()), depth(n.right())) : 0;
  }

  // ------------------------------------------------------------------------------- normalisation

  /** Normal form of an arbitrary id tree: {@code (0, 0) -> 0}, {@code (1, 1) -> 1}, bottom up. */
  static Id normalise(Id id) {
    if (id instanceof Id.Node node) {
      return idNode(normalise(node.left()), normalise(node.right()));
    }
    return Id.leaf(((Id.Leaf) id).one());
  }

  /** Normal form of an arbitrary event tree, bottom up. Counters must not overflow (checked). */
  static Event normalise(Event event) {
    if (event instanceof Event.Node node) {
      return eventNode(node.n(), normalise(node.left()), normalise(node.right()));
    }
    return event;
  }

  /** Id node from two normal children, collapsing {@code (0, 0)} and {@code (1, 1)}. */
  static Id idNode(Id left, Id right) {
    if (left instanceof Id.Leaf l && right instanceof Id.Leaf r && l.one() == r.one()) {
      return l.one() ? Id.ONE : Id.ZERO;
    }
    return new Id.Node(left, right);
  }

  /**
   * Event node from two normal children: {@code (n, m, m) -> n + m}, otherwise the common minimum
   * of the children is lifted into the root so that one child has root counter 0.
   */
  static Event eventNode(long n, Event left, Event right) {
    if (left instanceof Event.Leaf l && right instanceof Event.Leaf r && l.n() == r.n()) {
      return Event.leaf(Math.addExact(n, l.n()));
    }
    long m = Math.min(left.n(), right.n());
    if (m == 0) {
      return new Event.Node(n, left, right);
    }
    return new Event.Node(Math.addExact(n, m), sink(left, m), sink(right, m));
  }

  private static Event lift(Event e, long m) {
    if (m == 0) {
      return e;
    }
    if (e instanceof Event.Node node) {
      return new Event.Node(Math.addExact(node.n(), m), node.left(), node.right());
    }
    return Event.leaf(Math.addExact(e.n(), m));
  }

  private static Event sink(Event e, long m) {
    if (e instanceof Event.Node node) {
      return new Event.Node(node.n() - m, node.left(), node.right());
    }
    return Event.leaf(e.n() - m);
  }

  /** The largest absolute counter in a tree. */
  static long max(Event e) {
    if (e instanceof Event.Node node) {
      return Math.addExact(node.n(), Math.max(max(node.left()), max(node.right())));
    }
    return e.n();
  }

  // ----------------------------------------------------------------------------------------- fork

  /** The paper's split: two disjoint ids whose sum is {@code id}. {@code id} must not be 0. */
  static Id[] split(Id id, int depth) {
    if (id instanceof Id.Leaf) {
      // Only reached for 1 (a 0 leaf is handled by the node cases below or rejected by the caller).
      if (depth >= Stamp.MAX_DEPTH) {
        throw new IllegalStateException(
            "fork would make the id tree deeper than Stamp.MAX_DEPTH = " + Stamp.MAX_DEPTH
                + "; fork a stamp with a shallower id or retire (join back) unused ids first");
      }
      return new Id[] {new Id.Node(Id.ONE, Id.ZERO), new Id.Node(Id.ZERO, Id.ONE)};
    }
    Id.Node node = (Id.Node) id;
    if (isZero(node.left())) {
      Id[] inner = split(node.right(), depth + 1);
      return new Id[] {new Id.Node(Id.ZERO, inner[0]), new Id.Node(Id.ZERO, inner[1])};
    }
    if (isZero(node.right())) {
      Id[] inner = split(node.left(), depth + 1);
      return new Id[] {new Id.Node(inner[0], Id.ZERO), new Id.Node(inner[1], Id.ZERO)};
    }
    return new Id[] {new Id.Node(node.left(), Id.ZERO), new Id.Node(Id.ZERO, node.right())};
  }

  static boolean isZero(Id id) {
    return id instanceof Id.Leaf leaf && !leaf.one();
  }

  static boolean isOne(Id id) {
    return id instanceof Id.Leaf leaf && leaf.one();
  }

  // ----------------------------------------------------------------------------------------- join

  /** Sum of two disjoint ids, normalised; {@code null} when they overlap. */
  static Id sum(Id a, Id b) {
    if (isZero(a)) {
      return b;
    }
    if (isZero(b)) {
      return a;
    }
    if (a instanceof Id.Node na && b instanceof Id.Node nb) {
      Id left = sum(na.left(), nb.left());
      if (left == null) {
        return null;
      }
      Id right = sum(na.right(), nb.right());
      if (right == null) {
        return null;
      }
      return idNode(left, right);
    }
    return null; // a 1 meets a non-zero id: both own some common part.
  }

  /** Least upper bound of two event trees, normalised. */
  static Event join(Event a, Event b) {
    if (a instanceof Event.Leaf && b instanceof Event.Leaf) {
      return a.n() >= b.n() ? a : b;
    }
    if (a.n() > b.n()) {
      Event t = a;
      a = b;
      b = t;
    }
    long d = b.n() - a.n();
    Event al = left(a);
    Event ar = right(a);
    Event bl = lift(left(b), d);
    Event br = lift(right(b), d);
    return eventNode(a.n(), join(al, bl), join(ar, br));
  }

  private static Event left(Event e) {
    return e instanceof Event.Node node ? node.left() : Event.ZERO;
  }

  private static Event right(Event e) {
    return e instanceof Event.Node node ? node.right() : Event.ZERO;
  }

  // ------------------------------------------------------------------------------------------ leq

  /** Whether {@code a} lifted by {@code oa} is pointwise at most {@code b} lifted by {@code ob}. */
  static boolean leq(Event a, long oa, Event b, long ob) {
    long na = oa + a.n();
    long nb = ob + b.n();
    if (na > nb) {
      return false;
    }
    if (a instanceof Event.Leaf) {
      return true; // a is flat at na <= nb <= every point of b
    }
    Event.Node node = (Event.Node) a;
    if (b instanceof Event.Leaf) {
      return leq(node.left(), na, b, ob) && leq(node.right(), na, b, ob);
    }
    Event.Node other = (Event.Node) b;
    return leq(node.left(), na, other.left(), nb) && leq(node.right(), na, other.right(), nb);
  }

  // ---------------------------------------------------------------------------------------- event

  /**
   * The paper's fill: raises the parts of the history owned by {@code id} as far as possible
   * without inventing new events, simplifying the tree. Returns a normal tree.
   */
  static Event fill(Id id, Event e) {
    if (isZero(id)) {
      return e;
    }
    if (isOne(id)) {
      return e instanceof Event.Leaf ? e : Event.leaf(max(e));
    }
    if (e instanceof Event.Leaf) {
      return e;
    }
    Id.Node i = (Id.Node) id;
    Event.Node node = (Event.Node) e;
    if (isOne(i.left())) {
      Event right = fill(i.right(), node.right());
      Event left = Event.leaf(Math.max(max(node.left()), right.n()));
      return eventNode(node.n(), left, right);
    }
    if (isOne(i.right())) {
      Event left = fill(i.left(), node.left());
      Event right = Event.leaf(Math.max(max(node.right()), left.n()));
      return eventNode(node.n(), left, right);
    }
    return eventNode(node.n(), fill(i.left(), node.left()), fill(i.right(), node.right()));
  }

  /** A grown event tree and the cost of the growth (expansions weigh {@link #EXPANSION_COST}). */
  record Growth(Event event, long cost) {}

  /**
   * The paper's grow: increments the history at a point owned by {@code id}, choosing the growth
   * that expands the tree least, then the shallowest. {@code id} must not be 0.
   */
  static Growth grow(Id id, Event e) {
    if (id instanceof Id.Leaf) {
      if (e instanceof Event.Leaf) {
        return new Growth(Event.leaf(Math.addExact(e.n(), 1)), 0);
      }
      // Not reachable from Stamp.event(): fill(1, node) always changes the node.
      return new Growth(Event.leaf(Math.addExact(max(e), 1)), 0);
    }
    Id.Node i = (Id.Node) id;
    if (e instanceof Event.Leaf) {
      Growth g = grow(i, new Event.Node(e.n(), Event.ZERO, Event.ZERO));
      return new Growth(g.event(), g.cost() + EXPANSION_COST);
    }
    Event.Node node = (Event.Node) e;
    if (isZero(i.left())) {
      Growth g = grow(i.right(), node.right());
      return new Growth(eventNode(node.n(), node.left(), g.event()), g.cost() + 1);
    }
    if (isZero(i.right())) {
      Growth g = grow(i.left(), node.left());
      return new Growth(eventNode(node.n(), g.event(), node.right()), g.cost() + 1);
    }
    Growth gl = grow(i.left(), node.left());
    Growth gr = grow(i.right(), node.right());
    if (gl.cost() < gr.cost()) {
      return new Growth(eventNode(node.n(), gl.event(), node.right()), gl.cost() + 1);
    }
    return new Growth(eventNode(node.n(), node.left(), gr.event()), gr.cost() + 1);
  }

  // ------------------------------------------------------------------------------------- notation

  static String toString(Id id) {
    StringBuilder sb = new StringBuilder();
    append(sb, id);
    return sb.toString();
  }

  static String toString(Id id, Event event) {
    StringBuilder sb = new StringBuilder().append('(');
    append(sb, id);
    sb.append(", ");
    append(sb, event);
    return sb.append(')').toString();
  }

  static void append(StringBuilder sb, Id id) {
    if (id instanceof Id.Node node) {
      sb.append('(');
      append(sb, node.left());
      sb.append(", ");
      append(sb, node.right());
      sb.append(')');
    } else {
      sb.append(((Id.Leaf) id).one() ? '1' : '0');
    }
  }

  static void append(StringBuilder sb, Event e) {
    if (e instanceof Event.Node node) {
      sb.append('(').append(node.n()).append(", ");
      append(sb, node.left());
      sb.append(", ");
      append(sb, node.right());
      sb.append(')');
    } else {
      sb.append(e.n());
    }
  }
}
