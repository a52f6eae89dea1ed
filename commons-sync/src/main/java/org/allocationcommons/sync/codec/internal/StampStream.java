package org.allocationcommons.sync.codec.internal;

import org.allocationcommons.itc.Stamp;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The JSON form of an ITC stamp ({@link StampJson}) read and written with the streaming API alone,
 * for the codec's {@link FastPath}. Reading accepts only what {@link StampJson#fromTree} accepts and
 * gives up ({@link FastPath.Unhandled}) on anything else, so that the databind path can explain it.
 */
final class StampStream {

  private StampStream() {}

  /** Reads a stamp whose first token {@code t} has been read. */
  static Stamp read(JsonParser p, JsonToken t, int maxNodes) {
    if (t != JsonToken.START_OBJECT) {
      throw FastPath.UNHANDLED;
    }
    Stamp.Id id = null;
    Stamp.Event event = null;
    while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      t = p.nextToken();
      if (name.equals("id")) {
        if (id != null) {
          throw FastPath.UNHANDLED;
        }
        id = id(p, t, 0);
      } else if (name.equals("event")) {
        if (event != null) {
          throw FastPath.UNHANDLED;
        }
        event = event(p, t, 0);
      } else {
        p.skipChildren();
      }
    }
    if (id == null || event == null) {
      throw FastPath.UNHANDLED;
    }
    try {
      return Stamp.of(id, event, maxNodes);
    } catch (IllegalArgumentException e) {
      throw FastPath.UNHANDLED;
    }
  }

  private static Stamp.Id id(JsonParser p, JsonToken t, int depth) {
    if (depth > Stamp.MAX_DEPTH) {
      throw FastPath.UNHANDLED;
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long v = counter(p);
      if (v == 0 || v == 1) {
        return Stamp.Id.leaf(v == 1);
      }
      throw FastPath.UNHANDLED;
    }
    if (t != JsonToken.START_OBJECT) {
      throw FastPath.UNHANDLED;
    }
    Stamp.Id l = null;
    Stamp.Id r = null;
    while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      t = p.nextToken();
      if (name.equals("l") && l == null) {
        l = id(p, t, depth + 1);
      } else if (name.equals("r") && r == null) {
        r = id(p, t, depth + 1);
      } else {
        throw FastPath.UNHANDLED;
      }
    }
    if (l == null || r == null) {
      throw FastPath.UNHANDLED;
    }
    return Stamp.Id.node(l, r);
  }

  private static Stamp.Event event(JsonParser p, JsonToken t, int depth) {
    if (depth > Stamp.MAX_DEPTH) {
      throw FastPath.UNHANDLED;
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return Stamp.Event.leaf(counter(p));
    }
    if (t != JsonToken.START_OBJECT) {
      throw FastPath.UNHANDLED;
    }
    long n = -1;
    Stamp.Event l = null;
    Stamp.Event r = null;
    while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      t = p.nextToken();
      if (name.equals("n") && n < 0 && t == JsonToken.VALUE_NUMBER_INT) {
        n = counter(p);
      } else if (name.equals("l") && l == null) {
        l = event(p, t, depth + 1);
      } else if (name.equals("r") && r == null) {
        r = event(p, t, depth + 1);
      } else {
        throw FastPath.UNHANDLED;
      }
    }
    if (n < 0 || l == null || r == null) {
      throw FastPath.UNHANDLED;
    }
    return Stamp.Event.node(n, l, r);
  }

  /** A non-negative integer that fits a long, or give up. */
  private static long counter(JsonParser p) {
    JsonParser.NumberType type = p.getNumberType();
    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
      throw FastPath.UNHANDLED;
    }
    long v = p.getLongValue();
    if (v < 0) {
      throw FastPath.UNHANDLED;
    }
    return v;
  }

  /** Writes {@code s} as {@code {"id": .., "event": ..}}. */
  static void write(Stamp s, JsonGenerator g) {
    g.writeStartObject();
    g.writeName("id");
    writeId(s.id(), g);
    g.writeName("event");
    writeEvent(s.history(), g);
    g.writeEndObject();
  }

  private static void writeId(Stamp.Id id, JsonGenerator g) {
    if (id instanceof Stamp.Id.Leaf leaf) {
      g.writeNumber(leaf.one() ? 1 : 0);
    } else {
      Stamp.Id.Node node = (Stamp.Id.Node) id;
      g.writeStartObject();
      g.writeName("l");
      writeId(node.left(), g);
      g.writeName("r");
      writeId(node.right(), g);
      g.writeEndObject();
    }
  }

  private static void writeEvent(Stamp.Event e, JsonGenerator g) {
    if (e instanceof Stamp.Event.Leaf leaf) {
      g.writeNumber(leaf.n());
    } else {
      Stamp.Event.Node node = (Stamp.Event.Node) e;
      g.writeStartObject();
      g.writeNumberProperty("n", node.n());
      g.writeName("l");
      writeEvent(node.left(), g);
      g.writeName("r");
      writeEvent(node.right(), g);
      g.writeEndObject();
    }
  }
}
