package org.allocationcommons.itc;

import org.allocationcommons.itc.Stamp.Event;
import org.allocationcommons.itc.Stamp.Id;

/**
 * The paper's compact bit encoding (section 5), bits written most significant first and the last
 * byte padded with zero bits:
 *
 * <pre>
 * enc_i(0)        = 00 0          enc_e((0, 0, r)) = 0 00 enc_e(r)
 * enc_i(1)        = 00 1          enc_e((0, l, 0)) = 0 01 enc_e(l)
 * enc_i((0, i))   = 01 enc_i(i)   enc_e((0, l, r)) = 0 10 enc_e(l) enc_e(r)
 * enc_i((i, 0))   = 10 enc_i(i)   enc_e((n, 0, r)) = 0 11 0 0 enc_e(n) enc_e(r)
 * enc_i((l, r))   = 11 enc_i(l) enc_i(r)
 *                                 enc_e((n, l, 0)) = 0 11 0 1 enc_e(n) enc_e(l)
 *                                 enc_e((n, l, r)) = 0 11 1 enc_e(n) enc_e(l) enc_e(r)
 *                                 enc_e(n)         = 1 enc_n(n, 2)
 * enc_n(n, B) = 0 [n in B bits]            if n &lt; 2^B
 *             = 1 enc_n(n - 2^B, B + 1)    otherwise
 * </pre>
 *
 * A stamp is {@code enc_i(id) enc_e(event)}. Decoding accepts exactly the canonical encoding of a
 * normal-form stamp, so every stamp has one byte form. The node limit (leaves included, the 0
 * children the short forms leave out too) is enforced before decoding where the length alone
 * shows it is passed, and otherwise as soon as the decoder has read one node too many.
 */
final class BinaryCodec {

  private BinaryCodec() {}

  // ------------------------------------------------------------------------------------- encoding

  static byte[] encode(Stamp stamp) {
    BitWriter out = new BitWriter(bitLength(stamp));
    encode(out, stamp.id());
    encode(out, stamp.history());
    return out.bytes;
  }

  static int bitLength(Stamp stamp) {
    long bits = bits(stamp.id()) + bits(stamp.history());
    if (bits > Integer.MAX_VALUE - 7) {
      throw new IllegalStateException("stamp encoding exceeds 2^31 bits");
    }
    return (int) bits;
  }

  static int byteLength(Stamp stamp) {
    return (bitLength(stamp) + 7) >>> 3;
  }

  private static long bits(Id id) {
    if (id instanceof Id.Node node) {
      if (Trees.isZero(node.left())) {
        return 2 + bits(node.right());
      }
      if (Trees.isZero(node.right())) {
        return 2 + bits(node.left());
      }
      return 2 + bits(node.left()) + bits(node.right());
    }
    return 3;
  }

  private static long bits(Event e) {
    if (e instanceof Event.Node node) {
      boolean leftZero = isZeroLeaf(node.left());
      boolean rightZero = isZeroLeaf(node.right());
      if (node.n() == 0) {
        if (leftZero) {
          return 3 + bits(node.right());
        }
        if (rightZero) {
          return 3 + bits(node.left());
        }
        return 3 + bits(node.left()) + bits(node.right());
      }
      long counter = counterBits(node.n());
      if (leftZero) {
        return 5 + counter + bits(node.right());
      }
      if (rightZero) {
        return 5 + counter + bits(node.left());
      }
      return 4 + counter + bits(node.left()) + bits(node.right());
    }
    return counterBits(e.n());
  }

  /** Bits of {@code enc_e(n)}: the leaf tag, the unary width prefix and the payload. */
  private static int counterBits(long n) {
    int width = 2;
    long rest = n;
    while (Long.compareUnsigned(rest, 1L << width) >= 0) {
      rest -= 1L << width;
      width++;
    }
    return 1 + (width - 1) + width;
  }

  private static boolean isZeroLeaf(Event e) {
    return e instanceof Event.Leaf && e.n() == 0;
  }

