package org.allocationcommons.core.model;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries for the model, aimed at the edges of matching: missing and open-ended dates,
 * multi-month ranges, date-times, unparseable dates, remote slots, city and country in mixed case,
 * coordinates around 1-degree cell borders, the poles and the antimeridian, latitude without
 * longitude. (commons-testkit will carry richer, realistic generators.)
 */
public final class ModelArbitraries {

  private ModelArbitraries() {}

  /** The matching-relevant attributes of a slot, applicable to either slot builder. */
  public record SlotAttrs(
      String type,
      String start,
      String end,
      String city,
      String country,
      Double lat,
      Double lon,
      String locationType,
      String onlineLink) {

    /** Applies to a need slot builder. */
    public NeedSlot.Builder applyTo(NeedSlot.Builder b) {
      return b.needTypeId(type)
          .startDate(start)
          .endDate(end)
          .city(city)
          .country(country)
          .latitude(lat)
          .longitude(lon)
          .locationType(locationType)
          .onlineLink(onlineLink);
    }

    /** Applies to a capacity slot builder. */
    public AvailabilitySlot.Builder applyTo(AvailabilitySlot.Builder b) {
      return b.needTypeId(type)
          .startDate(start)
          .endDate(end)
          .city(city)
          .country(country)
          .latitude(lat)
          .longitude(lon)
          .locationType(locationType)
          .onlineLink(onlineLink);
    }
  }

  private record Where(String city, String country, Double lat, Double lon, String type, String link) {}

  private record When(String start, String end) {}

  /** Need types, often absent. */
  public static Arbitrary<String> types() {
    return Arbitraries.of("meals", "rides", "care").injectNull(0.4);
  }

  /** Date ranges over 2024-2025 in the formats the matcher accepts, plus odd ones. */
  public static Arbitrary<String[]> dateRanges() {
    Arbitrary<Integer> day = Arbitraries.integers().between(0, 729);
    Arbitrary<Integer> length = Arbitraries.integers().between(0, 100);
    Arbitrary<String[]> both =
        Combinators.combine(day, length, Arbitraries.of(true, false))
            .as((d, l, dateTime) -> new String[] {date(d, dateTime, false), date(d + l, dateTime, true)});
    Arbitrary<String[]> startOnly = day.map(d -> new String[] {date(d, false, false), null});
    Arbitrary<String[]> endOnly = day.map(d -> new String[] {null, date(d, false, true)});
    Arbitrary<String[]> bad =
        Arbitraries.of("next tuesday", "2024-13-45", "06/01/2024", "")
            .map(s -> new String[] {s, null});
    Arbitrary<String[]> inverted =
        Combinators.combine(day, length).as((d, l) -> new String[] {date(d + l + 1, false, false), date(d, false, true)});
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(new String[] {null, null})),
        Tuple.of(6, both),
        Tuple.of(1, startOnly),
        Tuple.of(1, endOnly),
        Tuple.of(1, bad),
        Tuple.of(1, inverted));
  }

  private static String date(int dayOffset, boolean dateTime, boolean end) {
    java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 1).plusDays(dayOffset);
    return dateTime ? d + (end ? "T18:00:00Z" : "T09:30:00+02:00") : d.toString();
  }

  private static final double[][] BASES = {
    {52.52, 13.40}, // Berlin
    {52.39, 13.06}, // Potsdam, ~27 km from Berlin
    {53.0, 14.0}, // on a cell corner
    {0.0, 179.9}, // antimeridian
    {0.0, -179.95},
    {89.8, 0.0}, // near the pole
    {-33.87, 151.21} // Sydney
  };

  /** Locations: none, remote, city/country in mixed case, coordinates near borders, odd mixes. */
  private static Arbitrary<Where> places() {
    Arbitrary<String> cities = Arbitraries.of("Berlin", "berlin", "BERLIN", "Potsdam", "Paris", "Sydney");
    Arbitrary<String> countries = Arbitraries.of("DE", "de", "FR", "AU");
    Arbitrary<double[]> near =
        Combinators.combine(
                Arbitraries.integers().between(0, BASES.length - 1),
                Arbitraries.doubles().between(-0.6, 0.6),
                Arbitraries.doubles().between(-0.8, 0.8))
            .as(
                (i, dl, dn) -> {
                  double lat = Math.max(-90, Math.min(90, BASES[i][0] + dl));
                  double lon = BASES[i][1] + dn;
                  lon = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
                  return new double[] {lat, lon};
                });
    Arbitrary<Where> none = Arbitraries.just(new Where(null, null, null, null, null, null));
    Arbitrary<Where> remote =
        Combinators.combine(
                Arbitraries.of("Online", "REMOTE work", "in person", "remote"),
                Arbitraries.of("https://meet.example/x", "").injectNull(0.5),
                cities.injectNull(0.5))
            .as((t, link, city) -> new Where(city, null, null, null, t, link));
    Arbitrary<Where> city =
        Combinators.combine(cities, countries.injectNull(0.5))
            .as((c, k) -> new Where(c, k, null, null, null, null));
    Arbitrary<Where> country = countries.map(k -> new Where(null, k, null, null, null, null));
    Arbitrary<Where> coords =
        Combinators.combine(near, cities.injectNull(0.6), countries.injectNull(0.7))
            .as((p, c, k) -> new Where(c, k, p[0], p[1], null, null));
    Arbitrary<Where> latOnly = near.map(p -> new Where(null, null, p[0], null, null, null));
    Arbitrary<Where> lonOnly = near.map(p -> new Where("Paris", null, null, p[1], null, null));
    return Arbitraries.frequencyOf(
        Tuple.of(3, none),
        Tuple.of(2, remote),
        Tuple.of(4, city),
        Tuple.of(2, country),
        Tuple.of(5, coords),
        Tuple.of(1, latOnly),
        Tuple.of(1, lonOnly));
  }

  /** Matching attributes of a slot. */
  public static Arbitrary<SlotAttrs> slotAttrs() {
    return Combinators.combine(types(), dateRanges(), places())
        .as(
            (t, d, w) ->
                new SlotAttrs(t, d[0], d[1], w.city(), w.country(), w.lat(), w.lon(), w.type(), w.link()));
  }

  /** Quantities, sometimes exactly 0. */
  public static Arbitrary<Double> quantities() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0.0)),
        Tuple.of(8, Arbitraries.doubles().between(0.1, 10).ofScale(2)));
  }

  /** A need slot with this id. */
  public static Arbitrary<NeedSlot> needSlot(String id) {
    return Combinators.combine(slotAttrs(), quantities())
        .as((a, q) -> a.applyTo(NeedSlot.builder(id).name("need " + id).quantity(q)).build());
  }

  /** A capacity slot with this id. */
  public static Arbitrary<AvailabilitySlot> availabilitySlot(String id) {
    return Combinators.combine(slotAttrs(), quantities())
        .as((a, q) -> a.applyTo(AvailabilitySlot.builder(id).name("cap " + id).quantity(q)).build());
  }

  /** Need slots n0..n(k-1). */
  public static Arbitrary<List<NeedSlot>> needSlots(String owner, int max) {
    return Arbitraries.integers()
        .between(0, max)
        .flatMap(
            k -> {
              if (k == 0) {
                return Arbitraries.just(List.<NeedSlot>of());
              }
              List<Arbitrary<NeedSlot>> each = new ArrayList<>();
              for (int i = 0; i < k; i++) {
                each.add(needSlot(owner + "-n" + i));
              }
              return Combinators.combine(each).as(l -> l);
            });
  }
}
