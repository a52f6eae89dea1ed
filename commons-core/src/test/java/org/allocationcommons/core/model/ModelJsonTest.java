package org.allocationcommons.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allocationcommons.itc.Stamp;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/** The Jackson annotations give the JSON of SPEC section 3. */
class ModelJsonTest {

  /** Stand-in for commons-sync's stamp codec: paper notation as a string. */
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .addModule(
              new SimpleModule()
                  .addSerializer(
                      Stamp.class,
                      new StdSerializer<Stamp>(Stamp.class) {
                        @Override
                        public void serialize(Stamp value, JsonGenerator gen, SerializationContext ctxt) {
                          gen.writeString(value.toString());
                        }
                      })
                  .addDeserializer(
                      Stamp.class,
                      new StdDeserializer<Stamp>(Stamp.class) {
                        @Override
                        public Stamp deserialize(JsonParser p, DeserializationContext ctxt) {
                          return Stamp.parse(p.getString());
                        }
                      }))
          .build();

  private static final long T = 1_700_000_000_000L;

  private static Commitment sample() {
    return Commitment.builder("alice")
        .timestamp(T)
        .itcStamp(Stamp.seed().event())
        .capacitySlot(
            AvailabilitySlot.builder("a1")
                .name("soup")
                .quantity(5)
                .needTypeId("meals")
                .dates("2024-06-01", "2024-06-30")
                .city("Berlin")
                .coordinates(52.52, 13.40)
                .filterRule(FilterRule.Trust.minimum(0.2))
                .build())
        .needSlot(
            NeedSlot.builder("n1")
                .name("rides")
                .quantity(2)
                .locationType("Online")
                .filterRule(new FilterRule.Unknown("custom", Map.of("fn", "return 1")))
                .build())
        .recognize("bob", 0.4)
        .mrValues(Map.of("bob", 0.3))
        .dampingFactor(0.8)
        .dampingHistory(List.of(DampingEntry.of(1.5, T - 1000)))
        .build();
  }

  @Test
  void commitmentRoundTripsWithTheOriginalNames() {
    Commitment c = sample();
    String json = JSON.writeValueAsString(c);
    JsonNode tree = JSON.readTree(json);
    assertThat(tree.propertyNames())
        .containsExactlyInAnyOrder(
            "pubKey", "capacity_slots", "need_slots", "recognition_weights", "mr_values",
            "itcStamp", "timestamp", "damping_factor", "damping_history");
    JsonNode slot = tree.get("capacity_slots").get(0);
    assertThat(slot.propertyNames())
        .containsExactlyInAnyOrder(
            "id", "name", "quantity", "need_type_id", "start_date", "end_date", "city", "latitude",
            "longitude", "filter_rule");
    assertThat(slot.get("filter_rule").get("type").asString()).isEqualTo("trust");
    assertThat(slot.get("filter_rule").get("min_mutual_recognition").asDouble()).isEqualTo(0.2);
    assertThat(tree.get("damping_history").get(0).has("overAllocation")).isTrue();
    assertThat(JSON.readValue(json, Commitment.class)).isEqualTo(c);
  }

  @Test
  void unknownFieldsAreIgnoredAndAbsentOnesDefault() {
    String json =
        """
        {"pubKey": "bob", "itcStamp": "(1, 0)", "timestamp": 5, "future_field": {"x": [1, 2]},
         "need_slots": [{"id": "n1", "name": "", "quantity": 1, "h3_index": "abc", "city": null}]}
        """;
    Commitment c = JSON.readValue(json, Commitment.class);
    assertThat(c.dampingFactor()).isEqualTo(1.0);
    assertThat(c.capacitySlots()).isEmpty();
    assertThat(c.recognitionWeights()).isEmpty();
    assertThat(c.dampingHistory()).isEmpty();
    assertThat(c.needSlots().get(0).city()).isEmpty();
    assertThat(c.needSlots().get(0).latitude()).isEmpty();
  }

  @Test
  void filterRulesByType() {
    FilterRule trust =
        JSON.readValue("{\"type\":\"trust\",\"only_mutual\":true,\"extra\":1}", FilterRule.class);
    assertThat(trust).isEqualTo(new FilterRule.Trust(Optional.empty(), true));
    assertThat(JSON.readValue("{\"type\":\"allow_all\"}", FilterRule.class)).isInstanceOf(FilterRule.AllowAll.class);
    assertThat(JSON.readValue("{\"type\":\"deny_all\"}", FilterRule.class)).isInstanceOf(FilterRule.DenyAll.class);
    FilterRule location =
        JSON.readValue(
            "{\"type\":\"location\",\"allowed_cities\":[\"Berlin\"],\"max_distance_km\":10}", FilterRule.class);
    assertThat(location).isEqualTo(new FilterRule.Location(List.of("Berlin"), List.of(), Optional.of(10.0)));
    FilterRule resource =
        JSON.readValue("{\"type\":\"resource_type\",\"forbidden_types\":[\"x\"]}", FilterRule.class);
    assertThat(resource).isEqualTo(new FilterRule.ResourceType(List.of(), List.of("x")));
    FilterRule cert =
        JSON.readValue("{\"type\":\"certification\",\"required\":[\"cpr\"],\"min_level\":2}", FilterRule.class);
    assertThat(cert).isEqualTo(new FilterRule.Certification(List.of("cpr"), Optional.of(2.0)));
    FilterRule attribute =
        JSON.readValue("{\"type\":\"attribute\",\"required\":[\"a\"],\"forbidden\":[\"b\"]}", FilterRule.class);
    assertThat(attribute).isEqualTo(new FilterRule.Attribute(List.of("a"), List.of("b")));
  }

