package org.allocationcommons.sync.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.itc.Stamp;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the model's documents are read and written without building the databind mapper (most
 * of a cold start), and whatever the streaming path leaves aside still reads and fails as before.
 */
class CodecStreamingTest {

  private static Commitment typical() {
    return Commitment.builder("alice")
        .capacitySlot(AvailabilitySlot.of("s", "soup", 3))
        .needSlot(NeedSlot.builder("n").name("tea").quantity(2).city("Lyon").coordinates(45.7, 4.8).build())
        .recognize("bob", 0.5)
        .itcStamp(Stamp.seed().fork().left().event())
        .timestamp(1_000)
        .build();
  }

  @Test
  void typicalDocumentsNeverBuildTheMapper() {
    Codec codec = Codec.withLimits(Codec.DEFAULT_MAX_DOCUMENT_BYTES, Codec.DEFAULT_MAX_NESTING_DEPTH);
    Commitment c = typical();
    assertThat(codec.read(codec.write(c), Commitment.class)).isEqualTo(c);
    AllocationState s =
        new AllocationState(Map.of(), java.util.List.of(), Map.of("bob", 2.5), true, java.util.List.of(),
            Stamp.seed().event(), 2_000);
    assertThat(codec.read(codec.write(s), AllocationState.class)).isEqualTo(s);
    assertThat(codec.mapperBuilt()).isFalse();
  }

  @Test
  void indentedDocumentsAreWrittenWithoutTheMapperAsItWouldLayThemOut() {
    Codec codec = Codec.withLimits(Codec.DEFAULT_MAX_DOCUMENT_BYTES, Codec.DEFAULT_MAX_NESTING_DEPTH);
    Commitment c = typical();
    byte[] indented = codec.writeIndented(c);
    assertThat(codec.mapperBuilt()).isFalse();
    assertThat(codec.read(indented, Commitment.class)).isEqualTo(c);
    assertThat(new String(indented, java.nio.charset.StandardCharsets.UTF_8))
        .contains("\n  \"pubKey\" : ")
        .isEqualTo(codec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(c));
  }

  @Test
  void anIntegerWhereADoubleIsExpectedReadsAsTheOriginalWritesIt() {
    Codec codec = Codec.withLimits(Codec.DEFAULT_MAX_DOCUMENT_BYTES, Codec.DEFAULT_MAX_NESTING_DEPTH);
    String json = new String(codec.write(typical()), StandardCharsets.UTF_8).replace("\"quantity\":2.0", "\"quantity\":2");
    assertThat(json).contains("\"quantity\":2,");
    assertThat(codec.read(json.getBytes(StandardCharsets.UTF_8), Commitment.class)).isEqualTo(typical());
    assertThat(codec.mapperBuilt()).isFalse();
  }

  @Test
  void aFilterRuleGoesThroughDatabindAndRoundTrips() {
    Codec codec = Codec.withLimits(Codec.DEFAULT_MAX_DOCUMENT_BYTES, Codec.DEFAULT_MAX_NESTING_DEPTH);
    Commitment c =
        typical().toBuilder()
            .needSlots(java.util.List.of(NeedSlot.builder("n").name("tea").quantity(2)
                .filterRule(FilterRule.Location.cities("Lyon")).build()))
            .build();
    assertThat(codec.read(codec.write(c), Commitment.class)).isEqualTo(c);
    assertThat(codec.mapperBuilt()).isTrue();
  }

  @Test
  void whatTheStreamingPathLeavesAsideIsExplainedAsBefore() {
    Codec codec = Codec.withLimits(Codec.DEFAULT_MAX_DOCUMENT_BYTES, Codec.DEFAULT_MAX_NESTING_DEPTH);
    String json = new String(codec.write(typical()), StandardCharsets.UTF_8).replace("\"quantity\":2.0", "\"quantity\":\"2\"");
    assertThatThrownBy(() -> codec.read(json.getBytes(StandardCharsets.UTF_8), Commitment.class))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("need_slots[0].quantity")
        .hasMessageContaining("must be a number, not a string");
    assertThat(codec.readThroughDatabind(codec.write(typical()), Commitment.class)).isEqualTo(typical());
  }
}
