package org.allocationcommons.transport.gun.internal;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** One GUN wire message, as far as this transport understands it. */
public sealed interface GunMessage {

  /** The message id ({@code #}), if the sender gave one. */
  Optional<String> id();

  /** One key of one node carried by a put: {@code put[soul][key] = value} at {@code state}. */
  record Value(String soul, String key, double state, JsonNode value) {}

  /**
   * {@code {"#": id, "@": ackOf?, "put": {soul: {"_": {"#": soul, ">": {key: state}}, key: value}}}}:
   * an update, or (with {@code @}) the reply to a get.
   */
  record Put(Optional<String> id, Optional<String> ackOf, List<Value> values) implements GunMessage {
    public Put {
      values = List.copyOf(values);
    }
  }

  /** {@code {"#": id, "get": {"#": soul, ".": key?}}}: asks for (and subscribes to) a node. */
  record Get(Optional<String> id, String soul, Optional<String> key) implements GunMessage {}

  /** {@code {"#": id, "@": ackOf, "err": text?, "ok": ...}}: acknowledges message {@code ackOf}. */
  record Ack(Optional<String> id, String ackOf, Optional<String> err) implements GunMessage {}

  /**
   * {@code {"#": id, "@": ackOf, "err": text, "throttle": millis}}: Holster's rate limiter dropped
   * message {@code ackOf} unprocessed; the sender should wait {@code millis} before sending again.
   */
  record Throttle(Optional<String> id, String ackOf, String err, long millis) implements GunMessage {}

  /**
   * {@code {"error": text}}: Holster refused a frame before reading a message id from it (too large,
   * invalid JSON); it answers the frame it refers to, in order, on the same connection only.
   */
  record RelayError(Optional<String> id, String error) implements GunMessage {}

  /** {@code {"#": id, "dam": kind, ...}}: a mesh-level (DAM) message such as the {@code ?} hello. */
  record Dam(Optional<String> id, String dam, Optional<String> ackOf) implements GunMessage {}
}
