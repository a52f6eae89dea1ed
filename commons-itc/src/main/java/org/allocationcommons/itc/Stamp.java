package org.allocationcommons.itc;

import java.util.Objects;
import java.util.Optional;

/**
 * An Interval Tree Clock stamp (Almeida, Baquero and Fonte, "Interval Tree Clocks: A Logical Clock
 * for Dynamic Systems", OPODIS 2008): a pair of an <em>id</em> tree, the part of the unit interval
 * this participant owns, and an <em>event</em> tree, the causal history it has seen.
 *
 * <p>Stamps are immutable values, always kept in the paper's normal form, so {@link #equals} is
 * structural equality of normal forms. The founder of a commons starts from {@link #seed()};
 * everyone else obtains an id through a sponsored {@link #fork()}; ids of live stamps are disjoint,
 * so {@link #event()} and {@link #join(Stamp)} never confuse two participants.
 *
 * <pre>{@code
 * Stamp s = Stamp.seed();                 // (1, 0)
 * Stamp.Fork f = s.fork();                // ((1, 0), 0) and ((0, 1), 0)
 * Stamp a = f.left().event();             // ((1, 0), (0, 1, 0))
 * Stamp j = a.join(f.right());            // (1, (0, 1, 0))
 * a.leq(j);                               // true
 * a.concurrentWith(f.right().event());    // true
 * }</pre>
 *
 * <p>Every tree accepted from outside ({@link #of}, {@link #parse}, {@link #fromByteArray}) and every
 * tree an operation would produce is at most {@link #MAX_DEPTH} levels deep, so hostile input cannot
 * exhaust the stack and every stamp can be encoded and decoded again.
 *
 * <p>Counters are bounded: every counter, summed with its ancestors along its path, is at most
 * {@link #MAX_COUNTER}, so a stamp accepted from anyone can still record 2^40 events before
 * {@link #event()} refuses; {@link #join} never raises a counter above its inputs'. Trees read from
 * outside are also bounded in size ({@link #DEFAULT_MAX_NODES}, or the limit passed to
 * {@link #parse(String, int)} and {@link #fromByteArray(byte[], int)}); {@link #problem} checks a
 * stamp on receipt. {@code equals}, {@code hashCode} and {@code toString} of stamps and of trees
 * built by callers never recurse, however deep the tree.
 */
public final class Stamp {

  /**
   * Deepest id or event tree accepted or produced: a leaf has depth 0, a node one more than its
   * deepest child. Enforced by {@link #of}, {@link #parse}, {@link #fromByteArray} and {@link #fork()}.
   */
  public static final int MAX_DEPTH = 512;

  /**
   * Largest accepted event counter, as the sum of the counters along any path of the event tree:
   * {@code Long.MAX_VALUE - 2^40}. Enforced by {@link #of}, {@link #parse}, {@link #fromByteArray};
   * {@link #event()} refuses to go beyond it, so every stamp it returns parses again, and a stamp
   * accepted from a peer leaves room for 2^40 events of one's own.
   */
  public static final long MAX_COUNTER = Long.MAX_VALUE - (1L << 40);

  /**
   * Above this counter {@link #event()} no longer fills (raises its own counters to others'): it
   * grows by one instead, so after learning any accepted stamp at least 2^39 own events remain.
   */
  static final long FILL_LIMIT = MAX_COUNTER - (1L << 39);

  /**
   * Default limit on a stamp's size: the nodes (leaves included) of its id and event trees together;
   * the seed {@code (1, 0)} has 2. Enforced by {@link #of}, {@link #parse(String)},
   * {@link #fromByteArray(byte[])} and {@link #event()}; {@link #parse(String, int)} and
   * {@link #fromByteArray(byte[], int)} take another limit.
   */
  public static final int DEFAULT_MAX_NODES = 65_536;

  private static final Stamp SEED = new Stamp(Id.ONE, Event.ZERO);

