package org.allocationcommons.transport.gun.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses and writes GUN wire frames. A frame is one WebSocket text message holding either one JSON
 * message object or a JSON array of them (GUN batches). Parsing never throws: every message that does
 * not have a shape GUN itself would accept is reported with a reason and skipped, the others are kept.
 */
public final class Frames {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Frames() {}

  /** The messages of one frame and the reasons for each part that was rejected. */
  public record Parsed(List<GunMessage> messages, List<String> malformed) {
    public Parsed {
      messages = List.copyOf(messages);
      malformed = List.copyOf(malformed);
    }
  }

  /** Parses one text frame; frames longer than {@code maxChars} are rejected unread. */
  public static Parsed parse(String frame, int maxChars) {
    if (frame.length() > maxChars) {
      return rejected("frame of " + frame.length() + " chars exceeds the limit of " + maxChars);
    }
    JsonNode root;
    try {
      root = JSON.readTree(frame);
    } catch (JacksonException e) {
      return rejected("invalid JSON: " + firstLine(e.getOriginalMessage()));
    }
    List<GunMessage> messages = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    if (root == null || root.isMissingNode()) {
      return rejected("empty frame");
    }
    if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        one(root.get(i), "message " + i + " of batch: ", messages, malformed);
      }
    } else {
      one(root, "", messages, malformed);
    }
    return new Parsed(messages, malformed);
  }

  private static Parsed rejected(String reason) {
    return new Parsed(List.of(), List.of(reason));
  }

  private static void one(JsonNode m, String where, List<GunMessage> out, List<String> malformed) {
    try {
      out.add(message(m));
    } catch (MalformedException e) {
      malformed.add(where + e.getMessage());
    }
  }

  private static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String reason) {
      super(reason, null, false, false);
    }
  }

  private static GunMessage message(JsonNode m) throws MalformedException {
    if (!m.isObject()) {
      throw new MalformedException("expected a JSON object, got " + kind(m));
    }
    Optional<String> id = optionalString(m, "#");
    Optional<String> ackOf = optionalString(m, "@");
    JsonNode dam = m.get("dam");
    if (dam != null) {
      if (!dam.isString()) {
        throw new MalformedException("'dam' must be a string, got " + kind(dam));
      }
      return new GunMessage.Dam(id, dam.stringValue(), ackOf);
    }
    JsonNode put = m.get("put");
    if (put != null && !(put.isNull() && ackOf.isPresent())) { // Holster: "put": null answers a get for nothing
      return new GunMessage.Put(id, ackOf, values(put));
    }
    JsonNode get = m.get("get");
    if (get != null) {
      if (!get.isObject()) {
        throw new MalformedException("'get' must be an object, got " + kind(get));
      }
      JsonNode soul = get.get("#");
      if (soul == null || !soul.isString()) {
        throw new MalformedException("'get.#' must be a soul string, got " + kind(soul));
      }
      return new GunMessage.Get(id, soul.stringValue(), optionalString(get, "."));
    }
    if (ackOf.isPresent()) {
      JsonNode throttle = m.get("throttle");
      if (throttle != null && !throttle.isNull()) {
        if (!throttle.isNumber() || !Double.isFinite(throttle.doubleValue())) {
          throw new MalformedException("'throttle' must be a number of milliseconds, got " + kind(throttle));
        }
        JsonNode err = m.get("err");
        String text = err == null || err.isNull() ? "throttled" : err.isString() ? err.stringValue() : err.toString();
        return new GunMessage.Throttle(id, ackOf.get(), text, Math.max(0, (long) Math.ceil(throttle.doubleValue())));
      }
      JsonNode err = m.get("err");
      Optional<String> error = Optional.empty();
      if (err != null && !err.isNull()) {
        error = Optional.of(err.isString() ? err.stringValue() : err.toString());
      }
      return new GunMessage.Ack(id, ackOf.get(), error);
    }
    JsonNode error = m.get("error");
    if (error != null && !error.isNull()) {
      return new GunMessage.RelayError(id, error.isString() ? error.stringValue() : error.toString());
    }
    throw new MalformedException("message has none of 'put', 'get', '@', 'dam' or 'error'");
  }

  private static List<GunMessage.Value> values(JsonNode put) throws MalformedException {
    if (!put.isObject()) {
      throw new MalformedException("'put' must be an object of nodes, got " + kind(put));
    }
    List<GunMessage.Value> values = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : put.properties()) {
      String soul = e.getKey();
      JsonNode node = e.getValue();
      if (!node.isObject()) {
        throw new MalformedException("node '" + cut(soul) + "' must be an object, got " + kind(node));
      }
      JsonNode meta = node.get("_");
      if (meta == null || !meta.isObject()) {
        throw new MalformedException("node '" + cut(soul) + "' has no '_' metadata object");
      }
      JsonNode metaSoul = meta.get("#");
      if (metaSoul == null || !metaSoul.isString() || !metaSoul.stringValue().equals(soul)) {
        throw new MalformedException("node '" + cut(soul) + "' has '_.#' " + kind(metaSoul) + ", not its soul");
      }
      JsonNode states = meta.get(">");
      if (states == null || !states.isObject()) {
        throw new MalformedException("node '" + cut(soul) + "' has no '_.>' state object");
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = field.getKey();
        if (key.equals("_")) {
          continue;
        }
        JsonNode state = states.get(key);
        if (state == null || !state.isNumber() || !Double.isFinite(state.doubleValue())) {
          throw new MalformedException(
              "key '" + cut(key) + "' of node '" + cut(soul) + "' has state " + kind(state) + ", not a finite number");
        }
        JsonNode value = field.getValue();
        if (!validValue(value)) {
          throw new MalformedException(
              "key '" + cut(key) + "' of node '" + cut(soul) + "' has invalid value " + kind(value));
        }
        values.add(new GunMessage.Value(soul, key, state.doubleValue(), value));
      }
    }
    return values;
  }

  /** GUN's {@code valid}: null, text, boolean, finite number, or a relation {@code {"#": soul}}. */
  private static boolean validValue(JsonNode v) {
    if (v.isNull() || v.isString() || v.isBoolean()) {
      return true;
    }
    if (v.isNumber()) {
      return Double.isFinite(v.doubleValue());
    }
    return v.isObject() && v.size() == 1 && v.get("#") != null && v.get("#").isString()
        && !v.get("#").stringValue().isEmpty();
  }

  private static Optional<String> optionalString(JsonNode m, String field) throws MalformedException {
    JsonNode v = m.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isString()) {
      throw new MalformedException("'" + field + "' must be a string, got " + kind(v));
    }
    return Optional.of(v.stringValue());
  }

  private static String kind(JsonNode v) {
    if (v == null) {
      return "nothing";
    }
    String text = v.toString();
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + cut(text);
  }

  private static String cut(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return cut(nl < 0 ? s : s.substring(0, nl));
  }

  // ---- writing ----

  /** {@code {"#": id, "put": {soul: {"_": {"#": soul, ">": {key: state}}, key: value}}}}. */
  public static String put(String id, String soul, String key, double state, String value) {
    ObjectNode m = NODES.objectNode();
    m.put("#", id);
    m.set("put", nodeOf(soul, key, state, value));
    return m.toString();
  }

  /** The reply to get {@code ackOf} carrying one node: {@code {"#": id, "@": ackOf, "put": {...}}}. */
  public static String reply(String id, String ackOf, String soul, String key, double state, String value) {
    ObjectNode m = NODES.objectNode();
    m.put("#", id);
    m.put("@", ackOf);
    m.set("put", nodeOf(soul, key, state, value));
    return m.toString();
  }

  /** {@code {"#": id, "get": {"#": soul, ".": key}}}; the key is left out when empty. */
  public static String get(String id, String soul, Optional<String> key) {
    ObjectNode m = NODES.objectNode();
    m.put("#", id);
    ObjectNode get = m.putObject("get");
    get.put("#", soul);
    key.ifPresent(k -> get.put(".", k));
    return m.toString();
  }

  /** The answer to a DAM {@code ?} hello: {@code {"#": id, "dam": "?", "pid": pid, "@": ackOf}}. */
  public static String hello(String id, String pid, String ackOf) {
    ObjectNode m = NODES.objectNode();
    m.put("#", id);
    m.put("dam", "?");
    m.put("pid", pid);
    m.put("@", ackOf);
    return m.toString();
  }

  /** Joins already encoded messages into one batch frame, or returns the single message as is. */
  public static String batch(List<String> messages) {
    if (messages.size() == 1) {
      return messages.get(0);
    }
    return "[" + String.join(",", messages) + "]";
  }

  /** The length of {@code text} in UTF-8 bytes (what Holster's frame limit counts). */
  public static long utf8Length(String text) {
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static ObjectNode nodeOf(String soul, String key, double state, String value) {
    ObjectNode put = NODES.objectNode();
    ObjectNode node = put.putObject(soul);
    ObjectNode meta = node.putObject("_");
    meta.put("#", soul);
    ObjectNode states = meta.putObject(">");
    if (state == Math.rint(state) && Math.abs(state) < 9.007199254740992E15) {
      states.put(key, (long) state);
    } else {
      states.put(key, state);
    }
    node.put(key, value);
    return put;
  }
}
