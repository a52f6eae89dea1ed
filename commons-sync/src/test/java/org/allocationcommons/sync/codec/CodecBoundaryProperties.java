package org.allocationcommons.sync.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;

/** No coercion on the network boundary, whatever the text (SPEC 7). */
class CodecBoundaryProperties {

  final Codec codec = Codec.defaults();

  /** Where a commitment expects a number, and the JSON path a violation must name. */
  @Provide
  Arbitrary<String[]> numericFields() {
    return Arbitraries.of(
        new String[] {"\"need_slots\":[{\"id\":\"n\",\"name\":\"x\",\"quantity\":%s}]", "need_slots[0].quantity"},
        new String[] {"\"capacity_slots\":[{\"id\":\"c\",\"name\":\"x\",\"quantity\":%s}]", "capacity_slots[0].quantity"},
        new String[] {"\"recognition_weights\":{\"b\":%s}", "recognition_weights[b]"},
        new String[] {"\"damping_factor\":%s", "damping_factor"},
        new String[] {"\"need_slots\":[{\"id\":\"n\",\"name\":\"x\",\"quantity\":1,\"latitude\":%s}]",
            "need_slots[0].latitude"});
  }

  @Property(tries = 300)
  void anyStringWhereANumberIsExpectedIsRejected(@ForAll("numericFields") String[] field, @ForAll String text) {
    String value = codec.mapper().writeValueAsString(text);
    String json = "{\"pubKey\":\"a\",\"timestamp\":5,\"itcStamp\":{\"id\":1,\"event\":0},"
        + field[0].formatted(value) + "}";
    InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
        () -> codec.read(json.getBytes(StandardCharsets.UTF_8), Commitment.class));
    assertThat(e).as(json).isNotNull();
    assertThat(e.violations()).extracting(Violation::field).containsExactly(field[1]);
    assertThat(e.violations().get(0).rule()).isEqualTo("must be a number, not a string");
  }

  @Property(tries = 100)
  void anyNumberWhereABooleanIsExpectedIsRejected(@ForAll long n) {
    String json = "{\"itcStamp\":{\"id\":0,\"event\":3},\"timestamp\":5,\"converged\":" + n + "}";
    InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
        () -> codec.read(json.getBytes(StandardCharsets.UTF_8), AllocationState.class));
    assertThat(e).as(json).isNotNull();
    assertThat(e.violations()).extracting(Violation::field, Violation::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("converged", Long.toString(n)));
  }

  static final String VALID =
      "{\"pubKey\":\"a\",\"timestamp\":5,\"itcStamp\":{\"id\":1,\"event\":{\"n\":0,\"l\":1,\"r\":0}},"
          + "\"need_slots\":[{\"id\":\"n\",\"name\":\"x\",\"quantity\":2,\"filter_rule\":{\"type\":\"trust\"}}],"
          + "\"recognition_weights\":{\"b\":0.5},\"damping_factor\":1,\"damping_history\":[]}";

  /** Whatever a damaged document is refused for, the reason is in our words. */
  @Property(tries = 300)
  void damagedDocumentsAreRefusedInOurWords(
      @ForAll("positions") int at, @ForAll("damage") String with, @ForAll boolean cut) {
    int i = Math.min(at, VALID.length() - 1);
    String json = cut ? VALID.substring(0, i) : VALID.substring(0, i) + with + VALID.substring(i + 1);
    try {
      codec.read(json.getBytes(StandardCharsets.UTF_8), Commitment.class);
    } catch (InvalidDocumentException e) {
      assertThat(e.getMessage()).as(json)
          .doesNotContain("`", "Jackson", "Feature", "CoercionConfig", "StreamReadConstraints", "java.lang",
              "tools.jackson", "org.allocationcommons", "(set ", "enable ", "[Source");
    }
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, VALID.length() - 1);
  }

  @Provide
  Arbitrary<String> damage() {
    return Arbitraries.of("\"", "{", "}", "[", "]", ",", ":", "1", "-", "x", "NaN", "\"5\"", "true", "null", "1.5", "", " ");
  }
}