  @Test
  void unknownAndCustomRulesAreKeptVerbatim() {
    FilterRule weird = JSON.readValue("{\"type\":\"weird\",\"level\":3,\"tags\":[\"a\"]}", FilterRule.class);
    assertThat(weird).isInstanceOf(FilterRule.Unknown.class);
    FilterRule.Unknown u = (FilterRule.Unknown) weird;
    assertThat(u.type()).isEqualTo("weird");
    assertThat(u.raw()).containsEntry("level", 3).containsKey("tags");
    assertThat(u.isCustomCode()).isFalse();
    JsonNode back = JSON.readTree(JSON.writeValueAsString(weird));
    assertThat(back.get("type").asString()).isEqualTo("weird");
    assertThat(back.get("level").asInt()).isEqualTo(3);
    FilterRule custom = JSON.readValue("{\"type\":\"custom\",\"fn\":\"rm -rf\"}", FilterRule.class);
    assertThat(((FilterRule.Unknown) custom).isCustomCode()).isTrue();
    assertThat(JSON.writeValueAsString(new FilterRule.AllowAll())).isEqualTo("{\"type\":\"allow_all\"}");
  }

  @Test
  void allocationStateRoundTripsAndUnknownTiersAreRejected() {
    AllocationState s =
        new AllocationState(
            Map.of("a1", SlotDenominators.of(2.5, 0.5)),
            List.of(new SlotAllocation("a1", "bob", "n1", 1.25, true, true, Tier.NON_MUTUAL)),
            Map.of("bob", 1.25),
            true,
            List.of(ConvergenceEntry.of(0.0005, T)),
            Stamp.seed(),
            T);
    String json = JSON.writeValueAsString(s);
    JsonNode tree = JSON.readTree(json);
    assertThat(tree.propertyNames())
        .containsExactlyInAnyOrder(
            "slot_denominators", "slot_allocations", "recipient_totals", "converged",
            "convergenceHistory", "itcStamp", "timestamp");
    assertThat(tree.get("slot_denominators").get("a1").has("nonMutual")).isTrue();
    assertThat(tree.get("slot_allocations").get(0).get("tier").asString()).isEqualTo("non-mutual");
    assertThat(tree.get("slot_allocations").get(0).has("recipient_need_slot_id")).isTrue();
    assertThat(tree.get("convergenceHistory").get(0).has("denominatorDelta")).isTrue();
    assertThat(JSON.readValue(json, AllocationState.class)).isEqualTo(s);

    String gold = json.replace("\"non-mutual\"", "\"gold\"");
    assertThatThrownBy(() -> JSON.readValue(gold, AllocationState.class))
        .hasMessageContaining("gold")
        .hasMessageContaining("mutual");
    assertThat(Tier.fromWire("mutual")).isEqualTo(Tier.MUTUAL);
    assertThatThrownBy(() -> Tier.fromWire("Mutual"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tier: unknown value 'Mutual'; expected 'mutual' or 'non-mutual'");
  }

  @Test
  void collectionsAreNeverNullAndImmutable() {
    Commitment c = new Commitment("x", null, null, null, null, Stamp.seed(), T, null, null, null, null);
    assertThat(c.capacitySlots()).isEmpty();
    assertThat(c.dampingFactor()).isEqualTo(1.0);
    assertThatThrownBy(() -> c.needSlots().add(NeedSlot.of("n", "", 1)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(
            () -> Commitment.builder("x").needSlots(java.util.Arrays.asList(NeedSlot.of("n", "", 1), null)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need_slots[1] is null; elements are required");
    assertThatThrownBy(() -> new Commitment("x", null, null, null, null, null, T, null, null, null, null))
        .hasMessageContaining("itcStamp");
  }

  @Test
  void buildersRoundTripEveryField() {
    AvailabilitySlot full =
        AvailabilitySlot.builder("a")
            .name("n").quantity(1).emoji("x").unit("h").description("d").resourceType("r")
            .needTypeId("t").filterRule(new FilterRule.DenyAll()).hiddenUntilRequestAccepted(true)
            .advanceNoticeHours(2.0).bookingWindowHours(3.0).allDay(false).recurrence("weekly")
            .customRecurrenceRepeatEvery(2).customRecurrenceRepeatUnit("weeks")
            .customRecurrenceEndType("after").customRecurrenceEndValue("5").startDate("2024-01-01")
            .startTime("09:00").endDate("2024-02-01").endTime("17:00").timeZone("Europe/Berlin")
            .locationType("Specific").longitude(13.4).latitude(52.5).streetAddress("s")
            .city("c").stateProvince("sp").postalCode("p").country("k").onlineLink("l")
            .parentSlotId("ps").mutualAgreementRequired(true).priority(1.0)
            .build();
    assertThat(full.toBuilder().build()).isEqualTo(full);
    assertThat(JSON.readValue(JSON.writeValueAsString(full), AvailabilitySlot.class)).isEqualTo(full);
    assertThat(JSON.readTree(JSON.writeValueAsString(full)).propertyNames()).hasSize(35);
    NeedSlot n = NeedSlot.of("n1", "meals", 3.0).toBuilder().city("Berlin").build();
    assertThat(n.city()).contains("Berlin");
    assertThat(n.quantity()).isEqualTo(3.0);
  }
}
