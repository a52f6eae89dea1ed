package org.allocationcommons.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.NeedSlot;
import org.junit.jupiter.api.Test;

/** Each filter rule type. */
class FiltersTest {

  private static final AvailabilitySlot OWNER = AvailabilitySlot.builder("a").coordinates(52.52, 13.40).build();

  private static FilterContext ctx(double mr, NeedSlot subject, Profile profile) {
    return new FilterContext("bob", mr, subject, OWNER, profile);
  }

  private static FilterVerdict eval(FilterRule rule, double mr, NeedSlot subject, Profile profile) {
    return Filters.evaluate(rule, ctx(mr, subject, profile));
  }

  private static final NeedSlot PLAIN = NeedSlot.of("n", "", 1);

  @Test
  void noRuleAllowAllDenyAll() {
    assertThat(Filters.evaluate(Optional.empty(), ctx(0, PLAIN, Profile.NONE))).isEqualTo(FilterVerdict.PASS);
    assertThat(eval(new FilterRule.AllowAll(), 0, PLAIN, Profile.NONE)).isEqualTo(FilterVerdict.PASS);
    assertThat(eval(new FilterRule.DenyAll(), 1, PLAIN, Profile.NONE)).isEqualTo(FilterVerdict.REJECT);
  }

  @Test
  void trust() {
    assertThat(eval(FilterRule.Trust.minimum(0.3), 0.3, PLAIN, Profile.NONE)).isEqualTo(FilterVerdict.PASS);
    assertThat(eval(FilterRule.Trust.minimum(0.3), 0.29, PLAIN, Profile.NONE)).isEqualTo(FilterVerdict.REJECT);
    assertThat(eval(FilterRule.Trust.onlyMutualRecognition(), 0.01, PLAIN, Profile.NONE)).isEqualTo(FilterVerdict.PASS);
    assertThat(eval(FilterRule.Trust.onlyMutualRecognition(), 0, PLAIN, Profile.NONE)).isEqualTo(FilterVerdict.REJECT);
    assertThat(eval(new FilterRule.Trust(Optional.empty(), false), 0, PLAIN, Profile.NONE)).isEqualTo(FilterVerdict.PASS);
  }

  @Test
  void location() {
    NeedSlot berlin = NeedSlot.builder("n").city("Berlin").country("DE").build();
    NeedSlot leipzig = NeedSlot.builder("n").city("Leipzig").country("DE").coordinates(51.34, 12.37).build();
    NeedSlot potsdam = NeedSlot.builder("n").coordinates(52.39, 13.06).build();
    assertThat(eval(FilterRule.Location.cities("BERLIN"), 0, berlin, Profile.NONE)).isEqualTo(FilterVerdict.PASS);
    assertThat(eval(FilterRule.Location.cities("Berlin"), 0, leipzig, Profile.NONE)).isEqualTo(FilterVerdict.REJECT);
    assertThat(eval(FilterRule.Location.cities("Berlin"), 0, PLAIN, Profile.NONE)).isEqualTo(FilterVerdict.REJECT);
    assertThat(eval(FilterRule.Location.countries("de"), 0, leipzig, Profile.NONE)).isEqualTo(FilterVerdict.PASS);
    // ~150 km from the owner's slot in Berlin
    assertThat(eval(FilterRule.Location.within(100), 0, leipzig, Profile.NONE)).isEqualTo(FilterVerdict.REJECT);
    assertThat(eval(FilterRule.Location.within(30), 0, potsdam, Profile.NONE)).isEqualTo(FilterVerdict.PASS);
    // without coordinates on the subject the distance cannot be checked: passes
    assertThat(eval(FilterRule.Location.within(1), 0, berlin, Profile.NONE)).isEqualTo(FilterVerdict.PASS);
  }

  @Test
  void attributes() {
    FilterRule rule = new FilterRule.Attribute(List.of("verified"), List.of("banned"));
    assertThat(eval(rule, 0, PLAIN, Profile.withAttributes("verified"))).isEqualTo(FilterVerdict.PASS);
    assertThat(eval(rule, 0, PLAIN, Profile.withAttributes("verified", "banned"))).isEqualTo(FilterVerdict.REJECT);
    assertThat(eval(rule, 0, PLAIN, Profile.NONE)).isEqualTo(FilterVerdict.REJECT);
  }

  @Test
  void certifications() {
    FilterRule cpr2 = new FilterRule.Certification(List.of("cpr"), Optional.of(2.0));
    assertThat(eval(cpr2, 0, PLAIN, Profile.NONE.certified("cpr", 2))).isEqualTo(FilterVerdict.PASS);
    assertThat(eval(cpr2, 0, PLAIN, Profile.NONE.certified("cpr", 1))).isEqualTo(FilterVerdict.REJECT);
    assertThat(eval(cpr2, 0, PLAIN, Profile.NONE.certified("first-aid", 5))).isEqualTo(FilterVerdict.REJECT);
    FilterRule anyLevel3 = new FilterRule.Certification(List.of(), Optional.of(3.0));
    assertThat(eval(anyLevel3, 0, PLAIN, Profile.NONE.certified("x", 3))).isEqualTo(FilterVerdict.PASS);
    assertThat(eval(anyLevel3, 0, PLAIN, Profile.NONE)).isEqualTo(FilterVerdict.REJECT);
    assertThat(eval(new FilterRule.Certification(List.of("cpr"), Optional.empty()), 0, PLAIN, Profile.NONE.certified("cpr", 0)))
        .isEqualTo(FilterVerdict.PASS);
  }

  @Test
  void resourceTypes() {
    NeedSlot food = NeedSlot.builder("n").resourceType("food").build();
    assertThat(eval(new FilterRule.ResourceType(List.of("food"), List.of()), 0, food, Profile.NONE)).isEqualTo(FilterVerdict.PASS);
    assertThat(eval(new FilterRule.ResourceType(List.of("tools"), List.of()), 0, food, Profile.NONE)).isEqualTo(FilterVerdict.REJECT);
    assertThat(eval(new FilterRule.ResourceType(List.of("tools"), List.of()), 0, PLAIN, Profile.NONE)).isEqualTo(FilterVerdict.REJECT);
    assertThat(eval(new FilterRule.ResourceType(List.of(), List.of("food")), 0, food, Profile.NONE)).isEqualTo(FilterVerdict.REJECT);
    assertThat(eval(new FilterRule.ResourceType(List.of(), List.of("food")), 0, PLAIN, Profile.NONE)).isEqualTo(FilterVerdict.PASS);
  }

  @Test
  void unknownAndCustomPassUnreviewed() {
    assertThat(eval(new FilterRule.Unknown("custom", Map.of("fn", "x")), 0, PLAIN, Profile.NONE))
        .isEqualTo(FilterVerdict.PASS_UNREVIEWED);
    assertThat(FilterVerdict.PASS_UNREVIEWED.passes()).isTrue();
    assertThat(Filters.warningFor(new FilterRule.Unknown("custom", Map.of()), "a").kind())
        .isEqualTo(MatchWarning.Kind.CUSTOM_FILTER_RULE_IGNORED);
    assertThat(Filters.warningFor(new FilterRule.Unknown("x", Map.of()), "a").kind())
        .isEqualTo(MatchWarning.Kind.UNKNOWN_FILTER_RULE);
    assertThat(Set.of(FilterVerdict.values())).hasSize(3);
  }
}