  private static void encode(BitWriter out, Id id) {
    if (id instanceof Id.Node node) {
      if (Trees.isZero(node.left())) {
        out.write(1, 2);
        encode(out, node.right());
      } else if (Trees.isZero(node.right())) {
        out.write(2, 2);
        encode(out, node.left());
      } else {
        out.write(3, 2);
        encode(out, node.left());
        encode(out, node.right());
      }
    } else {
      out.write(0, 2);
      out.write(((Id.Leaf) id).one() ? 1 : 0, 1);
    }
  }

  private static void encode(BitWriter out, Event e) {
    if (e instanceof Event.Node node) {
      boolean leftZero = isZeroLeaf(node.left());
      boolean rightZero = isZeroLeaf(node.right());
      out.write(0, 1);
      if (node.n() == 0) {
        if (leftZero) {
          out.write(0, 2);
          encode(out, node.right());
        } else if (rightZero) {
          out.write(1, 2);
          encode(out, node.left());
        } else {
          out.write(2, 2);
          encode(out, node.left());
          encode(out, node.right());
        }
        return;
      }
      out.write(3, 2);
      if (leftZero) {
        out.write(0, 2);
        encodeCounter(out, node.n());
        encode(out, node.right());
      } else if (rightZero) {
        out.write(1, 2);
        encodeCounter(out, node.n());
        encode(out, node.left());
      } else {
        out.write(1, 1);
        encodeCounter(out, node.n());
        encode(out, node.left());
        encode(out, node.right());
      }
    } else {
      encodeCounter(out, e.n());
    }
  }

  /** {@code enc_e(n) = 1 enc_n(n, 2)}. */
  private static void encodeCounter(BitWriter out, long n) {
    out.write(1, 1);
    int width = 2;
    long rest = n;
    while (Long.compareUnsigned(rest, 1L << width) >= 0) {
      out.write(1, 1);
      rest -= 1L << width;
      width++;
    }
    out.write(0, 1);
    out.write(rest, width);
  }

  // ------------------------------------------------------------------------------------- decoding

  /**
   * Most bits one node of an acceptable stamp can take: an event node with a counter, the tag
   * {@code 0 11 0 x}, then a counter of at most {@link Stamp#MAX_COUNTER} (below 2^63 - 4, so at
   * most 62 payload bits): the leaf tag {@code 1}, 60 width bits and a {@code 0}, 62 payload bits.
   */
  private static final int MAX_BITS_PER_NODE = 5 + 1 + 61 + 62;

