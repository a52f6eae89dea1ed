package org.allocationcommons.sync.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.ProviderShare;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.codec.Violation;
import org.allocationcommons.sync.document.DocumentType;
import org.allocationcommons.sync.internal.Membership;
import org.junit.jupiter.api.Test;

class ChecksTest {

  private static Commitment.Builder valid() {
    return Commitment.builder("p").timestamp(1);
  }

  @Test
  void aNaNQuantityBreaksThreeRulesAtItsJsonPath() {
    Commitment c = valid().needSlot(NeedSlot.of("n1", "", 1), NeedSlot.of("n2", "", Double.NaN)).build();
    assertThat(Checks.violations(c))
        .containsExactlyInAnyOrder(
            new Violation("need_slots[1].quantity", "NaN", "must be a finite number (not NaN or infinite)"),
            new Violation("need_slots[1].quantity", "NaN", "must be greater than or equal to 0"),
            new Violation("need_slots[1].quantity", "NaN", "must be less than or equal to 1e12"));
  }

  @Test
  void aSumOverTheBoundNamesTheSumAndTheListSize() {
    Commitment c = valid().needSlot(NeedSlot.of("a", "", 6e11), NeedSlot.of("b", "", 6e11)).build();
    assertThat(Checks.violations(c))
        .containsExactly(
            new Violation(
                "need_slots", "(2 entries)",
                "quantities sum to 1.2E12, must sum to at most 1e12 (SPEC 7, arithmetic limits)"));
  }

  @Test
  void mapKeysAndNestedMapsAreNamedAsTheEngineNamesThem() {
    Map<String, Map<String, ProviderShare>> reports = new LinkedHashMap<>();
    reports.put("n1", Map.of(" ", ProviderShare.of(1, 2e12)));
    Commitment c = valid().recognize(" ", 0.5).report(Map.of(), reports).build();
    assertThat(Checks.violations(c))
        .containsExactlyInAnyOrder(
            new Violation("recognition_weights<K>[ ]", " ", "must not be blank"),
            new Violation("need_slot_reports[n1]<K>[ ]", " ", "must not be blank"),
            new Violation("need_slot_reports[n1][ ].received", "2.0E12", "must be less than or equal to 1.000000001e12"));
  }

  @Test
  void negativeZeroFailsPositiveOrZeroButNotDecimalMinZero() {
    Commitment c = valid().needSlot(NeedSlot.of("n", "", -0.0)).recognize("q", -0.0).build();
    assertThat(Checks.violations(c))
        .containsExactly(new Violation("need_slots[0].quantity", "-0.0", "must be greater than or equal to 0"));
  }

  @Test
  void longValuesAreCutTo120Characters() {
    String id = " ".repeat(200);
    Violation v = Checks.violations(NeedSlot.of(id, "", 1)).get(0);
    assertThat(v.field()).isEqualTo("id");
    assertThat(v.value()).hasSize(120).endsWith("...");
    assertThat(v.rule()).isEqualTo("must not be blank");
  }

  @Test
  void aValidCommitmentHasNoViolations() {
    Commitment c = valid().needSlot(NeedSlot.of("n", "", 3)).recognize("q", 1).dampingFactor(0).build();
    assertThat(Checks.violations(c)).isEmpty();
  }

  @Test
  void everyDocumentTypeIsCoveredButNotArbitraryClasses() {
    for (DocumentType t : DocumentType.values()) {
      assertThat(Checks.covers(t.javaType())).as("%s", t).isTrue();
    }
    assertThat(Checks.covers(Membership.class)).isTrue();
    assertThat(Checks.covers(Object.class)).isFalse();
    assertThat(Checks.covers(Stamp.class)).isFalse();
    assertThatThrownBy(() -> Checks.violations(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
