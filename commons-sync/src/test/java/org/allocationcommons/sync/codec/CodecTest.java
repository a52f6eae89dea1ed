package org.allocationcommons.sync.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.itc.Stamp;
import org.junit.jupiter.api.Test;

class CodecTest {

  final Codec codec = Codec.defaults();

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void stampJsonIsExactlyTheOriginalsForm() {
    assertThat(codec.mapper().writeValueAsString(Stamp.seed())).isEqualTo("{\"id\":1,\"event\":0}");
    Stamp s = Stamp.parse("((0, (1, 0)), (0, 1, 0))");
    String json = codec.mapper().writeValueAsString(s);
    assertThat(json).isEqualTo("{\"id\":{\"l\":0,\"r\":{\"l\":1,\"r\":0}},\"event\":{\"n\":0,\"l\":1,\"r\":0}}");
    assertThat(codec.mapper().readValue(json, Stamp.class)).isEqualTo(s);
  }

  @Test
  void malformedStampsAreRejectedNamingTheSubField() {
    String c = "{\"pubKey\":\"k\",\"timestamp\":5,\"itcStamp\":{\"id\":2,\"event\":0}}";
    assertThatThrownBy(() -> codec.read(utf8(c), Commitment.class))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("itcStamp")
        .hasMessageContaining("id = 2: an id leaf must be 0 or 1");
    String neg = "{\"pubKey\":\"k\",\"timestamp\":5,\"itcStamp\":{\"id\":1,\"event\":{\"n\":0,\"l\":-1,\"r\":0}}}";
    assertThatThrownBy(() -> codec.read(utf8(neg), Commitment.class)).hasMessageContaining("event.l = -1");
  }

  @Test
  void commitmentsUseTheWireNamesAndIgnoreUnknownFields() {
    Commitment c =
        Commitment.builder("alice")
            .capacitySlot(AvailabilitySlot.of("s", "soup", 3))
            .needSlot(NeedSlot.of("n", "tea", 1))
            .recognize("bob", 0.5)
            .itcStamp(Stamp.seed().event())
            .timestamp(1_000)
            .build();
    String json = new String(codec.write(c), StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"capacity_slots\"", "\"need_slots\"", "\"recognition_weights\"", "\"itcStamp\"",
            "\"damping_factor\"", "\"damping_history\"", "\"mr_values\"", "\"pubKey\"");
    String withExtra = json.replaceFirst("\\{", "{\"future_field\":{\"x\":[1,2]},");
    assertThat(codec.read(utf8(withExtra), Commitment.class)).isEqualTo(c);
  }

  @Test
  void violationsNameTheJsonFieldTheValueAndTheRule() {
    String json =
        "{\"pubKey\":\"a\",\"timestamp\":0,\"itcStamp\":{\"id\":1,\"event\":0},"
            + "\"need_slots\":[{\"id\":\"n\",\"name\":\"x\",\"quantity\":-2}],"
            + "\"recognition_weights\":{\"b\":1.5},\"damping_factor\":2}";
    assertThatThrownBy(() -> codec.read(utf8(json), Commitment.class))
        .isInstanceOfSatisfying(
            InvalidDocumentException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field, Violation::value)
                    .contains(
                        org.assertj.core.groups.Tuple.tuple("need_slots[0].quantity", "-2.0"),
                        org.assertj.core.groups.Tuple.tuple("timestamp", "0"),
                        org.assertj.core.groups.Tuple.tuple("damping_factor", "2.0")))
        .hasMessageContaining("recognition_weights[b] = 1.5: must be less than or equal to 1")
        .hasMessageContaining("damping_factor = 2.0: must be less than or equal to 1")
        .hasMessageNotContaining("${");
  }

  @Test
  void nanAndInfinityAreRejectedAsTokensAndAsStrings() {
    String base = "{\"pubKey\":\"a\",\"timestamp\":5,\"itcStamp\":{\"id\":1,\"event\":0},\"damping_factor\":%s}";
    for (String v : List.of("NaN", "Infinity", "\"NaN\"", "\"-Infinity\"")) {
      assertThatThrownBy(() -> codec.read(utf8(base.formatted(v)), Commitment.class))
          .as(v)
          .isInstanceOf(InvalidDocumentException.class);
    }
  }

  @Test
  void unknownTiersAreRejected() {
    String json =
        "{\"itcStamp\":{\"id\":0,\"event\":3},\"timestamp\":5,\"slot_allocations\":[{\"availability_slot_id\":\"s\","
            + "\"recipient_pubkey\":\"b\",\"recipient_need_slot_id\":\"n\",\"quantity\":1,\"tier\":\"gold\"}]}";
    assertThatThrownBy(() -> codec.read(utf8(json), AllocationState.class))
        .hasMessageContaining("slot_allocations[0].tier")
        .hasMessageContaining("gold");
  }

  @Test
  void oversizedDocumentsAreRejectedBeforeParsing() {
    Codec small = Codec.withLimits(100, 64);
    byte[] big = utf8("{\"pubKey\":\"" + "a".repeat(200) + "\"}");
    assertThatThrownBy(() -> small.read(big, Commitment.class))
        .hasMessageContaining(big.length + " bytes: must be at most 100 bytes");
    assertThatThrownBy(() -> Codec.withLimits(0, 64)).hasMessageContaining("maxDocumentBytes = 0");
  }

  @Test
  void deeplyNestedStampsAreRejectedByTheNestingLimit() {
    StringBuilder id = new StringBuilder("1");
    for (int i = 0; i < 300; i++) {
      id.insert(0, "{\"l\":0,\"r\":").append('}');
    }
    String json = "{\"pubKey\":\"a\",\"timestamp\":5,\"itcStamp\":{\"id\":" + id + ",\"event\":0}}";
    assertThatThrownBy(() -> codec.read(utf8(json), Commitment.class))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("nesting depth");
    // a generous limit lets the stamp itself decide (Stamp.MAX_DEPTH = 512): 300 is fine
    Commitment c = Codec.withLimits(1 << 20, 400).read(utf8(json), Commitment.class);
    assertThat(c.itcStamp().isAnonymous()).isFalse();
  }

  @Test
  void writingValidatesFirst() {
    Commitment bad = Commitment.builder("a").timestamp(0).build();
    assertThatThrownBy(() -> codec.write(bad))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("timestamp = 0: must be greater than 0");
  }
}
