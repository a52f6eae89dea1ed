package org.allocationcommons.transport.gun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class FramesProperties {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Fragments of GUN messages glued together at random: mostly broken, sometimes valid. */
  @Provide
  Arbitrary<String> frames() {
    Arbitrary<String> piece =
        Arbitraries.of(
            "{", "}", "[", "]", ",", ":", "\"#\"", "\"@\"", "\"put\"", "\"get\"", "\"_\"", "\">\"",
            "\"dam\"", "\"s\"", "\"doc\"", "1", "-2.5e3", "null", "true", "\"x\"", "{\"#\":\"s\"}", "\"\\u0000\"");
    return piece.list().ofMaxSize(30).map(l -> String.join("", l));
  }

  @Property(tries = 1000)
  void parsingNeverThrowsAndAccountsForEveryPart(@ForAll("frames") String frame) {
    Frames.Parsed parsed = Frames.parse(frame, 1 << 20);
    int parts = parsed.messages().size() + parsed.malformed().size();
    JsonNode tree;
    try {
      tree = JSON.readTree(frame);
    } catch (JacksonException e) {
      tree = null;
    }
    if (tree != null && tree.isArray()) {
      assertThat(parts).as("one message or one reason per batch element").isEqualTo(tree.size());
    } else {
      assertThat(parts).as("one message or one reason").isEqualTo(1);
    }
  }

  @Property(tries = 300)
  void arbitraryTextNeverThrows(@ForAll String frame) {
    Frames.parse(frame, 1 << 20);
  }
}
