package org.allocationcommons.core.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.NeedSlot;
import org.junit.jupiter.api.Test;

/** Examples of SPEC 4.1, rule by rule. */
class SlotCompatibilityTest {

  private static NeedSlot.Builder need() {
    return NeedSlot.builder("n").quantity(1);
  }

  private static AvailabilitySlot.Builder avail() {
    return AvailabilitySlot.builder("a").quantity(1);
  }

  private static Compatibility check(NeedSlot.Builder n, AvailabilitySlot.Builder a) {
    return SlotCompatibility.check(n.build(), a.build());
  }

  @Test
  void typeMustBeEqualWhenBothPresent() {
    assertThat(check(need().needTypeId("meals"), avail().needTypeId("meals")).compatible()).isTrue();
    assertThat(check(need().needTypeId("meals"), avail().needTypeId("rides")).typeCompatible()).isFalse();
    assertThat(check(need().needTypeId("meals"), avail()).compatible()).isTrue();
    assertThat(check(need(), avail().needTypeId("rides")).compatible()).isTrue();
    assertThat(check(need().needTypeId(""), avail().needTypeId("rides")).compatible()).isTrue(); // blank = absent
  }

  @Test
  void timeRanges() {
    // an undated side is compatible with anything
    assertThat(check(need(), avail().dates("2024-01-01", "2024-01-31")).timeCompatible()).isTrue();
    // overlap on one day, inclusive
    assertThat(check(need().dates("2024-01-31", "2024-02-10"), avail().dates("2024-01-01", "2024-01-31")).timeCompatible()).isTrue();
    assertThat(check(need().dates("2024-02-01", "2024-02-10"), avail().dates("2024-01-01", "2024-01-31")).timeCompatible()).isFalse();
    // a need that started in an earlier month still overlaps (the original's month buckets lost it)
    assertThat(check(need().dates("2023-11-15", "2024-03-01"), avail().dates("2024-01-01", "2024-01-31")).timeCompatible()).isTrue();
    // missing start = -infinity, missing end = +infinity
    assertThat(check(need().endDate("2024-01-05"), avail().startDate("2023-01-01")).timeCompatible()).isTrue();
    assertThat(check(need().endDate("2022-12-31"), avail().startDate("2023-01-01")).timeCompatible()).isFalse();
    assertThat(check(need().startDate("2030-01-01"), avail().endDate("2029-12-31")).timeCompatible()).isFalse();
    // date-times are instants: 10:00+02:00 is 08:00Z, before an 09:00Z start
    assertThat(check(need().dates("2024-01-01T00:00:00Z", "2024-01-01T10:00:00+02:00"), avail().dates("2024-01-01T09:00:00Z", null)).timeCompatible()).isFalse();
  }