  private final Id id;
  private final Event history;
  private int hash;

  private Stamp(Id id, Event history) {
    this.id = id;
    this.history = history;
  }

  /**
   * The seed stamp {@code (1, 0)}: the whole id and an empty history; the founder starts here.
   *
   * @return the stamp {@code (1, 0)}
   */
  public static Stamp seed() {
    return SEED;
  }

  /**
   * A stamp from an id tree and an event tree, normalised. Rejects, with an
   * {@link IllegalArgumentException}, trees deeper than {@link #MAX_DEPTH}, trees with more than
   * {@link #DEFAULT_MAX_NODES} nodes together (as given, before normalisation) and event trees whose
   * counters, summed along a path, exceed {@link #MAX_COUNTER}.
   *
   * @param id the id tree: the part of the interval the owner may record in
   * @param history the event tree: what the owner knows
   * @return the normalised stamp
   */
  public static Stamp of(Id id, Event history) {
    return of(id, history, DEFAULT_MAX_NODES);
  }

  /**
   * {@link #of(Id, Event)} with another node limit (what a receiver configures; every member of a
   * commons should use the same one, since {@link #event()} keeps to {@link #DEFAULT_MAX_NODES}).
   *
   * @param id the id tree: the part of the interval the owner may record in
   * @param history the event tree: what the owner knows
   * @param maxNodes most nodes both trees may have together, leaves included
   * @return the normalised stamp
   * @throws IllegalArgumentException as {@link #of(Id, Event)}, or if {@code maxNodes < 2}
   */
  public static Stamp of(Id id, Event history, int maxNodes) {
    Trees.checkMaxNodes(maxNodes);
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(history, "history");
    Trees.checkNodeCount(id, history, maxNodes);
    Trees.checkDepth(id, 0);
    Trees.checkDepth(history, 0);
    Trees.checkAbsoluteValues(history, 0, 0);
    return new Stamp(Trees.normalise(id), Trees.normalise(history));
  }

  /**
   * Parses the paper's notation as written by {@link #toString()}, e.g. {@code ((1, 0), (0, 1, 0))};
   * whitespace between tokens is free and the trees are normalised.
   *
   * @param text a stamp as {@link #toString()} writes it
   * @return the parsed, normalised stamp
   * @throws IllegalArgumentException naming the position and what was expected there, for malformed
   *     text, counters (summed along a path) above {@link #MAX_COUNTER}, nesting deeper than
   *     {@link #MAX_DEPTH} or more than {@link #DEFAULT_MAX_NODES} nodes
   */
  public static Stamp parse(String text) {
    return parse(text, DEFAULT_MAX_NODES);
  }

  /**
   * {@link #parse(String)} with another limit on the number of nodes (both trees, leaves included,
   * as written); parsing stops as soon as the limit is passed.
   *
   * @param text a stamp as {@link #toString()} writes it
   * @param maxNodes most nodes the text may hold, leaves included
   * @return the parsed, normalised stamp
   * @throws IllegalArgumentException as {@link #parse(String)}, or if {@code maxNodes < 2}
   */
  public static Stamp parse(String text, int maxNodes) {
    Objects.requireNonNull(text, "text");
    return TextParser.parse(text, Trees.checkMaxNodes(maxNodes));
  }

  /**
   * Decodes the paper's compact bit encoding (see {@link #toByteArray()}). Accepts exactly the
   * canonical encoding of a normal-form stamp: one byte form per stamp.
   *
   * @param bytes the canonical encoding, as {@link #toByteArray()} writes it
   * @return the decoded stamp
   * @throws IllegalArgumentException for truncated input, trailing bytes, non-zero padding bits,
   *     counters (summed along a path) above {@link #MAX_COUNTER}, nesting deeper than
   *     {@link #MAX_DEPTH}, more than {@link #DEFAULT_MAX_NODES} nodes or a tree that is not in
   *     normal form, naming the bit position where it can
   */
  public static Stamp fromByteArray(byte[] bytes) {
    return fromByteArray(bytes, DEFAULT_MAX_NODES);
  }

