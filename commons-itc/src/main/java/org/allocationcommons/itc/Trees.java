package org.allocationcommons.itc;

import java.util.ArrayDeque;
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

  /** The limit's wording in messages: {@code Stamp.MAX_COUNTER = ... (Long.MAX_VALUE - 2^40)}. */
  static final String COUNTER_LIMIT =
      "Stamp.MAX_COUNTER = " + Stamp.MAX_COUNTER + " (Long.MAX_VALUE - 2^40)";

  /**
   * Rejects trees where a counter summed along its path (its absolute value) exceeds
   * {@link Stamp#MAX_COUNTER}. Recursion depth is the tree's depth (check it first).
   */
  static void checkAbsoluteValues(Event event, long offset, int depth) {
    long absolute;
    try {
      absolute = Math.addExact(offset, event.n());
    } catch (ArithmeticException overflow) {
      throw new IllegalArgumentException(
          "event counter at depth " + depth + " sums with its ancestors to more than Long.MAX_VALUE,"
              + " above " + COUNTER_LIMIT,
          overflow);
    }
    if (absolute > Stamp.MAX_COUNTER) {
      throw new IllegalArgumentException(
          "event counter at depth " + depth + " sums with its ancestors to " + absolute
              + ", above " + COUNTER_LIMIT);
    }
    if (event instanceof Event.Node node) {
      checkAbsoluteValues(node.left(), absolute, depth + 1);
      checkAbsoluteValues(node.right(), absolute, depth + 1);
    }
  }

  /**
   * Nodes (leaves and inner nodes) of both trees together, counted without recursion; stops
   * counting once the count exceeds {@code limit} and then returns {@code limit + 1}.
   */
  static long nodeCount(Id id, Event event, long limit) {
    ArrayDeque<Object> todo = new ArrayDeque<>();
    todo.push(event);
    todo.push(id);
    long count = 0;
    while (!todo.isEmpty() && count <= limit) {
      Object t = todo.pop();
      count++;
      if (t instanceof Id.Node n) {
        todo.push(n.right());
        todo.push(n.left());
      } else if (t instanceof Event.Node n) {
        todo.push(n.right());
        todo.push(n.left());
      }
    }
    return Math.min(count, limit + 1);
  }

  /** Rejects trees with more than {@code maxNodes} nodes (see {@link #nodeCount}). */
  static void checkNodeCount(Id id, Event event, int maxNodes) {
    if (nodeCount(id, event, maxNodes) > maxNodes) {
      throw new IllegalArgumentException(
          "stamp has more than " + maxNodes + " nodes (the node limit; the default is"
              + " Stamp.DEFAULT_MAX_NODES = " + Stamp.DEFAULT_MAX_NODES + ")");
    }
  }

  static int checkMaxNodes(int maxNodes) {
    if (maxNodes < 2) {
      throw new IllegalArgumentException(
          "maxNodes must be at least 2 (the seed (1, 0) has 2 nodes), was " + maxNodes);
    }
    return maxNodes;
  }

  // ------------------------------------------------- depth-safe equals, hashCode and notation

  /** Structural hash of an id tree, without recursion (a pre-order fold of the nodes). */
  static int hash(Id id) {
    ArrayDeque<Id> todo = new ArrayDeque<>();
    todo.push(id);
    int h = 17;
    while (!todo.isEmpty()) {
      Id t = todo.pop();
      if (t instanceof Id.Node n) {
        h = 31 * h + 3;
        todo.push(n.right());
        todo.push(n.left());
      } else {
        h = 31 * h + (((Id.Leaf) t).one() ? 1 : 2);
      }
    }
    return h;
  }

  /** Structural hash of an event tree, without recursion. */
  static int hash(Event event) {
    ArrayDeque<Event> todo = new ArrayDeque<>();
    todo.push(event);
    int h = 19;
    while (!todo.isEmpty()) {
      Event t = todo.pop();
      h = 31 * (31 * h + (t instanceof Event.Node ? 2 : 1)) + Long.hashCode(t.n());
      if (t instanceof Event.Node n) {
        todo.push(n.right());
        todo.push(n.left());
      }
    }
    return h;
  }

  /** Structural equality of id trees, without recursion. */
  static boolean equal(Id a, Id b) {
    ArrayDeque<Id> todo = new ArrayDeque<>();
    todo.push(a);
    todo.push(b);
    while (!todo.isEmpty()) {
      Id y = todo.pop();
      Id x = todo.pop();
      if (x == y) {
        continue;
      }
      if (x instanceof Id.Node nx && y instanceof Id.Node ny) {
        todo.push(nx.right());
        todo.push(ny.right());
        todo.push(nx.left());
        todo.push(ny.left());
      } else if (!(x instanceof Id.Leaf lx && y instanceof Id.Leaf ly && lx.one() == ly.one())) {
        return false;
      }
    }
    return true;
  }

  /** Structural equality of event trees, without recursion. */
  static boolean equal(Event a, Event b) {
    ArrayDeque<Event> todo = new ArrayDeque<>();
    todo.push(a);
    todo.push(b);
    while (!todo.isEmpty()) {
      Event y = todo.pop();
      Event x = todo.pop();
      if (x == y) {
        continue;
      }
      if (x.n() != y.n()) {
        return false;
      }
      if (x instanceof Event.Node nx && y instanceof Event.Node ny) {
        todo.push(nx.right());
        todo.push(ny.right());
        todo.push(nx.left());
        todo.push(ny.left());
      } else if (!(x instanceof Event.Leaf && y instanceof Event.Leaf)) {
        return false;
      }
    }
    return true;
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

  /**
   * {@code peer} (lifted by {@code pb}) where {@code id} owns nothing, and the pointwise minimum of
   * {@code peer} and {@code mine} (lifted by {@code mb}) where it owns: what a peer may teach the
   * owner of {@code id} (nobody else can record events there, so a higher count there is a lie).
   * Absolute values; normal form.
   */
  static Event capOwn(Id id, Event peer, long pb, Event mine, long mb) {
    if (isZero(id)) {
      return lift(peer, pb);
    }
    if (isOne(id)) {
      return min(peer, pb, mine, mb);
    }
    Id.Node n = (Id.Node) id;
    long pn = Math.addExact(pb, peer.n());
    long mn = Math.addExact(mb, mine.n());
    return eventNode(0, capOwn(n.left(), left(peer), pn, left(mine), mn), capOwn(n.right(), right(peer), pn, right(mine), mn));
  }

  /** The pointwise minimum of {@code a} lifted by {@code oa} and {@code b} lifted by {@code ob}. */
  private static Event min(Event a, long oa, Event b, long ob) {
    if (a instanceof Event.Leaf && b instanceof Event.Leaf) {
      return Event.leaf(Math.min(Math.addExact(oa, a.n()), Math.addExact(ob, b.n())));
    }
    long an = Math.addExact(oa, a.n());
    long bn = Math.addExact(ob, b.n());
    return eventNode(0, min(left(a), an, left(b), bn), min(right(a), an, right(b), bn));
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

  /** Appends the notation of an id tree, without recursion. */
  static void append(StringBuilder sb, Id id) {
    appendAll(sb, id);
  }

  /** Appends the notation of an event tree, without recursion. */
  static void append(StringBuilder sb, Event e) {
    appendAll(sb, e);
  }

  private static void appendAll(StringBuilder sb, Object root) {
    ArrayDeque<Object> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Object t = todo.pop();
      if (t instanceof String token) {
        sb.append(token);
      } else if (t instanceof Id.Node node) {
        sb.append('(');
        todo.push(")");
        todo.push(node.right());
        todo.push(", ");
        todo.push(node.left());
      } else if (t instanceof Id.Leaf leaf) {
        sb.append(leaf.one() ? '1' : '0');
      } else if (t instanceof Event.Node node) {
        sb.append('(').append(node.n()).append(", ");
        todo.push(")");
        todo.push(node.right());
        todo.push(", ");
        todo.push(node.left());
      } else {
        sb.append(((Event) t).n());
      }
    }
  }
}