  @Test
  void unparseableDatesAreCompatibleButReported() {
    Compatibility c = check(need().dates("next tuesday", null), avail().dates("2024-01-01", "2024-01-02"));
    assertThat(c.timeCompatible()).isTrue();
    assertThat(c.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.kind()).isEqualTo(MatchWarning.Kind.UNPARSEABLE_DATE);
              assertThat(w.slotId()).isEqualTo("n");
              assertThat(w.detail()).contains("start_date 'next tuesday'");
            });
    assertThat(SlotCompatibility.dateWarning(avail().endDate("31/12/2024").build())).isPresent();
    assertThat(SlotCompatibility.dateWarning(avail().endDate("2024-12-31").build())).isEmpty();
  }

  @Test
  void location() {
    // no location on one side: compatible
    assertThat(check(need(), avail().city("Berlin")).locationCompatible()).isTrue();
    // online/remote (case-insensitive) or an online link: compatible
    assertThat(check(need().city("Paris").locationType("ONLINE"), avail().city("Berlin")).locationCompatible()).isTrue();
    assertThat(check(need().city("Paris"), avail().city("Berlin").locationType("Remote ok")).locationCompatible()).isTrue();
    assertThat(check(need().city("Paris").onlineLink("https://x"), avail().city("Berlin")).locationCompatible()).isTrue();
    // same city or same country, case-insensitive
    assertThat(check(need().city("berlin"), avail().city("BERLIN")).locationCompatible()).isTrue();
    assertThat(check(need().city("Munich").country("de"), avail().city("Berlin").country("DE")).locationCompatible()).isTrue();
    // both have city/country and nothing matched: incompatible
    assertThat(check(need().city("Paris"), avail().city("Berlin")).locationCompatible()).isFalse();
    assertThat(check(need().country("FR"), avail().city("Berlin")).locationCompatible()).isFalse();
    // coordinates decide when both have them: Berlin-Potsdam ~27 km, Berlin-Leipzig ~150 km
    assertThat(check(need().city("Potsdam").coordinates(52.39, 13.06), avail().city("Berlin").coordinates(52.52, 13.40)).locationCompatible()).isTrue();
    assertThat(check(need().coordinates(51.34, 12.37), avail().coordinates(52.52, 13.40)).locationCompatible()).isFalse();
    // one side only has coordinates, the other only a city: nothing to compare, compatible
    assertThat(check(need().coordinates(51.34, 12.37), avail().city("Berlin")).locationCompatible()).isTrue();
    // across the antimeridian
    assertThat(check(need().coordinates(0, 179.9), avail().coordinates(0, -179.9)).locationCompatible()).isTrue();
  }

  @Test
  void haversine() {
    // Berlin (52.52, 13.40) to Potsdam (52.39, 13.06): about 27 km
    assertThat(SlotCompatibility.distanceKm(52.52, 13.40, 52.39, 13.06)).isCloseTo(27.0, within(1.0));
    // one degree of latitude: 6371 * pi / 180 = 111.19 km
    assertThat(SlotCompatibility.distanceKm(0, 0, 1, 0)).isCloseTo(111.19, within(0.01));
  }

  @Test
  void bilateralFilters() {
    NeedSlot n = need().filterRule(FilterRule.Trust.onlyMutualRecognition()).build();
    AvailabilitySlot a = avail().filterRule(FilterRule.Location.cities("Berlin")).build();
    FilterContext recipientInParis = new FilterContext("bob", 0.5, n.toBuilder().city("Paris").build(), a, Profile.NONE);
    FilterContext provider = new FilterContext("alice", 0.5, a, n, Profile.NONE);
    assertThat(SlotCompatibility.compatible(n, a, recipientInParis, provider).filtersPass()).isFalse();
    FilterContext recipientInBerlin = new FilterContext("bob", 0.5, n.toBuilder().city("berlin").build(), a, Profile.NONE);
    assertThat(SlotCompatibility.compatible(n, a, recipientInBerlin, provider).compatible()).isTrue();
    FilterContext notMutual = new FilterContext("alice", 0, a, n, Profile.NONE);
    assertThat(SlotCompatibility.compatible(n, a, recipientInBerlin, notMutual).compatible()).isFalse();
  }

  @Test
  void unknownRulesPassAndAreReported() {
    AvailabilitySlot a = avail().filterRule(new FilterRule.Unknown("shiny", Map.of())).build();
    NeedSlot n = need().build();
    FilterContext ctx = new FilterContext("bob", 0, n, a, Profile.NONE);
    Compatibility c = SlotCompatibility.compatible(n, a, ctx, new FilterContext("alice", 0, a, n, null));
    assertThat(c.compatible()).isTrue();
    assertThat(c.warnings()).extracting(MatchWarning::kind).containsExactly(MatchWarning.Kind.UNKNOWN_FILTER_RULE);
    assertThat(c.warnings().get(0).toString()).contains("shiny").contains("slot a");
    assertThat(List.copyOf(c.warnings())).hasSize(1);
  }
}