  /**
   * {@link #fromByteArray(byte[])} with another limit on the number of nodes (both trees, leaves
   * included). Input too long to hold so few nodes is rejected before decoding; otherwise decoding
   * stops as soon as the limit is passed.
   *
   * @param bytes the canonical encoding, as {@link #toByteArray()} writes it
   * @param maxNodes most nodes the stamp may have, leaves included
   * @return the decoded stamp
   * @throws IllegalArgumentException as {@link #fromByteArray(byte[])}, or if {@code maxNodes < 2}
   */
  public static Stamp fromByteArray(byte[] bytes, int maxNodes) {
    Objects.requireNonNull(bytes, "bytes");
    return BinaryCodec.decode(bytes, Trees.checkMaxNodes(maxNodes));
  }

  /**
   * What makes a stamp unacceptable on receipt, if anything: more than {@code maxNodes} nodes, or a
   * counter above {@link #MAX_COUNTER}. Empty for a stamp one may join; a stamp {@link #parse} or
   * {@link #fromByteArray} returned with the same limit never has a problem. Check the result of
   * joining too when it must stay publishable: a join can have more nodes than either input.
   *
   * @param stamp the stamp received
   * @param maxNodes the receiver's node limit
   * @return why the stamp is refused, or empty when it is acceptable
   * @throws IllegalArgumentException if {@code maxNodes < 2}
   */
  public static Optional<String> problem(Stamp stamp, int maxNodes) {
    Objects.requireNonNull(stamp, "stamp");
    Trees.checkMaxNodes(maxNodes);
    long nodes = Trees.nodeCount(stamp.id, stamp.history, maxNodes);
    if (nodes > maxNodes) {
      return Optional.of("stamp has more than " + maxNodes + " nodes (the node limit)");
    }
    long top = Trees.max(stamp.history);
    if (top > MAX_COUNTER) {
      return Optional.of("stamp has an event counter of " + top + ", above " + Trees.COUNTER_LIMIT);
    }
    return Optional.empty();
  }

  /**
   * Nodes (leaves included) of the id and the event tree together; the seed has 2.
   *
   * @return the node count of both trees
   */
  public long nodeCount() {
    return Trees.nodeCount(id, history, Long.MAX_VALUE - 1);
  }

  /** Internal factory for trees already known to be normal and within limits. */
  static Stamp ofNormal(Id id, Event history) {
    return new Stamp(id, history);
  }

  /**
   * The id component, in normal form.
   *
   * @return the normal-form id tree
   */
  public Id id() {
    return id;
  }

  /**
   * The event component (the causal history), in normal form.
   *
   * @return the normal-form event tree
   */
  public Event history() {
    return history;
  }

  /**
   * True when this stamp owns no part of the id space (id {@code 0}): it can read, not record.
   *
   * @return true when the id is {@code 0}
   */
  public boolean isAnonymous() {
    return id instanceof Id.Leaf leaf && !leaf.one();
  }

  /**
   * Splits this stamp's id in two disjoint halves, both with this stamp's history: one half stays,
   * the other is handed to a newcomer (sponsored join).
   *
   * @return the two halves: the one kept and the one handed over
   * @throws IllegalStateException if this stamp is anonymous (an id of {@code 0} has nothing to share;
   *     the paper would return two anonymous stamps, which silently leaves the newcomer unable to
   *     record events), or if splitting would make the id tree deeper than {@link #MAX_DEPTH}
   */
  public Fork fork() {
    if (isAnonymous()) {
      throw new IllegalStateException(
          "cannot fork an anonymous stamp (id 0): it owns no id to share; fork a stamp that holds an id");
    }
    Id[] halves = Trees.split(id, 0);
    return new Fork(new Stamp(halves[0], history), new Stamp(halves[1], history));
  }

