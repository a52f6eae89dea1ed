package org.allocationcommons.sync.codec.internal;

import org.allocationcommons.itc.Stamp;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON form of an ITC stamp, identical to the original's: {@code {"id": 0 | 1 | {"l": id, "r":
 * id}, "event": n | {"n": n, "l": event, "r": event}}}. Reading rejects anything else with an
 * {@link IllegalArgumentException} naming the sub-field (e.g. {@code event.l.n}); depth is bounded
 * by {@link Stamp#MAX_DEPTH} and, before that, by the parser's nesting limit.
 */
public final class StampJson {

  private StampJson() {}

  /** A Jackson module with the stamp serializer and deserializer (node limit {@link Stamp#DEFAULT_MAX_NODES}). */
  public static SimpleModule module() {
    return module(Stamp.DEFAULT_MAX_NODES);
  }

  /** A Jackson module whose deserializer refuses stamps of more than {@code maxNodes} nodes. */
  public static SimpleModule module(int maxNodes) {
    SimpleModule m = new SimpleModule("itc-stamp");
    m.addSerializer(Stamp.class, new Serializer());
    m.addDeserializer(Stamp.class, new Deserializer(maxNodes));
    return m;
  }

  /** Converts a parsed JSON tree into a stamp (node limit {@link Stamp#DEFAULT_MAX_NODES}). */
  public static Stamp fromTree(JsonNode node) {
    return fromTree(node, Stamp.DEFAULT_MAX_NODES);
  }

  /** Converts a parsed JSON tree into a stamp of at most {@code maxNodes} nodes. */
  public static Stamp fromTree(JsonNode node, int maxNodes) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("itcStamp must be an object {\"id\": ..., \"event\": ...}, was " + node);
    }
    JsonNode id = node.get("id");
    JsonNode event = node.get("event");
    if (id == null) {
      throw new IllegalArgumentException("itcStamp.id is missing");
    }
    if (event == null) {
      throw new IllegalArgumentException("itcStamp.event is missing");
    }
    return Stamp.of(id(id, "id", 0), event(event, "event", 0), maxNodes);
  }

  private static Stamp.Id id(JsonNode n, String field, int depth) {
    checkDepth(field, depth);
    if (n.isIntegralNumber()) {
      if (n.canConvertToLong() && (n.asLong() == 0 || n.asLong() == 1)) {
        return Stamp.Id.leaf(n.asLong() == 1);
      }
      throw new IllegalArgumentException(field + " = " + n + ": an id leaf must be 0 or 1");
    }
    if (n.isObject() && n.size() == 2 && n.has("l") && n.has("r")) {
      return Stamp.Id.node(id(n.get("l"), field + ".l", depth + 1), id(n.get("r"), field + ".r", depth + 1));
    }
    throw new IllegalArgumentException(
        field + " = " + abbreviate(n) + ": an id must be 0, 1 or {\"l\": id, \"r\": id}");
  }

  private static Stamp.Event event(JsonNode n, String field, int depth) {
    checkDepth(field, depth);
    if (n.isIntegralNumber()) {
      return Stamp.Event.leaf(counter(n, field));
    }
    if (n.isObject() && n.size() == 3 && n.has("n") && n.has("l") && n.has("r")) {
      JsonNode c = n.get("n");
      if (!c.isIntegralNumber()) {
        throw new IllegalArgumentException(field + ".n = " + abbreviate(c) + ": must be an integer >= 0");
      }
      return Stamp.Event.node(
          counter(c, field + ".n"),
          event(n.get("l"), field + ".l", depth + 1),
          event(n.get("r"), field + ".r", depth + 1));
    }
    throw new IllegalArgumentException(
        field + " = " + abbreviate(n) + ": an event must be an integer >= 0 or {\"n\": n, \"l\": event, \"r\": event}");
  }

  private static long counter(JsonNode n, String field) {
    if (!n.canConvertToLong() || n.asLong() < 0) {
      throw new IllegalArgumentException(field + " = " + n + ": must be an integer in [0, " + Long.MAX_VALUE + "]");
    }
    return n.asLong();
  }

  private static void checkDepth(String field, int depth) {
    if (depth > Stamp.MAX_DEPTH) {
      throw new IllegalArgumentException(field + ": stamp tree deeper than " + Stamp.MAX_DEPTH + " levels");
    }
  }

  private static String abbreviate(JsonNode n) {
    String s = String.valueOf(n);
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  private static final class Serializer extends ValueSerializer<Stamp> {
    @Override
    public void serialize(Stamp value, JsonGenerator g, SerializationContext ctxt) {
      StampStream.write(value, g);
    }
  }

  private static final class Deserializer extends ValueDeserializer<Stamp> {
    private final int maxNodes;

    Deserializer(int maxNodes) {
      this.maxNodes = maxNodes;
    }

    @Override
    public Stamp deserialize(JsonParser p, DeserializationContext ctxt) {
      JsonNode tree = ctxt.readTree(p);
      return fromTree(tree, maxNodes);
    }
  }
}
