package org.allocationcommons.sync.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.allocationcommons.sync.codec.Codec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streaming shortcut is only a shortcut: wherever it writes, it writes databind's bytes, and
 * wherever it reads, databind reads the same record. Inputs are random documents of every type
 * (many invalid), written by databind and then mutated token by token (values replaced by nulls,
 * strings, integers, fractions, huge or non-finite numbers, objects and arrays; properties removed,
 * duplicated or added; trailing content), so that most of the ways a peer can bend a document are
 * tried on both paths.
 */
class FastPathProperties {

  private static final Codec CODEC = Codec.defaults();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Provide
  Arbitrary<Object> documents() {
    return Arbitraries.randomValue((Random r) -> new RandomDocuments(r).any());
  }

  @Provide
  Arbitrary<Case> mutated() {
    return Arbitraries.randomValue(
        (Random r) -> {
          while (true) {
            Object doc = new RandomDocuments(r).any();
            Optional<byte[]> json = databindWrite(doc);
            if (json.isPresent()) {
              return new Case(doc.getClass(), mutate(json.get(), r));
            }
          }
        });
  }

  @Property(tries = 800)
  void whereverTheShortcutWritesItWritesDatabindsBytes(@ForAll("documents") Object doc) {
    Optional<byte[]> fast = FastPath.write(CODEC.factory(), doc);
    Statistics.label("write").collect(fast.isPresent() ? "fast" : "databind");
    Optional<byte[]> slow = databindWrite(doc);
    fast.ifPresent(
        bytes -> assertThat(slow.map(b -> new String(b, StandardCharsets.UTF_8)))
            .as("databind writes it too")
            .contains(new String(bytes, StandardCharsets.UTF_8)));
  }

  @Property(tries = 400)
  void indentedItWritesWhatDatabindsDefaultPrettyPrinterWrites(@ForAll("documents") Object doc) {
    Optional<byte[]> fast = FastPath.write(CODEC.factory(), doc, true);
    Optional<String> slow;
    try {
      slow = Optional.of(CODEC.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } catch (JacksonException e) {
      slow = Optional.empty();
    }
    Optional<String> expected = slow;
    fast.ifPresent(
        bytes -> assertThat(expected).as("databind writes it too").contains(new String(bytes, StandardCharsets.UTF_8)));
  }

  @Property(tries = 800)
  void whereverTheShortcutReadsDatabindReadsTheSameRecord(@ForAll("documents") Object doc) {
    databindWrite(doc).ifPresent(json -> assertSameRead(doc.getClass(), json));
  }

  /** Databind's bytes, or empty where it cannot write the value (a null map key). */
  private static Optional<byte[]> databindWrite(Object doc) {
    try {
      return Optional.of(CODEC.mapper().writeValueAsBytes(doc));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  @Property(tries = 2000)
  void mutatedDocumentsReadTheSameOnBothPaths(@ForAll("mutated") Case c) {
    assertSameRead(c.type(), c.json());
  }

  /** A mutated document and the type it is read as. */
  record Case(Class<?> type, byte[] json) {
    @Override
    public String toString() {
      return type.getSimpleName() + " " + new String(json, StandardCharsets.UTF_8);
    }
  }

  private static void assertSameRead(Class<?> type, byte[] json) {
    Optional<?> fast = FastPath.read(CODEC.factory(), json, type, CODEC.maxStampNodes());
    Statistics.label("read").collect(fast.isPresent() ? "fast" : "databind");
    if (fast.isEmpty()) {
      return; // the codec reads these through databind alone
    }
    Object slow;
    try {
      slow = CODEC.mapper().readValue(json, type);
    } catch (JacksonException e) {
      throw new AssertionError(
          "the shortcut read " + fast.get() + " where databind refuses: " + e.getOriginalMessage(), e);
    }
    assertThat(fast.get()).isEqualTo(slow);
  }

  private static byte[] mutate(byte[] json, Random r) {
    JsonNode root = CODEC.mapper().readTree(json);
    int steps = 1 + r.nextInt(3);
    String text = null;
    for (int s = 0; s < steps; s++) {
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      JsonNode target = containers.get(r.nextInt(containers.size()));
      if (target instanceof ObjectNode o && !o.isEmpty()) {
        List<String> names = new ArrayList<>(o.propertyNames());
        String name = names.get(r.nextInt(names.size()));
        switch (r.nextInt(4)) {
          case 0 -> o.remove(name);
          case 1 -> o.set("unknown_" + r.nextInt(3), value(r));
          default -> o.set(name, value(r));
        }
      } else if (target instanceof ArrayNode a && !a.isEmpty()) {
        a.set(r.nextInt(a.size()), value(r));
      }
    }
    text = root.toString();
    switch (r.nextInt(8)) {
      case 0 -> {
        // a duplicate property: the first one repeated at the start of the root
        int colon = text.indexOf(':');
        int comma = text.indexOf(',');
        if (text.startsWith("{\"") && colon > 0 && comma > colon && !text.substring(colon, comma).contains("{")) {
          text = "{" + text.substring(1, comma + 1) + text.substring(1);
        }
      }
      case 1 -> text = text + (r.nextBoolean() ? " {}" : " 1");
      case 2 -> text = text.replaceFirst("\\.0([,}\\]])", "$1"); // a whole double written as an integer
      default -> { }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainer()) {
      out.add(n);
      for (JsonNode child : n.values()) {
        collect(child, out);
      }
    }
  }

  private static JsonNode value(Random r) {
    return switch (r.nextInt(14)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.stringNode("5");
      case 2 -> NODES.stringNode("");
      case 3 -> NODES.numberNode(5);
      case 4 -> NODES.numberNode(5.5);
      case 5 -> NODES.numberNode(-1);
      case 6 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
      case 7 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
      case 8 -> NODES.booleanNode(r.nextBoolean());
      case 9 -> NODES.objectNode();
      case 10 -> NODES.arrayNode().add(1).add("x");
      case 11 -> NODES.numberNode(Long.MAX_VALUE);
      case 12 -> NODES.stringNode("mutual");
      default -> NODES.numberNode(r.nextInt(3));
    };
  }
}