  /**
   * Records a new event: the returned stamp's history is strictly greater than this one's. Fills the
   * owned part of the history when that simplifies the tree, otherwise grows it at the cheapest place.
   *
   * @return a stamp whose history is strictly greater than this one's
   * @throws IllegalStateException if this stamp is anonymous, if a counter would exceed
   *     {@link #MAX_COUNTER} (at least 2^40 events after any accepted stamp), or if the stamp would
   *     grow beyond {@link #DEFAULT_MAX_NODES} nodes: it never returns a stamp {@link #parse} or
   *     {@link #fromByteArray} would reject
   */
  public Stamp event() {
    if (isAnonymous()) {
      throw new IllegalStateException(
          "cannot record an event on an anonymous stamp (id 0): obtain an id by a sponsored fork first");
    }
    Event next;
    try {
      // fill raises this id's counters to what others' reached; above FILL_LIMIT (only a hostile
      // peer's counters get there) that would leave too few events before MAX_COUNTER, so grow
      Event filled = Trees.fill(id, history);
      boolean fill = !filled.equals(history) && Trees.max(filled) <= FILL_LIMIT;
      next = fill ? filled : Trees.grow(id, history).event();
    } catch (ArithmeticException overflow) {
      throw new IllegalStateException(
          "event counter would exceed Long.MAX_VALUE, above " + Trees.COUNTER_LIMIT, overflow);
    }
    long top = Trees.max(next);
    if (top > MAX_COUNTER) {
      throw new IllegalStateException(
          "event counter would reach " + top + ", above " + Trees.COUNTER_LIMIT
              + ": no stamp may carry it");
    }
    if (Trees.nodeCount(id, next, DEFAULT_MAX_NODES) > DEFAULT_MAX_NODES) {
      throw new IllegalStateException(
          "event would grow the stamp beyond Stamp.DEFAULT_MAX_NODES = " + DEFAULT_MAX_NODES
              + " nodes; retire (join back) unused ids first");
    }
    return new Stamp(id, next);
  }

  /**
   * Merges two stamps: the sum of the ids and the least upper bound of the histories. Used to retire
   * a participant (its sponsor joins its stamp back); to merge only knowledge, join a {@link #peek()}.
   *
   * @param other the stamp to merge in (its id must be disjoint from this one's)
   * @return the merged stamp
   * @throws IllegalArgumentException if the ids overlap (both stamps own some part of the interval)
   */
  public Stamp join(Stamp other) {
    Objects.requireNonNull(other, "other");
    Id sum = Trees.sum(id, other.id);
    if (sum == null) {
      throw new IllegalArgumentException(
          "cannot join stamps with overlapping ids: " + Trees.toString(id) + " and "
              + Trees.toString(other.id) + " both own part of the same interval");
    }
    return new Stamp(sum, Trees.join(history, other.history));
  }

  /**
   * Learns what {@code peer} knows: this stamp's id with the least upper bound of both histories,
   * except that in the part of the interval this stamp owns it keeps its own counts (only the
   * owner records events there, so a peer claiming more of them is lying, and believing it would
   * exhaust this stamp's counters: the "clock worm"). For every honest peer this equals {@code
   * join(peer.peek())}. What a node does with every accepted document's stamp.
   *
   * @param peer the stamp whose knowledge to take
   * @return this stamp's id with the merged history
   */
  public Stamp learnFrom(Stamp peer) {
    Objects.requireNonNull(peer, "peer");
    Event capped = Trees.capOwn(id, peer.history, 0, history, 0);
    return new Stamp(id, Trees.join(history, capped));
  }

  /**
   * An anonymous copy ({@code (0, e)}): the same history, no id; what a node shares and merges.
   *
   * @return the stamp {@code (0, history())}
   */
  public Stamp peek() {
    return isAnonymous() ? this : new Stamp(Id.ZERO, history);
  }

