package org.allocationcommons.sync.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.allocationcommons.core.matching.Compatibility;
import org.allocationcommons.core.matching.FilterContext;
import org.allocationcommons.core.matching.FilterVerdict;
import org.allocationcommons.core.matching.Filters;
import org.allocationcommons.core.matching.MatchWarning;
import org.allocationcommons.core.matching.Profile;
import org.allocationcommons.core.matching.SlotCompatibility;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.NeedSlot;
import org.junit.jupiter.api.Test;

/**
 * The network/JSON boundary agrees with the local API and SPEC 7: no coercion, the same checks as
 * the local API, tolerance for filter rules, and errors in the project's own words.
 */
class CodecBoundaryTest {

  final Codec codec = Codec.defaults();

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A commitment with {@code fields} spliced into an otherwise valid document. */
  static String commitment(String fields) {
    return "{\"pubKey\":\"a\",\"timestamp\":5,\"itcStamp\":{\"id\":1,\"event\":0}"
        + (fields.isEmpty() ? "" : "," + fields) + "}";
  }

  static String needSlot(String quantity) {
    return "\"need_slots\":[{\"id\":\"n\",\"name\":\"tea\",\"quantity\":" + quantity + "}]";
  }

  static InvalidDocumentException rejection(Codec codec, String json, Class<?> type) {
    try {
      codec.read(utf8(json), type);
    } catch (InvalidDocumentException e) {
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  /** Nothing a library would say: feature names, class names, hints to reconfigure. */
  static void inOurOwnWords(InvalidDocumentException e) {
    assertThat(e.getMessage())
        .doesNotContain("`", "Jackson", "DeserializationFeature", "MapperFeature", "JsonReadFeature",
            "CoercionConfig", "StreamReadConstraints", "java.lang", "org.allocationcommons", "tools.jackson",
            "(set ", "enable ");
  }

  // 1. no coercion

  @Test
  void aStringWhereANumberIsExpectedIsRejectedNamingTheField() {
    for (String q : List.of("\"5\"", "\"5 \"", "\"0\"", "\"\"", "\" \"", "\"\\u0000\"")) {
      InvalidDocumentException e = rejection(codec, commitment(needSlot(q)), Commitment.class);
      assertThat(e.violations())
          .as(q)
          .extracting(Violation::field, Violation::value, Violation::rule)
          .containsExactly(tuple("need_slots[0].quantity", q, "must be a number, not a string"));
      inOurOwnWords(e);
    }
  }

  @Test
  void aStringRecognitionWeightIsRejected() {
    InvalidDocumentException e =
        rejection(codec, commitment("\"recognition_weights\":{\"b\":\"0.5\"}"), Commitment.class);
    assertThat(e.violations())
        .extracting(Violation::field, Violation::value, Violation::rule)
        .containsExactly(tuple("recognition_weights[b]", "\"0.5\"", "must be a number, not a string"));
    inOurOwnWords(e);
  }

  @Test
  void aNumberWhereABooleanIsExpectedIsRejected() {
    String state = "{\"itcStamp\":{\"id\":0,\"event\":3},\"timestamp\":5,\"converged\":1}";
    InvalidDocumentException e = rejection(codec, state, AllocationState.class);
    assertThat(e.violations())
        .extracting(Violation::field, Violation::value, Violation::rule)
        .containsExactly(tuple("converged", "1", "must be true or false, not a number"));
    inOurOwnWords(e);
    InvalidDocumentException s = rejection(codec, state.replace(":1}", ":\"true\"}"), AllocationState.class);
    assertThat(s.violations()).extracting(Violation::rule).containsExactly("must be true or false, not a string");
  }

  @Test
  void aFractionWhereAnIntegerIsExpectedIsRejected() {
    String json = commitment("").replace("\"timestamp\":5", "\"timestamp\":5.5");
    InvalidDocumentException e = rejection(codec, json, Commitment.class);
    assertThat(e.violations())
        .extracting(Violation::field, Violation::value, Violation::rule)
        .containsExactly(tuple("timestamp", "5.5", "must be an integer"));
    inOurOwnWords(e);
    InvalidDocumentException s = rejection(codec, commitment("").replace("\"timestamp\":5", "\"timestamp\":\"5\""),
        Commitment.class);
    assertThat(s.violations()).extracting(Violation::rule).containsExactly("must be an integer, not a string");
  }

  // 2. the same checks as the local API

  @Test
  void duplicateSlotIdsWithinACommitmentAreRejected() {
    String json = commitment(
        "\"need_slots\":[{\"id\":\"n\",\"name\":\"tea\",\"quantity\":1},{\"id\":\"n\",\"name\":\"milk\",\"quantity\":2}],"
            + "\"capacity_slots\":[{\"id\":\"c\",\"name\":\"soup\",\"quantity\":1},"
            + "{\"id\":\"c\",\"name\":\"soup\",\"quantity\":1}]");
    InvalidDocumentException e = rejection(codec, json, Commitment.class);
    assertThat(e.violations())
        .extracting(Violation::field, Violation::value, Violation::rule)
        .containsExactly(
            tuple("capacity_slots[1].id", "c", "must be unique among capacity_slots"),
            tuple("need_slots[1].id", "n", "must be unique among need_slots"));
    // the same id on both sides is fine, as in the local API
    String both = commitment("\"need_slots\":[{\"id\":\"x\",\"name\":\"tea\",\"quantity\":1}],"
        + "\"capacity_slots\":[{\"id\":\"x\",\"name\":\"tea\",\"quantity\":1}]");
    assertThat(codec.read(utf8(both), Commitment.class).needSlots()).hasSize(1);
  }

  // 3. tolerance where the original is tolerant

  static String withRule(String rule) {
    return commitment("\"need_slots\":[{\"id\":\"n\",\"name\":\"tea\",\"quantity\":1,\"filter_rule\":" + rule + "}]");
  }

  static Optional<FilterRule> ruleOf(Commitment c) {
    return c.needSlots().get(0).filterRule();
  }

  @Test
  void aRuleWithMissingFieldsMeansThoseChecksAreAbsent() {
    Commitment c = codec.read(utf8(withRule("{\"type\":\"trust\",\"min_mutual_recognition\":0.2}")), Commitment.class);
    assertThat(ruleOf(c)).contains(FilterRule.Trust.minimum(0.2));
    Commitment bare = codec.read(utf8(withRule("{\"type\":\"trust\"}")), Commitment.class);
    assertThat(ruleOf(bare)).contains(new FilterRule.Trust(Optional.empty(), false));
    Commitment nulled = codec.read(utf8(withRule("{\"type\":\"trust\",\"only_mutual\":null}")), Commitment.class);
    assertThat(ruleOf(nulled)).contains(new FilterRule.Trust(Optional.empty(), false));
    Commitment loc = codec.read(utf8(withRule("{\"type\":\"location\"}")), Commitment.class);
    assertThat(ruleOf(loc)).contains(new FilterRule.Location(List.of(), List.of(), Optional.empty()));
  }

  @Test
  void aMalformedRulePassesAndIsReported() {
    for (String rule : List.of(
        "{\"type\":\"trust\",\"only_mutual\":\"yes\"}",
        "{\"type\":\"location\",\"allowed_cities\":\"Paris\"}",
        "{\"type\":\"trust\",\"min_mutual_recognition\":\"high\"}",
        "{\"only_mutual\":true}",
        "{\"type\":7}",
        "\"trust\"",
        "[1,2]")) {
      Commitment c = codec.read(utf8(withRule(rule)), Commitment.class);
      FilterRule r = ruleOf(c).orElseThrow(() -> new AssertionError(rule + " was dropped"));
      assertThat(r).as(rule).isInstanceOf(FilterRule.Unknown.class);
      NeedSlot need = c.needSlots().get(0);
      AvailabilitySlot avail = AvailabilitySlot.of("s", "tea", 1);
      FilterContext ctx = new FilterContext("p", 0.0, avail, need, Profile.NONE);
      assertThat(Filters.evaluate(r, ctx)).as(rule).isEqualTo(FilterVerdict.PASS_UNREVIEWED);
      Compatibility m = SlotCompatibility.compatible(need, avail, ctx, ctx);
      assertThat(m.filtersPass()).as(rule).isTrue();
      assertThat(m.warnings()).as(rule).extracting(MatchWarning::kind)
          .containsExactly(MatchWarning.Kind.UNKNOWN_FILTER_RULE);
      // what passed unreviewed survives a round trip, so it is still reported downstream
      assertThat(ruleOf(codec.read(codec.write(c), Commitment.class)).orElseThrow()).as(rule)
          .isInstanceOf(FilterRule.Unknown.class);
    }
  }

  @Test
  void anUnknownRuleStillPasses() {
    Commitment c = codec.read(utf8(withRule("{\"type\":\"custom\",\"code\":\"return true\"}")), Commitment.class);
    assertThat(ruleOf(c).orElseThrow()).isInstanceOfSatisfying(FilterRule.Unknown.class,
        u -> assertThat(u.isCustomCode()).isTrue());
  }

  @Test
  void anOutOfRangeRuleValueIsStillRejected() {
    InvalidDocumentException e = rejection(codec,
        withRule("{\"type\":\"trust\",\"min_mutual_recognition\":2}"), Commitment.class);
    assertThat(e.getMessage()).contains("need_slots[0].filter_rule.min_mutual_recognition");
  }

  // 4. errors in our own words

  @Test
  void nonFiniteTokensNameTheFieldAndTheRule() {
    for (String token : List.of("NaN", "Infinity", "-Infinity")) {
      InvalidDocumentException e = rejection(codec, commitment(needSlot(token)), Commitment.class);
      assertThat(e.violations())
          .as(token)
          .extracting(Violation::field, Violation::value, Violation::rule)
          .containsExactly(tuple("need_slots[0].quantity", token, "must be a finite number"));
      assertThat(e.getMessage()).contains("need_slots[0].quantity = " + token + ": must be a finite number");
      inOurOwnWords(e);
    }
  }

  @Test
  void syntaxErrorsGiveLineAndColumn() {
    String json = "{\n  \"pubKey\": \"a\",\n  \"timestamp\": 5,,\n}";
    InvalidDocumentException e = rejection(codec, json, Commitment.class);
    assertThat(e.getMessage()).contains("<document>: invalid JSON at line 3, column 18: unexpected character");
    inOurOwnWords(e);
    InvalidDocumentException t = rejection(codec, "{\"pubKey\": \"a\"", Commitment.class);
    assertThat(t.getMessage()).contains("invalid JSON at line 1, column");
    inOurOwnWords(t);
  }

  @Test
  void missingPrimitivesAndTrailingTokensAreInOurWords() {
    InvalidDocumentException missing =
        rejection(codec, "{\"pubKey\":\"a\",\"itcStamp\":{\"id\":1,\"event\":0}}", Commitment.class);
    assertThat(missing.violations())
        .extracting(Violation::field, Violation::value, Violation::rule)
        .containsExactly(tuple("timestamp", "null", "is required"));
    inOurOwnWords(missing);
    InvalidDocumentException trailing = rejection(codec, commitment("") + " {}", Commitment.class);
    assertThat(trailing.getMessage()).contains("trailing content after the document");
    inOurOwnWords(trailing);
    InvalidDocumentException wrongShape = rejection(codec, commitment("\"need_slots\":{}"), Commitment.class);
    assertThat(wrongShape.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("need_slots", "must be an array, not an object"));
    inOurOwnWords(wrongShape);
  }

  @Test
  void tooDeepNestingIsInOurWords() {
    InvalidDocumentException e = rejection(Codec.withLimits(1 << 20, 8),
        commitment("\"x\":[[[[[[[[[[1]]]]]]]]]]"), Commitment.class);
    assertThat(e.getMessage()).contains("nesting depth").contains("limit of 8");
    inOurOwnWords(e);
  }

  /** SPEC 7: a stamp tree beyond the node limit is refused on receipt in JSON too ({@code Stamp.of} counts, before normalising). */
  @Test
  void aStampBeyondTheNodeLimitIsRefused() {
    Codec roomy = Codec.withLimits(16 << 20, 200);
    String big = commitment("").replace("\"itcStamp\":{\"id\":1,", "\"itcStamp\":{\"id\":" + idTree(16) + ",");
    InvalidDocumentException e = rejection(roomy, big, org.allocationcommons.core.model.Commitment.class);
    assertThat(e.getMessage()).contains("itcStamp").contains("node limit");
    inOurOwnWords(e);
    String fine = commitment("").replace("\"itcStamp\":{\"id\":1,", "\"itcStamp\":{\"id\":" + idTree(12) + ",");
    assertThat(roomy.read(utf8(fine), org.allocationcommons.core.model.Commitment.class).itcStamp().nodeCount())
        .isLessThan(org.allocationcommons.itc.Stamp.DEFAULT_MAX_NODES);
  }

  /** A balanced id tree of this depth whose leaves alternate 1 and 0 (nothing normalises away). */
  private static String idTree(int depth) {
    if (depth == 0) {
      return "{\"l\":1,\"r\":0}";
    }
    String sub = idTree(depth - 1);
    return "{\"l\":" + sub + ",\"r\":" + sub + "}";
  }

  /** A rule over a whole list names the list and its size, not its records' toString. */
  @Test
  void aSumBeyondTheLimitNamesTheListAndTheSum() {
    String json = commitment("\"need_slots\":[{\"id\":\"a\",\"name\":\"tea\",\"quantity\":1e308},"
        + "{\"id\":\"b\",\"name\":\"tea\",\"quantity\":1e308}]");
    InvalidDocumentException e = rejection(codec, json, org.allocationcommons.core.model.Commitment.class);
    assertThat(e.getMessage()).contains("need_slots = (2 entries): quantities sum to Infinity").doesNotContain("NeedSlot[");
    inOurOwnWords(e);
  }

  /** SPEC 7: the ITC node limit is the codec's (and so the node builder's) to configure. */
  @Test
  void theStampNodeLimitIsConfigurable() {
    String json = commitment("").replace("\"itcStamp\":{\"id\":1,", "\"itcStamp\":{\"id\":" + idTree(2) + ",");
    assertThat(codec.read(utf8(json), org.allocationcommons.core.model.Commitment.class)).isNotNull();
    Codec strict = Codec.withLimits(1 << 20, 200, 8);
    assertThat(strict.maxStampNodes()).isEqualTo(8);
    InvalidDocumentException e = rejection(strict, json, org.allocationcommons.core.model.Commitment.class);
    assertThat(e.getMessage()).contains("itcStamp").contains("8");
    inOurOwnWords(e);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Codec.withLimits(1 << 20, 200, 1))
        .hasMessageContaining("maxStampNodes = 1");
  }
}