  static Stamp decode(byte[] bytes, int maxNodes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("ITC stamp bytes are empty: expected an id tree");
    }
    if ((long) bytes.length * 8 > (long) MAX_BITS_PER_NODE * maxNodes + 7) {
      throw new IllegalArgumentException(
          "ITC stamp bytes: " + bytes.length + " bytes cannot hold a stamp of at most " + maxNodes
              + " nodes (the node limit; the default is Stamp.DEFAULT_MAX_NODES = "
              + Stamp.DEFAULT_MAX_NODES + ")");
    }
    BitReader in = new BitReader(bytes, maxNodes);
    Id id = decodeId(in, 0);
    Event history = decodeEvent(in, 0);
    int left = in.remaining();
    if (left >= 8) {
      throw new IllegalArgumentException(
          "ITC stamp bytes have " + (left / 8) + " trailing byte(s) after the stamp ended at bit "
              + in.position);
    }
    if (left > 0 && in.read(left) != 0) {
      throw new IllegalArgumentException(
          "ITC stamp bytes have non-zero padding bits after the stamp ended at bit "
              + (bytes.length * 8 - left));
    }
    try {
      Trees.checkAbsoluteValues(history, 0, 0);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ITC stamp bytes: " + e.getMessage(), e);
    }
    return Stamp.ofNormal(id, history);
  }

  // Node forms, one per tag: the encoder picks the form from the node, the decoder checks that the
  // tag it read is the one the encoder would have picked (canonical) and that the node is normal.

  private static final int ID_LEFT_ZERO = 1;
  private static final int ID_RIGHT_ZERO = 2;
  private static final int ID_BOTH = 3;

  static int idForm(Id.Node node) {
    return Trees.isZero(node.left()) ? ID_LEFT_ZERO : Trees.isZero(node.right()) ? ID_RIGHT_ZERO : ID_BOTH;
  }

  private static final int EV_ZERO_LEFT_ZERO = 0;
  private static final int EV_ZERO_RIGHT_ZERO = 1;
  private static final int EV_ZERO_BOTH = 2;
  private static final int EV_N_LEFT_ZERO = 3;
  private static final int EV_N_RIGHT_ZERO = 4;
  private static final int EV_N_BOTH = 5;

  static int eventForm(Event.Node node) {
    boolean leftZero = isZeroLeaf(node.left());
    boolean rightZero = isZeroLeaf(node.right());
    int form = leftZero ? EV_ZERO_LEFT_ZERO : rightZero ? EV_ZERO_RIGHT_ZERO : EV_ZERO_BOTH;
    return node.n() == 0 ? form : form + 3;
  }

  private static Id decodeId(BitReader in, int depth) {
    int at = in.position;
    in.countNodes(1);
    int tag = (int) in.read(2, "a 2-bit id tag");
    if (tag == 0) {
      return in.read(1, "the 1-bit id leaf value") == 1 ? Id.ONE : Id.ZERO;
    }
    if (depth >= Stamp.MAX_DEPTH) {
      throw new IllegalArgumentException(
          "ITC stamp bytes: id tree deeper than Stamp.MAX_DEPTH = " + Stamp.MAX_DEPTH + " at bit " + at);
    }
    Id.Node node;
    if (tag != ID_BOTH) {
      in.countNodes(1); // the 0 child the short form leaves out
    }
    if (tag == ID_LEFT_ZERO) {
      node = new Id.Node(Id.ZERO, decodeId(in, depth + 1));
    } else if (tag == ID_RIGHT_ZERO) {
      node = new Id.Node(decodeId(in, depth + 1), Id.ZERO);
    } else {
      Id left = decodeId(in, depth + 1);
      node = new Id.Node(left, decodeId(in, depth + 1));
    }
    if (node.left() instanceof Id.Leaf l && node.right() instanceof Id.Leaf r && l.one() == r.one()) {
      throw new IllegalArgumentException(
          "ITC stamp bytes: the id node at bit " + at + " is " + Trees.toString(node)
              + ", which is not in normal form");
    }
    if (idForm(node) != tag) {
      throw new IllegalArgumentException(
          "ITC stamp bytes: the id node at bit " + at + " is not the canonical encoding: tag "
              + tag + " used where a 0 child requires the short tag " + idForm(node));
    }
    return node;
  }

  private static Event decodeEvent(BitReader in, int depth) {
    int at = in.position;
    in.countNodes(1);
    if (in.read(1, "a 1-bit event tag") == 1) {
      return Event.leaf(decodeCounterPayload(in, at));
    }
    if (depth >= Stamp.MAX_DEPTH) {
      throw new IllegalArgumentException(
          "ITC stamp bytes: event tree deeper than Stamp.MAX_DEPTH = " + Stamp.MAX_DEPTH
              + " at bit " + at);
    }
    int form = (int) in.read(2, "a 2-bit event node tag");
    if (form == 3) {
      form = in.read(1, "a 1-bit event node tag") == 1
          ? EV_N_BOTH
          : in.read(1, "a 1-bit event node tag") == 0 ? EV_N_LEFT_ZERO : EV_N_RIGHT_ZERO;
    }
    long n = form >= EV_N_LEFT_ZERO ? decodeCounter(in) : 0;
    if (form != EV_ZERO_BOTH && form != EV_N_BOTH) {
      in.countNodes(1); // the 0 child the short form leaves out
    }
    Event.Node node;
    switch (form) {
      case EV_ZERO_LEFT_ZERO, EV_N_LEFT_ZERO ->
          node = new Event.Node(n, Event.ZERO, decodeEvent(in, depth + 1));
      case EV_ZERO_RIGHT_ZERO, EV_N_RIGHT_ZERO ->
          node = new Event.Node(n, decodeEvent(in, depth + 1), Event.ZERO);
      default -> {
        Event left = decodeEvent(in, depth + 1);
        node = new Event.Node(n, left, decodeEvent(in, depth + 1));
      }
    }
    boolean equalLeaves = node.left() instanceof Event.Leaf l && node.right() instanceof Event.Leaf r
        && l.n() == r.n();
    if (equalLeaves || Math.min(node.left().n(), node.right().n()) != 0) {
      throw new IllegalArgumentException(
          "ITC stamp bytes: the event node at bit " + at + " is " + abbreviate(node)
              + ", which is not in normal form");
    }
    if (eventForm(node) != form) {
      throw new IllegalArgumentException(
          "ITC stamp bytes: the event node at bit " + at + " is not the canonical encoding: a 0 "
              + "counter or a 0 child requires a shorter tag");
    }
    return node;
  }

  private static String abbreviate(Event e) {
    StringBuilder sb = new StringBuilder();
    Trees.append(sb, e);
    return sb.length() <= 80 ? sb.toString() : sb.substring(0, 77) + "...";
  }

  /** A node's own counter: must be a leaf encoding {@code 1 enc_n(n, 2)}. */
  private static long decodeCounter(BitReader in) {
    int at = in.position;
    if (in.read(1, "a counter (leaf tag 1)") != 1) {
      throw new IllegalArgumentException(
          "ITC stamp bytes: expected a counter (leaf tag 1) for an event node's value at bit " + at
              + ", found a node tag 0");
    }
    return decodeCounterPayload(in, at);
  }

  private static long decodeCounterPayload(BitReader in, int at) {
    int width = 2;
    long base = 0;
    while (in.read(1, "a counter width bit") == 1) {
      base += 1L << width;
      width++;
      if (width > 63) {
        throw new IllegalArgumentException(
            "ITC stamp bytes: counter at bit " + at + " exceeds Long.MAX_VALUE");
      }
    }
    long payload = in.read(width, "a " + width + "-bit counter");
    long n = base + payload;
    if (n < 0) {
      throw new IllegalArgumentException(
          "ITC stamp bytes: counter at bit " + at + " exceeds Long.MAX_VALUE");
    }
    return n;
  }

  // ------------------------------------------------------------------------------------- bit I/O

  private static final class BitWriter {
    final byte[] bytes;
    int position;

    BitWriter(int bits) {
      bytes = new byte[(bits + 7) >>> 3];
    }

    void write(long value, int width) {
      for (int i = width - 1; i >= 0; i--) {
        if (((value >>> i) & 1) != 0) {
          bytes[position >>> 3] |= (byte) (0x80 >>> (position & 7));
        }
        position++;
      }
    }
  }

  private static final class BitReader {
    final byte[] bytes;
    final int length;
    final int maxNodes;
    int position;
    int nodes;

    BitReader(byte[] bytes, int maxNodes) {
      this.maxNodes = maxNodes;
      if (bytes.length > (Integer.MAX_VALUE >>> 3)) {
        throw new IllegalArgumentException("ITC stamp bytes: " + bytes.length + " bytes is too long");
      }
      this.bytes = bytes;
      this.length = bytes.length * 8;
    }

    void countNodes(int count) {
      nodes += count;
      if (nodes > maxNodes) {
        throw new IllegalArgumentException(
            "ITC stamp bytes: at bit " + position + " the stamp has more than " + maxNodes
                + " nodes (the node limit; the default is Stamp.DEFAULT_MAX_NODES = "
                + Stamp.DEFAULT_MAX_NODES + ")");
      }
    }

    int remaining() {
      return length - position;
    }

    long read(int width, String expected) {
      if (remaining() < width) {
        throw new IllegalArgumentException(
            "ITC stamp bytes are truncated: expected " + expected + " at bit " + position
                + " but only " + remaining() + " bit(s) remain");
      }
      return read(width);
    }

    long read(int width) {
      long value = 0;
      for (int i = 0; i < width; i++) {
        int bit = (bytes[position >>> 3] >>> (7 - (position & 7))) & 1;
        value = (value << 1) | bit;
        position++;
      }
      return value;
    }
  }
}