  /**
   * True when this stamp's history is contained in {@code other}'s (happened before or equal).
   *
   * @param other the stamp to compare with
   * @return true when this history happened before or equals {@code other}'s
   */
  public boolean leq(Stamp other) {
    Objects.requireNonNull(other, "other");
    return Trees.leq(history, 0, other.history, 0);
  }

  /**
   * True when neither history contains the other: {@code !leq(other) && !other.leq(this)}.
   *
   * @param other the stamp to compare with
   * @return true when the histories are concurrent
   */
  public boolean concurrentWith(Stamp other) {
    return !leq(other) && !other.leq(this);
  }

  /** Structural equality of the normal forms of id and history. */
  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof Stamp s && id.equals(s.id) && history.equals(s.history));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 31 * id.hashCode() + history.hashCode();
      hash = h == 0 ? 1 : h;
    }
    return h;
  }

  /** The paper's notation: {@code (id, event)}, e.g. {@code ((1, 0), (0, 1, 0))}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append('(');
    Trees.append(sb, id);
    sb.append(", ");
    Trees.append(sb, history);
    return sb.append(')').toString();
  }

  /**
   * The paper's compact bit encoding (section 5): the id tree with 2-bit tags, then the event tree
   * with prefix codes and the variable-width counter code {@code enc_n}, most significant bit first,
   * the last byte padded with zero bits. The seed {@code (1, 0)} is one byte, {@code 0x30}.
   *
   * @return the encoding, padded with zero bits to a whole byte
   */
  public byte[] toByteArray() {
    return BinaryCodec.encode(this);
  }

  /**
   * Length in bytes of {@link #toByteArray()}, computed without encoding; for size figures.
   *
   * @return the encoded length in bytes
   */
  public int encodedSize() {
    return BinaryCodec.byteLength(this);
  }

  /** The two halves of a {@link #fork()}: disjoint ids, the same history. */
  public record Fork(Stamp left, Stamp right) {
    /**
     * Rejects null halves.
     *
     * @param left the half this stamp keeps
     * @param right the half handed to the newcomer
     */
    public Fork {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /**
   * An id tree: {@code 0} (owns nothing), {@code 1} (owns the whole interval) or a node splitting
   * the interval in a left and a right half. A read-only, neutral form for codecs.
   */
  public sealed interface Id permits Id.Leaf, Id.Node {
    /** The empty id {@code 0}. */
    Id ZERO = new Leaf(false);
    /** The full id {@code 1}. */
    Id ONE = new Leaf(true);

    /**
     * {@code 0} or {@code 1}.
     *
     * @param one true for the whole interval ({@code 1}), false for none ({@code 0})
     * @return the leaf
     */
    static Id leaf(boolean one) {
      return one ? ONE : ZERO;
    }

    /**
     * A node {@code (left, right)}; not normalised until passed to {@link Stamp#of}.
     *
     * @param left the id of the left half of the interval
     * @param right the id of the right half of the interval
     * @return the node
     */
    static Id node(Id left, Id right) {
      return new Node(left, right);
    }

    /**
     * Whether every part of the interval {@code part} owns is owned by this id too: what a sponsor
     * checks before taking back an id a retiring invitee hands it (it must be within the id the
     * sponsor gave, or the two would own one interval twice). Works on unnormalised trees, without
     * recursion.
     *
     * @param part the id to check
     * @return true when this id owns all that {@code part} owns
     */
    default boolean covers(Id part) {
      Objects.requireNonNull(part, "part");
      java.util.ArrayDeque<Id[]> todo = new java.util.ArrayDeque<>();
      todo.push(new Id[] {this, part});
      while (!todo.isEmpty()) {
        Id[] pair = todo.pop();
        Id whole = pair[0];
        Id p = pair[1];
        if (whole instanceof Leaf w && w.one() || p instanceof Leaf l && !l.one()) {
          continue;
        }
        if (whole instanceof Node w && p instanceof Node n) {
          todo.push(new Id[] {w.left(), n.left()});
          todo.push(new Id[] {w.right(), n.right()});
        } else if (whole instanceof Node w) { // p is 1: w must be all ones
          todo.push(new Id[] {w.left(), p});
          todo.push(new Id[] {w.right(), p});
        } else if (p instanceof Node n) { // whole is 0: p must be all zeros
          todo.push(new Id[] {whole, n.left()});
          todo.push(new Id[] {whole, n.right()});
        } else {
          return false; // whole is 0, p is 1
        }
      }
      return true;
    }

    /** A leaf: {@code 1} when {@code one}, else {@code 0}. */
    record Leaf(boolean one) implements Id {}

    /** A node {@code (left, right)}. */
    record Node(Id left, Id right) implements Id {
      /**
       * Rejects null children.
       *
       * @param left the id of the left half of the interval
       * @param right the id of the right half of the interval
       */
      public Node {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
      }

      /** Structural equality, without recursion. */
      @Override
      public boolean equals(Object o) {
        return o instanceof Node other && Trees.equal(this, other);
      }

      /** Structural hash, without recursion. */
      @Override
      public int hashCode() {
        return Trees.hash(this);
      }

      /** The paper's notation, e.g. {@code (1, 0)}, without recursion. */
      @Override
      public String toString() {
        StringBuilder sb = new StringBuilder();
        Trees.append(sb, this);
        return sb.toString();
      }
    }
  }

  /**
   * An event tree: a counter {@code n} or a node {@code (n, left, right)} whose children's counters
   * are relative to {@code n}. Counters are non-negative {@code long}s. A read-only, neutral form
   * for codecs.
   */
  public sealed interface Event permits Event.Leaf, Event.Node {
    /** The empty history {@code 0}. */
    Event ZERO = new Leaf(0);

    /**
     * The counter at this tree's root (the minimum of the tree, in normal form).
     *
     * @return the root counter
     */
    long n();

    /**
     * A leaf {@code n}.
     *
     * @param n the counter, not negative
     * @return the leaf
     */
    static Event leaf(long n) {
      return n == 0 ? ZERO : new Leaf(n);
    }

    /**
     * A node {@code (n, left, right)}; not normalised until passed to {@link Stamp#of}.
     *
     * @param n the counter at this node, not negative
     * @param left the tree of the left half of the interval
     * @param right the tree of the right half of the interval
     * @return the node
     */
    static Event node(long n, Event left, Event right) {
      return new Node(n, left, right);
    }

    /** A leaf counter {@code n >= 0}. */
    record Leaf(long n) implements Event {
      /**
       * Rejects negative counters.
       *
       * @param n the counter, not negative
       */
      public Leaf {
        if (n < 0) {
          throw new IllegalArgumentException("event counter n must be >= 0, was " + n);
        }
      }
    }

    /** A node {@code (n, left, right)} with {@code n >= 0}. */
    record Node(long n, Event left, Event right) implements Event {
      /**
       * Rejects negative counters and null children.
       *
       * @param n the counter at this node, not negative
       * @param left the tree of the left half of the interval
       * @param right the tree of the right half of the interval
       */
      public Node {
        if (n < 0) {
          throw new IllegalArgumentException("event counter n must be >= 0, was " + n);
        }
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
      }

      /** Structural equality, without recursion. */
      @Override
      public boolean equals(Object o) {
        return o instanceof Node other && Trees.equal(this, other);
      }

      /** Structural hash, without recursion. */
      @Override
      public int hashCode() {
        return Trees.hash(this);
      }

      /** The paper's notation, e.g. {@code (0, 1, 0)}, without recursion. */
      @Override
      public String toString() {
        StringBuilder sb = new StringBuilder();
        Trees.append(sb, this);
        return sb.toString();
      }
    }
  }
}
